import type { ClientFrame } from '../../../shared/contract/wire';
import type { FrameTransport, TransportStatus } from './transport';

const RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];

/**
 * Over WebSocket to the headless server. The access token travels as the
 * cookie the server set when the page was opened. Reconnects on its own;
 * frames sent while closed are dropped and the client fails their calls.
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
    setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
    };
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      for (const listener of frameListeners) listener(frame);
    };
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
      if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
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
