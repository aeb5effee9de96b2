import type { ConsoleBridge } from '../../../shared/contract/bridge';
import { isWelcome, type FrameTransport, type TransportStatus } from './transport';

/**
 * Over Electron IPC, through the preload's bridge. The page announces itself
 * with `hello` (which ends whatever an earlier page in this window had
 * subscribed to) and is open once the main process has answered `welcome`;
 * until then it says it is connecting, so the client holds its frames.
 */
export function createIpcTransport(bridge: ConsoleBridge): FrameTransport {
  const frameListeners = new Set<(frame: unknown) => void>();
  const statusListeners = new Set<(status: TransportStatus) => void>();
  let status: TransportStatus = 'connecting';

  bridge.onFrame((frame) => {
    if (isWelcome(frame)) {
      status = 'open';
      for (const listener of statusListeners) listener(status);
      return;
    }
    for (const listener of frameListeners) listener(frame);
  });
  bridge.send({ kind: 'hello' });

  return {
    kind: 'electron',
    send: (frame) => bridge.send(frame),
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
