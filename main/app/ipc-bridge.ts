import { IPC_CHANNEL } from '../../shared/contract/bridge';
import type { ServerFrame } from '../../shared/contract/wire';
import { ApiConnection } from '../api/connection';
import type { ApiRouter } from '../api/router';
import type { Logger } from '../logging/logger';

/**
 * The little of a WebContents the bridge uses. Electron's own object fits it;
 * a test hands in a plain EventEmitter that emits the same documented events.
 */
export interface BridgedContents {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, frame: ServerFrame): void;
  // Only the two events that mean the page is gone for good: never a navigation event.
  once(event: 'destroyed', listener: () => void): unknown;
  once(event: 'render-process-gone', listener: () => void): unknown;
}

/** The little of an IpcMainEvent the bridge reads to decide whether a frame is from one of our pages. */
export interface BridgedIpcEvent {
  readonly sender: BridgedContents & { readonly mainFrame: unknown };
  readonly senderFrame: { readonly url: string } | null;
}

/** Where frames arrive from: Electron's ipcMain, or an EventEmitter in a test. */
export interface FrameInbox {
  on(channel: string, listener: (event: BridgedIpcEvent, frame: unknown) => void): unknown;
}

export interface IpcBridge {
  /** Windows that currently hold a session (for tests and the carrier benchmark). */
  sessionCount(): number;
  /** Live subscriptions across every window. */
  subscriptionCount(): number;
}

/**
 * Carries contract frames between windows and the router, one session per
 * WebContents. A frame counts only when it comes from the main frame of one
 * of our pages; anything else (an iframe, a page that somehow navigated
 * elsewhere) is dropped and logged.
 *
 * When a page's subscriptions end is the session rule shared with the
 * WebSocket carrier, not Electron's navigation semantics: the page says it is
 * new (its `hello` frame, which the connection answers), or its contents are
 * destroyed, or its renderer process is gone. Navigation events are not
 * consulted: Electron fires them for same-document (hash) navigations too,
 * and the console routes by hash.
 */
export function serveIpc(inbox: FrameInbox, router: ApiRouter, isAllowed: (url: string) => boolean, log: Logger): IpcBridge {
  const connections = new Map<number, ApiConnection>();

  const connectionFor = (contents: BridgedContents): ApiConnection => {
    const existing = connections.get(contents.id);
    if (existing) return existing;
    const connection = new ApiConnection(router, (frame) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, frame);
    });
    connections.set(contents.id, connection);
    const end = (): void => {
      connection.close();
      // A later event for this id must not close a newer session that reuses the slot.
      if (connections.get(contents.id) === connection) connections.delete(contents.id);
    };
    contents.once('render-process-gone', end);
    contents.once('destroyed', end);
    return connection;
  };

  inbox.on(IPC_CHANNEL, (event, frame) => {
    const sender = event.senderFrame;
    if (!sender || sender !== event.sender.mainFrame || !isAllowed(sender.url)) {
      log.warn(`ipc: dropped a frame from an unexpected sender (${sender?.url ?? 'unknown'})`);
      return;
    }
    if (event.sender.isDestroyed()) return;
    connectionFor(event.sender).receive(frame);
  });

  return {
    sessionCount: () => connections.size,
    subscriptionCount: () => [...connections.values()].reduce((sum, connection) => sum + connection.subscriptionCount, 0),
  };
}
