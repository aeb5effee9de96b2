import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

function sourcesUnder(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The package a bare import names: `@scope/name` or `name`, without a subpath. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

describe('what the main-process bundle leaves to node_modules', () => {
  it('declares every package the main process imports as a runtime dependency, so the build keeps it external and one copy runs', () => {
    // electron-vite bundles any package not in `dependencies`. A bundled second copy of
    // @polkadot/types-codec made every `instanceof AbstractInt` on the api's values false in the built app.
    const imported = new Set<string>();
    for (const file of [...sourcesUnder('main'), ...sourcesUnder('shared')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^'.][^']*)'/gm)) {
        const specifier = match[1] ?? '';
        if (specifier.startsWith('node:')) continue;
        imported.add(packageOf(specifier));
      }
    }
    // The Electron runtime provides `electron` itself; it is a dev dependency on purpose.
    imported.delete('electron');
    const undeclared = [...imported].filter((name) => packageJson.dependencies[name] === undefined).sort();
    expect(undeclared).toEqual([]);
  });
});
