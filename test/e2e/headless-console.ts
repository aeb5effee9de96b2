import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';

export interface HeadlessConsole {
  /** The address the server printed, token included. */
  url: string;
  origin: string;
  dataDir: string;
  output: () => string;
}

/**
 * Starts the built headless console (`node out/main/server.js`) on a free
 * port with a fresh data folder, exactly as an operator would, and waits for
 * the address it prints.
 */
export async function startHeadlessConsole(dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-'))): Promise<HeadlessConsole & { stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['out/main/server.js', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /serving on (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the console exited with ${code} before it was ready:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ consoleServer: HeadlessConsole }>({
  // eslint-disable-next-line no-empty-pattern
  consoleServer: async ({}, use) => {
    const running = await startHeadlessConsole();
    await use(running);
    await running.stop();
  },
});

export { expect } from '@playwright/test';

/** Screenshots of every screen land here, for a person to look at. */
export const screenshotPath = (name: string): string => join('test-results', 'screens', `${name}.png`);
