import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serveIpc, type BridgedIpcEvent, type IpcBridge } from '../../../main/app/ipc-bridge';
import { silentLogger } from '../../../main/logging/logger';
import { ApiClient } from '../../../renderer/src/api/client';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import type { Notice } from '../../../shared/contract/app';
import { IPC_CHANNEL, type ConsoleBridge } from '../../../shared/contract/bridge';
import type { ServerFrame } from '../../../shared/contract/wire';
import { startConsoleServices, type ConsoleUnderTest } from '../../support/console-services';

const PAGE_URL = 'file:///opt/parachain-console/renderer/index.html';

/**
 * Stands in for one window's WebContents: an EventEmitter that emits only
 * events Electron documents for WebContents ('did-start-navigation',
 * 'did-navigate-in-page', 'destroyed', 'render-process-gone'), and records
 * what the main process sends to it.
 */
class WindowContents extends EventEmitter {
  private static nextId = 1;
  readonly id = WindowContents.nextId++;
  readonly mainFrame: { url: string } = { url: PAGE_URL };
  readonly sent: ServerFrame[] = [];
  private destroyed = false;
  /** The page's listener, as the preload registers it; a reload replaces the page. */
  private pageListeners = new Set<(frame: unknown) => void>();

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, frame: ServerFrame): void {
    if (channel !== IPC_CHANNEL) throw new Error(`sent on an unknown channel ${channel}`);
    this.sent.push(frame);
    for (const listener of this.pageListeners) listener(frame);
  }

  /** A new document in this window: the old page's listeners are gone with it. Electron fires a navigation event first. */
  loadNewPage(ipcMain: EventEmitter): ApiClient {
    this.emit('did-start-navigation', { url: PAGE_URL, isSameDocument: false, isMainFrame: true });
    this.pageListeners = new Set();
    const bridge: ConsoleBridge = {
      send: (frame) => ipcMain.emit(IPC_CHANNEL, { sender: this, senderFrame: this.mainFrame } satisfies BridgedIpcEvent, frame),
      onFrame: (listener) => {
        this.pageListeners.add(listener);
        return () => this.pageListeners.delete(listener);
      },
    };
    return new ApiClient(createIpcTransport(bridge));
  }

  /** A hash route change: Electron reports it as a same-document navigation. */
  navigateInPage(hash: string): void {
    const url = `${PAGE_URL}#${hash}`;
    this.emit('did-start-navigation', { url, isSameDocument: true, isMainFrame: true });
    this.emit('did-navigate-in-page', {}, url, true);
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  crash(): void {
    this.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
  }
}

let console_: ConsoleUnderTest;
let ipcMain: EventEmitter;
let bridge: IpcBridge;

beforeEach(async () => {
  console_ = await startConsoleServices();
  ipcMain = new EventEmitter();
  bridge = serveIpc(ipcMain, console_.router, (url) => url.split('#')[0] === PAGE_URL, silentLogger);
});

afterEach(async () => {
  await console_.dispose();
});

function postNotice(title: string): void {
  console_.services.notices.post({ level: 'info', title, message: 'from the test' });
}

