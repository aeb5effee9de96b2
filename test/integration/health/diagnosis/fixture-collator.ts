import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import type { CollatorEndpoints } from '../../../../main/health/diagnosis/diagnosis-service';

const fakeCollator = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/fake-collator/fake-collator.mjs');
const running: ChildProcess[] = [];

/**
 * Starts the fixture collator as a real child process with its embedded
 * relay node's exporter on, and resolves once both exporters and its RPC
 * serve and it has made a block. `env` sets its FAKE_* behaviour.
 */
export async function startFixtureCollator(paraId: number, env: Record<string, string> = {}): Promise<CollatorEndpoints> {
  const [rpc, paraMetrics, relayMetrics] = [await getPort(), await getPort(), await getPort()];
  const child = spawn(process.execPath, [fakeCollator, '--collator', '--rpc-port', String(rpc), '--prometheus-port', String(paraMetrics), '--fake-block-ms', '50', '--', '--prometheus-port', String(relayMetrics)], {
    env: { ...process.env, NO_COLOR: '1', FAKE_RELAY_METRICS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let seen = '';
  child.stdout?.setEncoding('utf8');
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the fixture collator exited with ${code}`)));
    child.stdout?.on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes('Running JSON-RPC server') && (seen.match(/Prometheus exporter started/g) ?? []).length >= 2 && seen.includes('Imported #2')) resolve();
    });
  });
  return { paraId, rpcUrl: `ws://127.0.0.1:${rpc}`, parachainMetricsUrl: `http://127.0.0.1:${paraMetrics}/metrics`, relayMetricsUrl: `http://127.0.0.1:${relayMetrics}/metrics` };
}

/** Stops every fixture collator this file started (by its own child handle). */
export async function stopFixtureCollators(): Promise<void> {
  for (const child of running.splice(0)) {
    if (child.exitCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}
