import { APP_INDEX_URL, isAppUrl } from '../static/app-scheme';

export interface RendererLocationInput {
  /** `app.isPackaged`: a release build. Not NODE_ENV, which a packaged Electron app does not set. */
  isPackaged: boolean;
  /** ELECTRON_RENDERER_URL, set by `electron-vite dev` for hot reload. */
  devServerUrl: string | undefined;
}

export interface RendererLocation {
  url: string;
  /** Whether a URL is one of our pages: navigation and IPC senders are checked with it. */
  isAllowed: (url: string) => boolean;
  /** Whether the window loads the built UI through the app's own scheme (which must then be served). */
  servesAppScheme: boolean;
}

/**
 * Where the window loads the UI from: the dev server while developing, the
 * built renderer through `app://console/` otherwise. A release build never
 * honours the dev-server variable: a page from anywhere it named would load
 * with the bridge, pass the IPC origin check, and hold the whole API.
 */
export function rendererLocation({ isPackaged, devServerUrl }: RendererLocationInput): RendererLocation {
  if (devServerUrl && !isPackaged) {
    const origin = safeOrigin(devServerUrl);
    if (origin && isLoopbackHttp(devServerUrl)) {
      return { url: devServerUrl, isAllowed: (url) => safeOrigin(url) === origin, servesAppScheme: false };
    }
  }
  return { url: APP_INDEX_URL, isAllowed: isAppUrl, servesAppScheme: true };
}

/** The dev server runs on this machine; a variable naming anything else is not electron-vite's. */
function isLoopbackHttp(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  } catch {
    return false;
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}
