import { z } from 'zod';

/**
 * Declares one call from the UI to the main process. Inputs are always strict
 * objects, so a stray or misspelt field is refused instead of silently ignored.
 */
export interface CallSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'call';
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

/** Declares one stream the UI listens to: its subscription parameters and each event's payload. */
export interface StreamSpec<P extends z.ZodType = z.ZodType, E extends z.ZodType = z.ZodType> {
  readonly kind: 'stream';
  readonly params: P;
  readonly event: E;
  readonly summary: string;
}

export function call<I extends z.ZodObject, O extends z.ZodType>(spec: {
  input: I;
  output: O;
  summary: string;
}): CallSpec<I, O> {
  return { kind: 'call', ...spec };
}

export function stream<P extends z.ZodObject, E extends z.ZodType>(spec: {
  params: P;
  event: E;
  summary: string;
}): StreamSpec<P, E> {
  return { kind: 'stream', ...spec };
}

/** The input of a call that takes nothing. */
export const noInput = z.object({}).strict();

/**
 * The schema of a change to an object whose fields have defaults: every field
 * optional, none filled in. (`schema.partial()` is not enough in zod 4: it
 * still applies defaults, so a patch of one field would reset all the others.)
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const fields = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as { [K in keyof T]: T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K] };
  return z.object(fields).partial().strict();
}
