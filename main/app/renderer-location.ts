import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where the window loads the UI from: the dev server while developing, the built file otherwise. */
export function rendererLocation(outDir: string): { url: string; isAllowed: (url: string) => boolean } {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer && !isPackagedRun()) {
    const origin = new URL(devServer).origin;
    return { url: devServer, isAllowed: (url) => safeOrigin(url) === origin };
  }
  const file = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;
  return { url: file, isAllowed: (url) => url.split('#')[0] === file };
}

function isPackagedRun(): boolean {
  return process.env.NODE_ENV === 'production';
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
