import type { ClientFrame } from '../../../shared/contract/wire';

export type TransportStatus = 'connecting' | 'open' | 'closed';

/** Carries contract frames to the main process; the client above it does not know which carrier it has. */
export interface FrameTransport {
  readonly kind: 'electron' | 'websocket';
  send(frame: ClientFrame): void;
  onFrame(listener: (frame: unknown) => void): () => void;
  onStatus(listener: (status: TransportStatus) => void): () => void;
  status(): TransportStatus;
}
