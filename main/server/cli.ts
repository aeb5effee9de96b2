import Conf from 'conf';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bindApi } from '../api/bind';
import type { ApiRouter } from '../api/router';
import { isServiceError } from '../errors/service-error';
import { createFileLogger } from '../logging/file-logger';
import { lockDataDir } from '../platform/data-dir-lock';
import { createHeadlessPlatform, defaultDataDir } from '../platform/headless-platform';
import { createServices, type ServiceDeps } from '../services';
import type { Services } from '../api/services';
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

/**
 * What an entry point may add to the headless console. The product's entries
 * pass nothing; the end-to-end tests' own entry (under test/) passes their
 * doubles here, so the shipped bundle holds none of them and no switch for them.
 */
export interface HeadlessWiring {
  collatorSupervisor?: ServiceDeps['collatorSupervisor'];
  /** Builds the router over the services in place of `bindApi`. */
  router?: (services: Services) => ApiRouter;
  /** Started once the services are up; what it returns is called when the console stops. */
  attach?: (services: Services) => () => void;
}

/** Runs the headless console; used by `npm run serve` and by the packaged app's `serve` subcommand. */
export async function runHeadless(argv: string[], build: { outDir: string }, wiring: HeadlessWiring = {}): Promise<void> {
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
    collatorSupervisor: wiring.collatorSupervisor,
  });
  if (passphrase) await secrets.unlock(passphrase);
  const detach = wiring.attach?.(services) ?? (() => undefined);

  const server = await startHeadlessServer({
    router: wiring.router?.(services) ?? bindApi(services),
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
    detach();
    await server.close();
    // Collators keep running when the console stops headless; the next start re-adopts them.
    await services.dispose({ keepCollators: true });
    unlockDataDir();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
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
