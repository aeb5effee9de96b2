#!/usr/bin/env node
// Fixture collators for the health benchmark: N collators in one process,
// each with a JSON-RPC WebSocket endpoint (system_health, system_syncState,
// new and finalized head subscriptions) and a Prometheus /metrics endpoint on
// 127.0.0.1, producing a block every --block-ms. Driven over IPC:
//   { cmd: 'stall', index }       stop producing blocks; replies { event: 'stalled', index, lastBlockAtMs }
//   { cmd: 'peers', index, peers } set the peer count; replies { event: 'peers-set', index, atMs }
// On start it sends { event: 'ready', collators: [{ rpcPort, metricsPort }] }.
import { createServer } from 'node:http';
import { WebSocketServer } from 'ws';

const option = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const count = option('--count', 1);
const blockMs = option('--block-ms', 6000);

function header(number) {
  const hash = `0x${number.toString(16).padStart(64, '0')}`;
  return { parentHash: hash, number: `0x${number.toString(16)}`, stateRoot: hash, extrinsicsRoot: hash, digest: { logs: [] } };
}

async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

async function startCollator(index) {
  const chain = { best: 1000 + index, finalized: 998 + index, peers: 8, producing: true, lastBlockAtMs: Date.now() };
  const subscriptions = new Map();
  let nextId = 1;
  const push = (method, result) => {
    for (const [subscription, target] of subscriptions) {
      if (target.method === method && target.socket.readyState === 1) target.socket.send(JSON.stringify({ jsonrpc: '2.0', method, params: { subscription, result } }));
    }
  };
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    socket.on('close', () => {
      for (const [id, target] of subscriptions) if (target.socket === socket) subscriptions.delete(id);
    });
    socket.on('message', (data) => {
      const request = JSON.parse(String(data));
      const reply = (result) => socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, result }));
      if (request.method === 'system_health') return reply({ peers: chain.peers, isSyncing: false, shouldHavePeers: true });
      if (request.method === 'system_syncState') return reply({ startingBlock: 0, currentBlock: chain.best, highestBlock: chain.best });
      if (request.method === 'chain_subscribeNewHeads' || request.method === 'chain_subscribeFinalizedHeads') {
        const id = `s${nextId++}`;
        const method = request.method === 'chain_subscribeNewHeads' ? 'chain_newHead' : 'chain_finalizedHead';
        subscriptions.set(id, { socket, method });
        reply(id);
        push(method, header(method === 'chain_newHead' ? chain.best : chain.finalized));
        return;
      }
      if (request.method.startsWith('chain_unsubscribe')) return reply(true);
      socket.send(JSON.stringify({ jsonrpc: '2.0', id: request.id, error: { code: -32601, message: 'Method not found' } }));
    });
  });
  const rpcPort = await listen(http);
  const metrics = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      [
        '# TYPE substrate_block_height gauge',
        `substrate_block_height{status="best",chain="bench"} ${chain.best}`,
        `substrate_block_height{status="finalized",chain="bench"} ${chain.finalized}`,
        '# TYPE substrate_sub_libp2p_peers_count gauge',
        `substrate_sub_libp2p_peers_count{chain="bench"} ${chain.peers}`,
        '# TYPE substrate_sync_peers gauge',
        `substrate_sync_peers{chain="bench"} ${Math.min(chain.peers, 3)}`,
        '# TYPE substrate_sub_libp2p_is_major_syncing gauge',
        'substrate_sub_libp2p_is_major_syncing{chain="bench"} 0',
        '',
      ].join('\n'),
    );
  });
  const metricsPort = await listen(metrics);
  // Blocks of all collators are spread over the block time, as a real fleet's are.
  setTimeout(() => {
    setInterval(() => {
      if (!chain.producing) return;
      chain.best += 1;
      chain.finalized = chain.best - 2;
      chain.lastBlockAtMs = Date.now();
      push('chain_newHead', header(chain.best));
      push('chain_finalizedHead', header(chain.finalized));
    }, blockMs);
  }, (index * blockMs) / Math.max(1, count));
  return { chain, rpcPort, metricsPort };
}

const collators = [];
for (let i = 0; i < count; i += 1) collators.push(await startCollator(i));
process.on('message', (message) => {
  const collator = collators[message.index];
  if (!collator) return;
  if (message.cmd === 'stall') {
    collator.chain.producing = false;
    process.send({ event: 'stalled', index: message.index, lastBlockAtMs: collator.chain.lastBlockAtMs });
  } else if (message.cmd === 'peers') {
    collator.chain.peers = message.peers;
    process.send({ event: 'peers-set', index: message.index, atMs: Date.now() });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ event: 'ready', collators: collators.map(({ rpcPort, metricsPort }) => ({ rpcPort, metricsPort })) });
