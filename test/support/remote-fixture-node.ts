import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import getPort from 'get-port';

// Relative to the repository root, where vitest, Playwright and the benchmark all run.
const FAKE_COLLATOR = resolve('test/fixtures/fake-collator/fake-collator.mjs');

/**
 * A fixture collator started directly, as systemd or Kubernetes would run a
 * node: not by the console's supervisor, which knows nothing of it. The
 * console meets it only through its RPC and Prometheus addresses, as it
 * would meet a collator on another machine.
 */
export interface RemoteFixtureNode {
  name: string;
  pid: number;
  rpcUrl: string;
  metricsUrl: string;
  /** Stops producing blocks (SIGUSR1); RPC and metrics keep answering. */
  stall(): void;
  /** Produces blocks again (SIGUSR2). */
  resume(): void;
  /** SIGKILL: the node is gone at once, as in a crash or a lost host. */
  kill(): Promise<void>;
  output(): string;
}

export interface RemoteFixtureOptions {
  blockMs?: number;
  /** Push heads to RPC subscribers, as a real node does (the fixture answers health only otherwise). */
  headSubscriptions?: boolean;
  extraArgs?: string[];
}

export async function startRemoteFixtureNode(name: string, options: RemoteFixtureOptions = {}): Promise<RemoteFixtureNode> {
  const rpcPort = await getPort();
  const metricsPort = await getPort({ exclude: [rpcPort] });
  const args = [
    FAKE_COLLATOR,
    '--collator',
    '--name',
    name,
    '--rpc-port',
    String(rpcPort),
    '--prometheus-port',
    String(metricsPort),
    '--fake-block-ms',
    String(options.blockMs ?? 300),
    ...(options.headSubscriptions === false ? [] : ['--fake-head-subscriptions']),
    ...(options.extraArgs ?? []),
  ];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', NO_COLOR: '1' } });
  let output = '';
  const serving = new Promise<void>((ready, failed) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Keep only the start and the tail: a node logs several lines a block.
      if (output.length > 64_000) output = output.slice(0, 4_000) + output.slice(-32_000);
      if (output.includes('Running JSON-RPC server')) ready();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => failed(new Error(`fixture node ${name} exited (${code ?? signal}) before serving: ${output.slice(-2_000)}`)));
  });
  await serving;
  const exited = new Promise<void>((done) => (child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())));
  return {
    name,
    pid: child.pid ?? 0,
    rpcUrl: `ws://127.0.0.1:${rpcPort}`,
    metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`,
    stall: () => void child.kill('SIGUSR1'),
    resume: () => void child.kill('SIGUSR2'),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    output: () => output,
  };
}
