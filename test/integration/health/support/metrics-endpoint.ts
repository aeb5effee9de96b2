import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NodeMetrics {
  best: number;
  finalized: number;
  peers: number;
  syncPeers: number;
  majorSyncing: boolean;
  blocksAuthored: number;
}

/**
 * A real Prometheus text endpoint on 127.0.0.1 serving what a Substrate node's
 * exporter serves, with values the test changes between scrapes.
 */
export class MetricsEndpoint {
  readonly metrics: NodeMetrics = { best: 100, finalized: 98, peers: 5, syncPeers: 2, majorSyncing: false, blocksAuthored: 10 };
  private server: Server | null = null;
  port = 0;

  constructor(private readonly chain = 'my-parachain') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/metrics`;
  }

  async start(port = 0): Promise<void> {
    const server = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(this.render());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    server?.closeAllConnections();
  }

  render(): string {
    const m = this.metrics;
    const chain = `chain="${this.chain}"`;
    return [
      '# HELP substrate_block_height Block height info of the chain',
      '# TYPE substrate_block_height gauge',
      `substrate_block_height{status="best",${chain}} ${m.best}`,
      `substrate_block_height{status="finalized",${chain}} ${m.finalized}`,
      `substrate_block_height{status="sync_target",${chain}} ${m.best}`,
      '# HELP substrate_sub_libp2p_peers_count Number of connected peers',
      '# TYPE substrate_sub_libp2p_peers_count gauge',
      `substrate_sub_libp2p_peers_count{${chain}} ${m.peers}`,
      '# HELP substrate_sync_peers Number of peers we sync with',
      '# TYPE substrate_sync_peers gauge',
      `substrate_sync_peers{${chain}} ${m.syncPeers}`,
      '# HELP substrate_sub_libp2p_is_major_syncing Whether the node is performing a major sync or not.',
      '# TYPE substrate_sub_libp2p_is_major_syncing gauge',
      `substrate_sub_libp2p_is_major_syncing{${chain}} ${m.majorSyncing ? 1 : 0}`,
      '# HELP substrate_ready_transactions_number Number of transactions in the ready queue',
      '# TYPE substrate_ready_transactions_number gauge',
      `substrate_ready_transactions_number{${chain}} 0`,
      '# HELP substrate_proposer_block_constructed Histogram of time taken to construct new block',
      '# TYPE substrate_proposer_block_constructed histogram',
      `substrate_proposer_block_constructed_bucket{${chain},le="0.005"} 0`,
      `substrate_proposer_block_constructed_bucket{${chain},le="+Inf"} ${m.blocksAuthored}`,
      `substrate_proposer_block_constructed_sum{${chain}} ${(m.blocksAuthored * 0.05).toFixed(3)}`,
      `substrate_proposer_block_constructed_count{${chain}} ${m.blocksAuthored}`,
      '# HELP substrate_build_info A metric with a constant \'1\' value labeled by name, version',
      '# TYPE substrate_build_info gauge',
      `substrate_build_info{name="collator-1",version="1.17.0-abc",${chain}} 1`,
      '',
    ].join('\n');
  }
}

/** Another program holding a port: answers HTTP, but not with node metrics. */
export async function startSquatter(port = 0): Promise<{ port: number; stop(): Promise<void> }> {
  const server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Grafana</body></html>'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
