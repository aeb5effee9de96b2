/**
 * Variables that would change how a node binary (or a Node-based tool run
 * as one) loads code: inherited from the console, they are never passed on.
 */
const DANGEROUS = new Set([
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_REPL_EXTERNAL_MODULE',
  'ELECTRON_RUN_AS_NODE',
  'ELECTRON_NO_ATTACH_CONSOLE',
  'ELECTRON_ENABLE_LOGGING',
  'LD_PRELOAD',
  'LD_LIBRARY_PATH',
  'LD_AUDIT',
  'VSCODE_INSPECTOR_OPTIONS',
]);

/**
 * The console's own variables (the vault passphrase among them) are for the
 * console alone: a collator outlives it, and anyone who can read that
 * process's environment (/proc/<pid>/environ, a crash report) would get them.
 */
const CONSOLE_PREFIX = 'PARACHAIN_CONSOLE_';

/**
 * The environment for every child process the console starts (collators,
 * their CLI checks, the chopsticks fork): the console's own, minus what
 * could inject code into the child and minus the console's secrets.
 */
export function safeChildEnv(env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || DANGEROUS.has(key) || key.startsWith('DYLD_') || key.toUpperCase().startsWith(CONSOLE_PREFIX)) continue;
    clean[key] = value;
  }
  return { ...clean, ...extra };
}
