/**
 * The Electron preload (sandboxed, context-isolated): exposes exactly the contract's channels and events as
 * `window.api`. Nothing else from Electron or Node reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { API_GLOBAL, isChannelName, isEventName, type Api } from './contract';

const api: Api = {
  mediaBase: 'app-media://library/',
  invoke(channel, input) {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'validation', message: `Unknown channel: ${String(channel)}`, issues: [] },
      });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
};

contextBridge.exposeInMainWorld(API_GLOBAL, api);
