import { BrowserWindow, app, shell } from 'electron';
import { join } from 'node:path';

export interface WindowOptions {
  outDir: string;
  iconPath: string;
  url: string;
  isAllowed: (url: string) => boolean;
  /** Asked when the operator closes the window: true hides it to the tray. */
  hideOnClose: () => boolean;
}

/** The console window: sandboxed, context-isolated, and unable to go anywhere but our own page. */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Parachain Console',
    icon: options.iconPath,
    webPreferences: {
      preload: join(options.outDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });

  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (!isQuitting && options.hideOnClose()) {
      event.preventDefault();
      window.hide();
    }
  });
  void window.loadURL(options.url);
  return window;
}

let isQuitting = false;

/** Once quitting is decided, closing the window must close it, not hide it. */
export function markQuitting(): void {
  isQuitting = true;
}

/**
 * Applies to every web contents the app ever creates: no navigation away,
 * no new windows (explorer links open in the operator's browser), no
 * permissions, no webviews.
 */
export function lockDownWebContents(isAllowed: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowed(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowed(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
