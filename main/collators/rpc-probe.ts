import WebSocket from 'ws';

export interface NodeHealth {
  peers: number;
  isSyncing: boolean;
}

/**
 * Asks a node's local JSON-RPC for `system_health`: the sign that the node
 * serves, not merely that its process exists. Null when it does not answer.
 */
export function probeSystemHealth(port: number, timeoutMs: number): Promise<NodeHealth | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}`, { handshakeTimeout: timeoutMs });
    const finish = (health: NodeHealth | null): void => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      resolve(health);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
    socket.once('open', () => socket.send(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'system_health', params: [] })));
    socket.on('message', (data: WebSocket.RawData) => {
      try {
        const reply = JSON.parse(String(data)) as { id?: number; result?: { peers?: unknown; isSyncing?: unknown } };
        if (reply.id !== 1) return;
        const peers = typeof reply.result?.peers === 'number' ? reply.result.peers : 0;
        finish({ peers, isSyncing: reply.result?.isSyncing === true });
      } catch {
        finish(null);
      }
    });
  });
}
