import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { killCollatorsLeftIn } from '../support/collators-left-running';
import { servingAddress } from '../fixtures/serving-address';

export interface HeadlessConsole {
  /** The address the server printed, token included. */
  url: string;
  origin: string;
  dataDir: string;
  output: () => string;
}

/**
 * The test doubles a story needs where nothing real can run here. They are
 * wired in by the tests' own entry (`support/test-server.ts`), never by the
 * product: a console started with none is the built `out/main/server.js`.
 */
export interface TestDoubles {
  /** The fixture collators get a session-key keystore (they run no runtime, so have none). */
  keystore?: boolean;
  /** Health monitoring gets a relay block with inclusions every second (no parachain block is included without a real collator). */
  relayBlocks?: boolean;
  /** The parachain is this chain: a fixture collator's own RPC serves no runtime. */
  parachainWsUrl?: string;
  /** A crashed collator restarts after 200 ms instead of 10 s, so a story can drive a crash loop. */
  fastRestarts?: boolean;
}

/**
 * Starts the headless console on a free port with a fresh data folder and
 * waits for the address it prints: the built `out/main/server.js`, exactly as
 * an operator runs it, or the tests' entry when the story asks for doubles.
 */
export async function startHeadlessConsole(dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-')), doubles: TestDoubles = {}): Promise<HeadlessConsole & { stop(): Promise<void> }> {
  const consoleArgs = ['--port', '0', '--data-dir', dataDir];
  const doubleArgs = [
    ...(doubles.keystore ? ['--keystore'] : []),
    ...(doubles.relayBlocks ? ['--relay-blocks'] : []),
    ...(doubles.parachainWsUrl ? ['--parachain-ws', doubles.parachainWsUrl] : []),
    ...(doubles.fastRestarts ? ['--fast-restarts'] : []),
  ];
  const entry = doubleArgs.length === 0 ? ['out/main/server.js', ...consoleArgs] : ['--import', 'tsx', 'test/e2e/support/test-server.ts', ...doubleArgs, '--', ...consoleArgs];
  const child: ChildProcess = spawn(process.execPath, entry, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const started = servingAddress(child);
  const output = started.output;
  const url = await started.url;
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      // SIGTERM leaves collators running for the next console; this one is gone for good, and so must they be (a failed story included).
      killCollatorsLeftIn(dataDir);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ consoleServer: HeadlessConsole; consoleDoubles: TestDoubles }>({
  /** A story's doubles: `test.use({ consoleDoubles: { fastRestarts: true } })`. */
  consoleDoubles: [{}, { option: true }],
  consoleServer: async ({ consoleDoubles }, use) => {
    const running = await startHeadlessConsole(undefined, consoleDoubles);
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';

/** Screenshots of every screen land here, for a person to look at. */
export const screenshotPath = (name: string): string => join('test-results', 'screens', `${name}.png`);
