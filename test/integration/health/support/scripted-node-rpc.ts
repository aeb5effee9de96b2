import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A real JSON-RPC endpoint over WebSocket on 127.0.0.1 that answers the
 * methods health monitoring uses, with a chain the test moves block by block.
 * Scripted because no collator binary runs here and chopsticks cannot be told
 * to report peers or syncing; `stop()` and `start()` make it unreachable and back.
 */
export class ScriptedNodeRpc {
  best = 100;
  finalized = 98;
  peers = 5;
  isSyncing = false;
  highestBlock: number | null = null;
  /** Aura public keys (hex) in the node's keystore, as `author_hasKey` reports them. */
  auraKeys: string[] = [];
  private server: WebSocketServer | null = null;
  private readonly subscriptions = new Map<string, { socket: WebSocket; method: string }>();
  private nextSubscription = 1;
  port = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: this.port });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    this.port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => socket.on('message', (data) => this.answer(socket, String(data))));
    this.server = server;
  }

  /** Closes every connection and stops listening: the node's RPC is gone. */
  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    this.subscriptions.clear();
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  produceBlock(count = 1): void {
    for (let i = 0; i < count; i += 1) {
      this.best += 1;
      this.push('chain_newHead', header(this.best));
    }
  }

  finalize(number = this.best): void {
    this.finalized = number;
    this.push('chain_finalizedHead', header(number));
  }

  private push(method: string, result: unknown): void {
    for (const [subscription, target] of this.subscriptions) {
      if (target.method !== method) continue;
      target.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result } }));
    }
  }

  private answer(socket: WebSocket, text: string): void {
    const request = JSON.parse(text) as { id: number; method: string; params: unknown[] };
    const reply = (result: unknown) => socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }));
    switch (request.method) {
      case 'system_health':
        return reply({ peers: this.peers, isSyncing: this.isSyncing, shouldHavePeers: true });
      case 'system_syncState':
        return reply({ startingBlock: 0, currentBlock: this.best, highestBlock: this.highestBlock ?? this.best });
      case 'chain_subscribeNewHeads':
      case 'chain_subscribeFinalizedHeads': {
        const subscription = `s${this.nextSubscription++}`;
        const method = request.method === 'chain_subscribeNewHeads' ? 'chain_newHead' : 'chain_finalizedHead';
        this.subscriptions.set(subscription, { socket, method });
        reply(subscription);
        // A node sends the current head at once, as Substrate does.
        socket.send(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result: header(method === 'chain_newHead' ? this.best : this.finalized) } }));
        return;
      }
      case 'author_hasKey':
        return reply(request.params[1] === 'aura' && this.auraKeys.includes(String(request.params[0])));
      case 'chain_unsubscribeNewHeads':
      case 'chain_unsubscribeFinalizedHeads':
        this.subscriptions.delete(String(request.params[0]));
        return reply(true);
      default:
        socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    }
  }
}

function header(number: number) {
  const hash = `0x${number.toString(16).padStart(64, '0')}`;
  return { parentHash: hash, number: `0x${number.toString(16)}`, stateRoot: hash, extrinsicsRoot: hash, digest: { logs: [] } };
}
