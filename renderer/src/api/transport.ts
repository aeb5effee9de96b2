import type { ClientFrame } from '../../../shared/contract/wire';

export type TransportStatus = 'connecting' | 'open' | 'closed';

/**
 * Carries contract frames to the main process; the client above it does not
 * know which carrier it has. `status()` is the truth: 'open' only once the
 * main process has welcomed this page, so the client can subscribe again
 * after every reconnect.
 */
export interface FrameTransport {
  readonly kind: 'electron' | 'websocket';
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: unknown) => void): () => void;
  onStatus(listener: (status: TransportStatus) => void): () => void;
  status(): TransportStatus;
}

/** The main process's answer to a page's `hello`: from then on the carrier is open. */
export function isWelcome(frame: unknown): boolean {
  return typeof frame === 'object' && frame !== null && 'kind' in frame && frame.kind === 'welcome';
}
