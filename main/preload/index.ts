import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CHANNEL, type ConsoleBridge } from '../../shared/contract/bridge';

/**
 * The page gets a frame carrier for the contract and nothing else: no
 * ipcRenderer, no process, no other channel. The main process validates
 * every frame it receives.
 */
const bridge: ConsoleBridge = {
  send(frame) {
    ipcRenderer.send(IPC_CHANNEL, frame);
  },
  onFrame(listener) {
    const forward = (_event: IpcRendererEvent, frame: unknown): void => listener(frame);
    ipcRenderer.on(IPC_CHANNEL, forward);
    return () => {
      ipcRenderer.off(IPC_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
