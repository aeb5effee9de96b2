import { ipcMain, type IpcMainEvent, type WebContents } from 'electron';
import { IPC_CHANNEL } from '../../shared/contract/bridge';
import { ApiConnection } from '../api/connection';
import type { ApiRouter } from '../api/router';
import type { Logger } from '../logging/logger';

/**
 * Carries contract frames between the window and the router. A frame counts
 * only when it comes from the main frame of one of our pages; anything else
 * (an iframe, a page that somehow navigated elsewhere) is dropped and logged.
 */
export function serveIpc(router: ApiRouter, isAllowed: (url: string) => boolean, log: Logger): void {
  const connections = new Map<number, ApiConnection>();

  const connectionFor = (contents: WebContents): ApiConnection => {
    const existing = connections.get(contents.id);
    if (existing) return existing;
    const connection = new ApiConnection(router, (frame) => {
      if (!contents.isDestroyed()) contents.send(IPC_CHANNEL, frame);
    });
    connections.set(contents.id, connection);
    const end = (): void => {
      connection.close();
      connections.delete(contents.id);
    };
    // A reload starts a new page with no subscriptions: drop the old ones.
    contents.once('did-start-navigation', end);
    contents.once('render-process-gone', end);
    contents.once('destroyed', end);
    return connection;
  };

  ipcMain.on(IPC_CHANNEL, (event: IpcMainEvent, frame: unknown) => {
    const sender = event.senderFrame;
    if (!sender || sender !== event.sender.mainFrame || !isAllowed(sender.url)) {
      log.warn(`ipc: dropped a frame from an unexpected sender (${sender?.url ?? 'unknown'})`);
      return;
    }
    connectionFor(event.sender).receive(frame);
  });
}
