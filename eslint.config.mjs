import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: { ...globals.node } } },
);
