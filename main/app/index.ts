import { app, ipcMain, session } from 'electron';
import log from 'electron-log/main';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindApi } from '../api/bind';
import { makeDataDirPrivate } from '../fs/private-data-dir';
import { lockDataDir } from '../platform/data-dir-lock';
import { reportStartupError, runHeadless } from '../server/cli';
import { createServices } from '../services';
import { createElectronPlatform } from './electron-platform';
import { serveIpc } from './ipc-bridge';
import { handleQuit } from './quit';
import { createDesktopSecretBox } from './safe-storage-box';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { rendererLocation } from './renderer-location';
import { createTray } from './tray';
import { createMainWindow, lockDownWebContents } from './window';

const outDir = fileURLToPath(new URL('..', import.meta.url));
const serveAt = process.argv.indexOf('serve');

if (serveAt !== -1) {
  // `parachain-console serve`: the headless console from the packaged app, no window.
  app.dock?.hide();
  app.whenReady().then(() => runHeadless(process.argv.slice(serveAt + 1), { outDir })).catch(reportStartupError);
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  startDesktop().catch((error: unknown) => {
    log.error('app: could not start', error);
    reportStartupError(error);
  });
}

async function startDesktop(): Promise<void> {
  // Before Chromium and the logger create their first files in it (they do so at ready).
  makeDataDirPrivate(app.getPath('userData'));
  log.initialize();
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: process.env.ELECTRON_RENDERER_URL });
  lockDownWebContents(location.isAllowed);
  if (location.servesAppScheme) registerAppScheme();
  await app.whenReady();
  if (location.servesAppScheme) serveAppScheme(join(outDir, 'renderer'));
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);

  const dataDir = app.getPath('userData');
  const unlockDataDir = lockDataDir(dataDir);
  let window: ReturnType<typeof createMainWindow> | undefined;
  const showWindow = (): void => {
    if (!window || window.isDestroyed()) window = open();
    window.show();
    window.focus();
  };
  const tray = createTray({ iconDir: resourceDir('tray'), onOpen: showWindow, onQuit: () => app.quit() });
  const platform = createElectronPlatform({ secrets: await createDesktopSecretBox({ dataDir, log }), tray });
  const services = await createServices({
    platform,
    log,
    version: app.getVersion(),
    settingsPath: join(dataDir, 'settings.json'),
    openSettings: () => new ElectronStore({ name: 'settings', cwd: dataDir, clearInvalidConfig: false }),
  });
  serveIpc(ipcMain, bindApi(services), location.isAllowed, log);
  handleQuit(services, () => {
    tray.destroy();
    unlockDataDir();
  });

  const open = () => createMainWindow({ outDir, iconPath: join(resourceDir('tray'), '..', 'icon.png'), url: location.url, isAllowed: location.isAllowed, hideOnClose: () => services.settings.get().closeToTray });
  window = open();
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // Stay in the tray: collators are watched whether or not a window is open.
  });
}

/** Packaged, the icons are copied beside the asar (electron-builder.yml extraResources); in development they are in build/. */
function resourceDir(name: string): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(outDir, '..', 'build', name);
}
