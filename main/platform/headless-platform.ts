import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../logging/logger';
import type { Platform, SecretBox, TrayHealth, TrayMenuItem } from './platform';

/** Where the desktop app keeps its data on each OS, so `serve` and the window share one folder. */
export function defaultDataDir(): string {
  const name = 'Parachain Console';
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name);
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name);
}

/**
 * The platform without Electron: secrets behind the operator's passphrase,
 * notifications and tray state written to the log (an operator on a server
 * watches the web UI, the log, or a webhook).
 */
export function createHeadlessPlatform(options: { dataDir: string; secrets: SecretBox; log: Logger }): Platform {
  const { dataDir, secrets, log } = options;
  let lastTray = '';
  return {
    shell: 'headless',
    paths: { data: dataDir, logs: join(dataDir, 'logs') },
    secrets,
    notify: ({ title, body, level }) => {
      const line = `notification: ${title}: ${body}`;
      if (level === 'critical') log.error(line);
      else if (level === 'warning') log.warn(line);
      else log.info(line);
    },
    tray: {
      setHealth(health: TrayHealth, tooltip: string) {
        const state = `${health}: ${tooltip}`;
        if (state !== lastTray) log.info(`health: ${state}`);
        lastTray = state;
      },
      setItems(_items: TrayMenuItem[]) {
        // No tray without a desktop; the web UI lists the same collators.
      },
    },
  };
}
