import Conf from 'conf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bindApi, type ApiOverride } from '../api/bind';
import { isServiceError } from '../errors/service-error';
import type { HealthMonitor } from '../health/health-monitor';
import { createFileLogger } from '../logging/file-logger';
import { lockDataDir } from '../platform/data-dir-lock';
import { createHeadlessPlatform, defaultDataDir } from '../platform/headless-platform';
import { createServices } from '../services';
import { createHeadlessSecretBox } from './headless-secrets';
import { startHeadlessServer } from './headless-server';
import { loadOrCreateAccessToken } from './persisted-token';
import { surviveTerminalLoss } from './terminal-loss';
import { takePassphraseFromEnvironment } from './passphrase-env';

const usage = `Usage: parachain-console serve [--port N] [--data-dir DIR]

Runs the console without a desktop: the same services, served to a browser on
127.0.0.1 only. Open the printed address (it carries the access token), for
example through an SSH tunnel: ssh -L 7420:127.0.0.1:7420 your-server.

  --port N          port on 127.0.0.1 (default 7420; 0 picks a free one)
  --data-dir DIR    data folder (default: the desktop app's)
  --log-level L     debug, info or warn (default info)
  --new-token       replace the access token kept in the data folder (open pages must use the new address)

Environment: PARACHAIN_CONSOLE_PASSPHRASE unlocks the key vault at start.`;

/** Runs the headless console; used by `npm run serve` and by the packaged app's `serve` subcommand. */
export async function runHeadless(argv: string[], build: { outDir: string }): Promise<void> {
  // First of all, before anything can start a child process that would inherit it.
  const passphrase = takePassphraseFromEnvironment(process.env);
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '7420' },
      'data-dir': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      host: { type: 'string' },
      'new-token': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (values.host !== undefined && values.host !== '127.0.0.1') {
    throw new Error(`The console only listens on 127.0.0.1 (asked for ${values.host}). Reach it from elsewhere through an SSH tunnel.`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port}".`);
  const level = values['log-level'] === 'debug' || values['log-level'] === 'warn' ? values['log-level'] : 'info';

  const dataDir = values['data-dir'] ?? defaultDataDir();
  const unlockDataDir = lockDataDir(dataDir);
  const log = createFileLogger(join(dataDir, 'logs'), level);
  surviveTerminalLoss(log, () => log.muteConsole());
  const secrets = await createHeadlessSecretBox(dataDir);
  const platform = createHeadlessPlatform({ dataDir, secrets, log });
  const services = await createServices({
    platform,
    log,
    version: readVersion(join(build.outDir, '..', 'package.json')),
    settingsPath: join(dataDir, 'settings.json'),
    openSettings: () => new Conf({ cwd: dataDir, configName: 'settings', projectName: 'parachain-console', clearInvalidConfig: false }),
    collatorSupervisor: testSupervisorTimings(),
  });
  if (passphrase) await secrets.unlock(passphrase);
  const stopScriptedRelayBlocks = await testScriptedRelayBlocks(services.health);

  const server = await startHeadlessServer({
    router: bindApi(services, await testScriptedKeystore(await testScriptedRelay())),
    rendererDir: join(build.outDir, 'renderer'),
    log,
    port,
    // Kept across restarts, so an open page's cookie still opens the restarted console.
    token: loadOrCreateAccessToken(dataDir, log, { renew: values['new-token'] }),
  });
  // The one line tests and operators look for; keep its shape.
  console.log(`Parachain Console is serving on ${server.url}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info(`server: ${signal}, stopping`);
    stopScriptedRelayBlocks();
    await server.close();
    // Collators keep running when the console stops headless; the next start re-adopts them.
    await services.dispose({ keepCollators: true });
    unlockDataDir();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/**
 * Test-only: PARACHAIN_CONSOLE_TEST_FAST_RESTARTS=1 restarts a crashed collator
 * after 200 ms instead of 10 s, so end-to-end tests can drive a crash loop.
 */
function testSupervisorTimings(): { restartPolicy: { initialDelayMs: number; factor: number } } | undefined {
  return process.env.PARACHAIN_CONSOLE_TEST_FAST_RESTARTS === '1' ? { restartPolicy: { initialDelayMs: 200, factor: 1 } } : undefined;
}

/**
 * Test-only: PARACHAIN_CONSOLE_SCRIPTED_RELAY=1 puts a scripted relay chain
 * behind the contract (no relay chain can run where the tests run);
 * PARACHAIN_CONSOLE_SCRIPTED_PARACHAIN_WS is the node standing in for the parachain;
 * PARACHAIN_CONSOLE_SCRIPTED_HELD_CORES (`4242:7,4243:8`, para:core) gives paras a core whose renewal is open.
 */
async function testScriptedRelay(): Promise<ApiOverride | undefined> {
  if (process.env.PARACHAIN_CONSOLE_SCRIPTED_RELAY !== '1') return undefined;
  const { scriptedRelay } = await import('../onboarding/scripted-relay');
  const heldCores = (process.env.PARACHAIN_CONSOLE_SCRIPTED_HELD_CORES ?? '').split(',').filter(Boolean).map((pair) => {
    const [paraId, core] = pair.split(':').map(Number);
    return { paraId: paraId ?? 0, core: core ?? 0 };
  });
  return scriptedRelay({ parachainWsUrl: process.env.PARACHAIN_CONSOLE_SCRIPTED_PARACHAIN_WS, heldCores });
}

/**
 * Test-only: PARACHAIN_CONSOLE_SCRIPTED_KEYSTORE=1 gives the fixture collators
 * a scripted session-key keystore (they have none), over the scripted relay
 * when that is on too.
 */
async function testScriptedKeystore(below: ApiOverride | undefined): Promise<ApiOverride | undefined> {
  if (process.env.PARACHAIN_CONSOLE_SCRIPTED_KEYSTORE !== '1') return below;
  const { scriptedKeystore } = await import('../onboarding/scripted-keystore');
  return scriptedKeystore(below);
}

/**
 * Test-only: PARACHAIN_CONSOLE_SCRIPTED_RELAY_BLOCKS=1 feeds health monitoring
 * a scripted relay block every second (inclusions with their Aura authors,
 * on-demand orders), for the dashboard's relay-side charts.
 */
async function testScriptedRelayBlocks(health: HealthMonitor): Promise<() => void> {
  if (process.env.PARACHAIN_CONSOLE_SCRIPTED_RELAY_BLOCKS !== '1') return () => undefined;
  const { scriptedRelayBlocks } = await import('../health/probes/scripted-relay-blocks');
  return scriptedRelayBlocks(health);
}

function readVersion(packageJson: string): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(packageJson, 'utf8'));
    return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export function reportStartupError(error: unknown): never {
  const message = isServiceError(error) ? `${error.message}${error.hint ? `\n${error.hint}` : ''}` : error instanceof Error ? error.message : String(error);
  console.error(`Parachain Console could not start: ${message}`);
  process.exit(1);
}
