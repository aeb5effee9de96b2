import type { ConsoleBridge } from '../../../shared/contract/bridge';
import type { FrameTransport, TransportStatus } from './transport';

/** Over Electron IPC, through the preload's bridge; the bridge is always open. */
export function createIpcTransport(bridge: ConsoleBridge): FrameTransport {
  return {
    kind: 'electron',
    send: (frame) => bridge.send(frame),
    onFrame: (listener) => bridge.onFrame(listener),
    onStatus: (_listener: (status: TransportStatus) => void) => () => undefined,
    status: () => 'open',
  };
}
