import { z } from 'zod';
import { apiErrorSchema, envelopeSchema } from './envelope';

/**
 * Frames exchanged by every transport (WebSocket and Electron IPC alike).
 * The main process parses each incoming frame with `clientFrameSchema`
 * before anything else looks at it.
 */
export const clientFrameSchema = z.discriminatedUnion('kind', [
  /**
   * The first frame of every page and of every new socket: "I am a new page".
   * The main process ends whatever the carrier's previous page subscribed to
   * and answers `welcome`; this, not any navigation event, is what starts a session.
   */
  z.object({ kind: z.literal('hello') }),
  z.object({ kind: z.literal('call'), id: z.number().int().nonnegative(), name: z.string().max(100), input: z.unknown() }),
  z.object({ kind: z.literal('subscribe'), id: z.number().int().nonnegative(), name: z.string().max(100), params: z.unknown() }),
  z.object({ kind: z.literal('unsubscribe'), id: z.number().int().nonnegative() }),
]);
export type ClientFrame = z.infer<typeof clientFrameSchema>;

export const serverFrameSchema = z.discriminatedUnion('kind', [
  /** The answer to `hello`: the session is ready for calls and subscriptions. */
  z.object({ kind: z.literal('welcome') }),
  z.object({ kind: z.literal('result'), id: z.number(), result: envelopeSchema }),
  z.object({ kind: z.literal('event'), id: z.number(), data: z.unknown() }),
  z.object({ kind: z.literal('stream-error'), id: z.number(), error: apiErrorSchema }),
  /** A frame the server could not read at all; id is null when none could be recovered. */
  z.object({ kind: z.literal('frame-error'), id: z.number().nullable(), error: apiErrorSchema }),
]);
export type ServerFrame = z.infer<typeof serverFrameSchema>;
