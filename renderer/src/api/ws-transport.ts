import type { ClientFrame } from '../../../shared/contract/wire';
import { isWelcome, type FrameTransport, type TransportStatus } from './transport';

const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * Over WebSocket to the headless server. The access token travels as the
 * cookie the server set when the page was opened (the server keeps its token
 * across restarts, so the cookie still opens a restarted console).
 * Reconnects on its own; each new socket starts with `hello` and is open once
 * the server has answered `welcome`. Frames sent while not open are dropped:
 * the client holds calls and subscriptions until it is open again.
 */
export function createWebSocketTransport(url: string): FrameTransport {
  const frameListeners = new Set<(frame: unknown) => void>();
  const statusListeners = new Set<(status: TransportStatus) => void>();
  let status: TransportStatus = 'connecting';
  let socket: WebSocket | undefined;
  let attempt = 0;

  const setStatus = (next: TransportStatus): void => {
    if (next === status) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  };

  const connect = (): void => {
    // 'closed' stays on screen through the retries: the page says it is reconnecting until a socket is open again.
    if (status !== 'closed') setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ kind: 'hello' } satisfies ClientFrame));
    };
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      if (isWelcome(frame)) {
        attempt = 0;
        setStatus('open');
        return;
      }
      for (const listener of frameListeners) listener(frame);
    };
    // A refused or broken socket is always followed by close, which retries; the error itself says nothing more.
    ws.onerror = () => undefined;
    ws.onclose = () => {
      setStatus('closed');
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
      attempt += 1;
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    kind: 'websocket',
    send(frame: ClientFrame) {
      if (status === 'open' && socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    onFrame(listener) {
      frameListeners.add(listener);
      return () => frameListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    status: () => status,
  };
}
