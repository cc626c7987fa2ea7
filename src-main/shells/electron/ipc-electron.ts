import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { channelNames, type EventName, type EventPayload } from '@contract';
import type { EventSink } from '../../core/ports';
import type { Dispatch } from '../../ipc/dispatcher';

/** Maps Electron's sender onto the guard's terms: the frame's origin, and whether it is the top frame. */
function senderOf(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return { origin: frame?.origin ?? '', isMainFrame: frame !== null && frame === event.sender.mainFrame, window: event.sender };
}

/** One ipcMain handler per contract channel, all through the shared dispatcher. */
export function registerIpc(dispatch: Dispatch) {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, input: unknown) => dispatch(channel, input, senderOf(event)));
  }
}

/** Events to every window that is still alive. */
export function createElectronEventSink(targets: () => WebContents[]): EventSink {
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const wc of targets()) if (!wc.isDestroyed()) wc.send(event, payload);
    },
  };
}

/** Passes events through, and tells `onTheme` whenever the theme setting changes. */
export function followThemeSetting(sink: EventSink, onTheme: (theme: 'system' | 'light' | 'dark') => void): EventSink {
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'settings:changed') onTheme((payload as EventPayload<'settings:changed'>).settings.theme);
      sink.emit(event, payload);
    },
  };
}
