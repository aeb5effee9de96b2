import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises',
  'http', 'https', 'net', 'os', 'path', 'process', 'readline', 'stream', 'tls', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

/** The process boundaries are a lint rule, not a wish. */
const noElectronNoNode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'electron', message: 'Only main/app and main/preload may import electron.' }, ...nodeBuiltins.map((name) => ({ name, message: 'renderer/ and shared/ run without Node: no Node built-ins.' }))],
    patterns: [{ group: ['node:*'], message: 'renderer/ and shared/ run without Node: no node:* imports.' }, { group: ['**/main/**'], message: 'renderer/ and shared/ reach the main process only through the contract in shared/.' }, { group: ['electron/*'], message: 'Only main/app and main/preload may import electron.' }],
  }],
};

/**
 * Layers inside main/, highest first. A module may import its own layer and the layers below it, never one above:
 * shells → api → feature services → chain, platform, settings → small shared helpers. Features may use one another
 * (health reads blockspace and collators); what everything stands on never reaches up into a feature, so a change
 * inside a feature cannot break the chain vocabulary or the platform. The two shells do not import each other: the
 * Electron process's entry (`main/app/index.ts`) is the one place that picks the desktop or the headless console.
 */
const mainLayers = [
  { type: 'entry', pattern: 'main/app/index.ts' },
  { type: 'desktop', pattern: ['main/app/**', 'main/preload/**'] },
  { type: 'headless', pattern: 'main/server/**' },
  { type: 'composition', pattern: 'main/services.ts' },
  { type: 'static', pattern: 'main/static/**' },
  { type: 'api', pattern: 'main/api/**' },
  { type: 'feature', pattern: ['main/onboarding/**', 'main/blockspace/**', 'main/collators/**', 'main/health/**', 'main/alerts/**', 'main/keys/**', 'main/hrmp/**'] },
  { type: 'base', pattern: ['main/chain/**', 'main/platform/**', 'main/settings/**', 'main/notices/**'] },
  { type: 'helper', pattern: ['main/fs/**', 'main/logging/**', 'main/errors/**', 'main/process/**'] },
  { type: 'contract', pattern: 'shared/**' },
];
const below = ['api', 'feature', 'base', 'helper', 'contract'];
const mayImport = {
  entry: ['desktop', 'headless', 'composition', 'static', ...below],
  desktop: ['desktop', 'composition', 'static', ...below],
  headless: ['headless', 'composition', 'static', ...below],
  composition: below,
  static: ['static', 'helper', 'contract'],
  api: below,
  feature: below.slice(1),
  base: below.slice(2),
  helper: below.slice(3),
  contract: ['contract'],
};
const layering = {
  files: ['main/**/*.ts'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': mainLayers.flatMap(({ type, pattern }) => (Array.isArray(pattern) ? pattern : [pattern]).map((one) => ({ type, pattern: one, mode: 'full' }))),
    'boundaries/include': ['main/**/*.ts', 'shared/**/*.ts'],
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
  },
  rules: {
    'boundaries/element-types': ['error', {
      default: 'disallow',
      message: 'the ${file.type} layer may not import the ${dependency.type} layer (${dependency.source}): imports in main/ go shells → api → features → chain/platform/settings → fs/logging/errors (see ARCHITECTURE.md).',
      rules: Object.entries(mayImport).map(([from, allow]) => ({ from, allow })),
    }],
  },
};

export default tseslint.config(
  { ignores: ['.probe*', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['renderer/**/*.{ts,tsx}', 'shared/**/*.ts'], rules: noElectronNoNode },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/app/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Services never import electron: reach it through the Platform interface (main/platform).' }],
        patterns: [{ group: ['electron/*'], message: 'Services never import electron.' }],
      }],
    },
  },
  layering,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
);