function noticesSeen(client: ApiClient): Notice[] {
  const seen: Notice[] = [];
  client.subscribe('app.notice', {}, (notice) => seen.push(notice));
  return seen;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

describe('the IPC bridge, run in plain Node through the code the Electron shell runs', () => {
  it('opens once the main process has welcomed the page, and carries calls', async () => {
    const window = new WindowContents();
    const client = window.loadNewPage(ipcMain);
    // The emitters are synchronous here, so the welcome has already come back.
    expect(client.status()).toBe('open');
    expect(window.sent[0]).toEqual({ kind: 'welcome' });
    await expect(client.call('app.ping', { nonce: 'n7' })).resolves.toMatchObject({ nonce: 'n7' });
  });

  it('keeps every stream live through hash navigations', async () => {
    const window = new WindowContents();
    const client = window.loadNewPage(ipcMain);
    const seen = noticesSeen(client);
    for (const page of ['/dashboard', '/collators', '/accounts', '/alerts', '/settings', '/dashboard']) window.navigateInPage(page);
    postNotice('after six page changes');
    await until(() => seen.length === 1);
    expect(seen[0]?.title).toBe('after six page changes');
    expect(bridge.subscriptionCount()).toBe(1);
  });

  it('ends the old page\'s subscriptions when a reload says hello, and leaks none over many reloads', async () => {
    const window = new WindowContents();
    let client = window.loadNewPage(ipcMain);
    noticesSeen(client);
    noticesSeen(client);
    expect(bridge.subscriptionCount()).toBe(2);
    for (let reload = 0; reload < 20; reload++) {
      client = window.loadNewPage(ipcMain);
      noticesSeen(client);
    }
    const seen = noticesSeen(client);
    expect(bridge.sessionCount()).toBe(1);
    expect(bridge.subscriptionCount()).toBe(2);

    const eventsBefore = window.sent.filter((frame) => frame.kind === 'event').length;
    postNotice('after twenty reloads');
    await until(() => seen.length === 1);
    // Two live subscriptions, so two events: none for the twenty pages that are gone.
    expect(window.sent.filter((frame) => frame.kind === 'event').length - eventsBefore).toBe(2);
  });

  it('drops an answer meant for the page before a reload (the new page numbers its calls from 1 again)', async () => {
    const window = new WindowContents();
    const first = window.loadNewPage(ipcMain);
    const slow = first.call('app.notices', {});
    void slow.catch(() => undefined);
    const second = window.loadNewPage(ipcMain);
    await expect(second.call('app.ping', { nonce: 'second page' })).resolves.toMatchObject({ nonce: 'second page' });
    // The only answer the window got is the second page's: the first page's app.notices answer was dropped.
    expect(window.sent.filter((frame) => frame.kind === 'result')).toHaveLength(1);
  });

  it('ends a window\'s session when its contents are destroyed or its renderer process is gone', async () => {
    const closed = new WindowContents();
    noticesSeen(closed.loadNewPage(ipcMain));
    const crashed = new WindowContents();
    noticesSeen(crashed.loadNewPage(ipcMain));
    const open = new WindowContents();
    const seen = noticesSeen(open.loadNewPage(ipcMain));
    expect(bridge.sessionCount()).toBe(3);

    closed.destroy();
    crashed.crash();
    expect(bridge.sessionCount()).toBe(1);
    expect(bridge.subscriptionCount()).toBe(1);

    postNotice('after a close and a crash');
    await until(() => seen.length === 1);
    expect(closed.sent.filter((frame) => frame.kind === 'event')).toEqual([]);
    expect(crashed.sent.filter((frame) => frame.kind === 'event')).toEqual([]);

    // The crashed window reloads its page: a fresh session, live again.
    const again = noticesSeen(crashed.loadNewPage(ipcMain));
    postNotice('after the reload');
    await until(() => again.length === 1);
    // A late 'destroyed' for the old renderer must not end the new page's session.
    expect(bridge.sessionCount()).toBe(2);
  });

  it('drops frames from a frame that is not the window\'s main frame or not our page', () => {
    const window = new WindowContents();
    const frame = { kind: 'call', id: 1, name: 'app.ping', input: { nonce: 'n1' } };
    ipcMain.emit(IPC_CHANNEL, { sender: window, senderFrame: { url: PAGE_URL } } satisfies BridgedIpcEvent, frame);
    window.mainFrame.url = 'https://example.com/';
    ipcMain.emit(IPC_CHANNEL, { sender: window, senderFrame: window.mainFrame } satisfies BridgedIpcEvent, frame);
    expect(window.sent).toEqual([]);
    expect(bridge.sessionCount()).toBe(0);
  });
});
