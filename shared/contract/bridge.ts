import type { ClientFrame } from './wire';

/**
 * All the Electron preload exposes to the page (as `window.parachainConsole`):
 * a frame carrier for the contract, nothing of Electron or Node.
 */
export interface ConsoleBridge {
  send(frame: ClientFrame): void;
  /** Returns a function that stops listening. */
  onFrame(listener: (frame: unknown) => void): () => void;
}

export const BRIDGE_GLOBAL = 'parachainConsole';
export const IPC_CHANNEL = 'parachain-console:frame';
