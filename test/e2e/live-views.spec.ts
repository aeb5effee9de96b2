import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, WebSocket as PageSocket } from '@playwright/test';
import { routes } from '../../renderer/src/app/routes';
import { collatorPidsIn, killCollatorsLeftIn } from '../support/collators-left-running';
import { addCollator, detail, openCollators, useCollatorWorkspace } from './collators-steps';
import { expect, screenshotPath, test } from './headless-console';
import { screenshotWhole } from './screenshot-whole';
import { servingAddress } from '../fixtures/serving-address';

useCollatorWorkspace();

/**
 * Live views keep living: through every page change, and through a restart
 * of the headless console while the page stays open. What the page
 * subscribes to and receives is read off its real WebSocket.
 */
test('every stream still emits after the operator visits every page and comes back', async ({ page, consoleServer: headless }) => {
  const wire = watchWire(page);
  await openCollators(page, headless.url);
  await addCollator(page, 'walker');
  const node = detail(page, 'walker');
  await node.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(node.getByText('Running', { exact: true })).toBeVisible();
  const log = page.getByRole('log', { name: 'Log of walker: lines' });
  await expect(log.getByText(/Imported #\d+/).first()).toBeVisible();

  // What the collators page streams while a node runs: each of these must emit again after the walk.
  const streaming = await wire.streamsThatEmit(['collators.state', 'collators.log']);
  const liveBefore = wire.liveSubscriptions();

  for (const route of routes) {
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: route.label });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await expect(page.locator('#content h1').first()).toBeVisible();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Collators' }).click();
  await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'walker' }).click();
  await expect(node.getByText('Running', { exact: true })).toBeVisible();

  await wire.expectEachToEmitAgain(streaming);
  // Pages that were left unsubscribed from what they showed: none leak on the wire.
  expect(wire.liveSubscriptions()).toEqual(liveBefore);
  expect(wire.streamErrors()).toEqual([]);
  const newest = await newestBlock(page);
  await expect.poll(() => newestBlock(page), { timeout: 30_000 }).toBeGreaterThan(newest);
  await page.screenshot({ path: screenshotPath('live-views-after-walk') });

  await node.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
});

test('a page left open while the console restarts shows it is reconnecting, then resumes without a reload', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pc-e2e-restart-'));
  let server = await startConsole(dataDir, 0);
  const port = server.port;
  try {
    const wire = watchWire(page);
    let loads = 0;
    page.on('load', () => (loads += 1));
    await openCollators(page, server.url);
    await addCollator(page, 'steady');
    const node = detail(page, 'steady');
    await node.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(node.getByText('Running', { exact: true })).toBeVisible();
    await expect(page.getByRole('log', { name: 'Log of steady: lines' }).getByText(/Imported #\d+/).first()).toBeVisible();
    const collatorPid = collatorPidsIn(dataDir)[0];
    expect(collatorPid).toBeDefined();
    const loadsBefore = loads;

    // Ctrl-C: the console stops, the collator keeps running.
    await server.stop();
    const banner = page.getByRole('status').filter({ hasText: 'Lost the connection to the console' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Reconnecting by itself');
    await page.screenshot({ path: screenshotPath('live-views-reconnecting') });
    expect(isAlive(collatorPid ?? 0)).toBe(true);

    // The same data folder and port; its token is the one kept in the data folder, so the page's cookie still opens it.
    server = await startConsole(dataDir, port);
    await expect(banner).toBeHidden({ timeout: 30_000 });

    // The collator it left running is offered again, on the page that never reloaded.
    const orphans = page.getByRole('region', { name: 'Collators left running' });
    await expect(orphans.getByText(/still running from a previous session/)).toBeVisible();
    await orphans.getByRole('button', { name: 'Adopt it' }).click();
    await expect(orphans).toBeHidden();
    await page.getByRole('table', { name: 'Collators' }).getByRole('link', { name: 'steady' }).click();
    await expect(node.getByText('Running (adopted)')).toBeVisible();
    expect(collatorPidsIn(dataDir)).toEqual([collatorPid]);

    // Streams resumed on the new server: state and log events arrive again, and the log grows.
    await wire.expectEachToEmitAgain(['collators.state', 'collators.log']);
    const newest = await newestBlock(page);
    await expect.poll(() => newestBlock(page), { timeout: 30_000 }).toBeGreaterThan(newest);
    expect(loads).toBe(loadsBefore);
    await screenshotWhole(page, 'live-views-resumed-after-restart');

    await node.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(node.getByText('Stopped', { exact: true })).toBeVisible({ timeout: 60_000 });
  } finally {
    await server.stop();
    killCollatorsLeftIn(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** The contract as it crosses the page's WebSocket(s): subscriptions by id and name, and the events each got. */
function watchWire(page: Page) {
  const names = new Map<number, string>();
  const live = new Set<number>();
  const eventsPerName = new Map<string, number>();
  const errors: string[] = [];
  page.on('websocket', (socket: PageSocket) => {
    socket.on('framesent', ({ payload }) => {
      const frame = parse(payload);
      if (frame?.kind === 'subscribe' && typeof frame.id === 'number' && typeof frame.name === 'string') {
        names.set(frame.id, frame.name);
        live.add(frame.id);
      }
      if (frame?.kind === 'unsubscribe' && typeof frame.id === 'number') live.delete(frame.id);
    });
    socket.on('framereceived', ({ payload }) => {
      const frame = parse(payload);
      if (typeof frame?.id !== 'number') return;
      const name = names.get(frame.id);
      if (frame.kind === 'event' && name) eventsPerName.set(name, (eventsPerName.get(name) ?? 0) + 1);
      if (frame.kind === 'stream-error') errors.push(`${name ?? frame.id}: ${JSON.stringify(frame.error)}`);
    });
  });
  const count = (name: string): number => eventsPerName.get(name) ?? 0;
  return {
    /** Waits until each named stream has emitted at least once, and returns them. */
    async streamsThatEmit(expected: string[]): Promise<string[]> {
      for (const name of expected) await expect.poll(() => count(name), { timeout: 30_000, message: `${name} emits` }).toBeGreaterThan(0);
      return expected;
    },
    async expectEachToEmitAgain(streamNames: string[]): Promise<void> {
      const before = new Map(streamNames.map((name) => [name, count(name)]));
      for (const name of streamNames) {
        await expect.poll(() => count(name), { timeout: 30_000, message: `${name} emits again` }).toBeGreaterThan(before.get(name) ?? 0);
      }
    },
    /** The names of the subscriptions open now, sorted (one entry per subscription). */
    liveSubscriptions: (): string[] => [...live].map((id) => names.get(id) ?? String(id)).sort(),
    streamErrors: (): string[] => errors,
  };
}

function parse(payload: string | Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString());
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The highest block number the log viewer shows. */
async function newestBlock(page: Page): Promise<number> {
  const lines = await page.getByRole('log').first().innerText();
  const numbers = [...lines.matchAll(/Imported #(\d+)/g)].map((match) => Number(match[1]));
  return numbers.length ? Math.max(...numbers) : 0;
}

interface RunningConsole {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** The built headless console on a given port (0: any) over a data folder that outlives it; SIGTERM leaves collators running. */
async function startConsole(dataDir: string, port: number): Promise<RunningConsole> {
  const child: ChildProcess = spawn(process.execPath, ['out/main/server.js', '--port', String(port), '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const url = await servingAddress(child).url;
    return { url, port: Number(new URL(url).port), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
