import { BRIDGE_GLOBAL, type ConsoleBridge } from '../../../shared/contract/bridge';
import { ApiClient } from './client';
import { createIpcTransport } from './ipc-transport';
import { createWebSocketTransport } from './ws-transport';

/** Picks the carrier once at start: the Electron bridge when the preload gave one, the headless server's WebSocket otherwise. */
export function connectApi(): ApiClient {
  const bridge = (window as unknown as Record<string, ConsoleBridge | undefined>)[BRIDGE_GLOBAL];
  if (bridge) return new ApiClient(createIpcTransport(bridge));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new ApiClient(createWebSocketTransport(`${scheme}://${location.host}/api`));
}
