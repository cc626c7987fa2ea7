import type { Event, HandlerDetails, PermissionCheckHandlerHandlerDetails, WebContents, WindowOpenHandlerResponse } from 'electron';
import { ALLOWED_PERMISSIONS } from './window-options';

/*
 * The window's navigation, window-open and permission handlers as plain functions (type-only Electron imports), so
 * test/main/hardening/electron can call them with fake events where Electron cannot run.
 */

/** Every permission request is answered from the allow-list; anything else (camera, geolocation, HID…) is denied. */
export function onPermissionRequest(
  _wc: WebContents | null,
  permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(ALLOWED_PERMISSIONS.has(permission));
}

/** Synchronous permission checks use the same allow-list. */
export function onPermissionCheck(_wc: WebContents | null, permission: string, _origin?: string, _details?: PermissionCheckHandlerHandlerDetails): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

/** The app is one page: any navigation (a dropped link, `location =`, a form) is stopped. */
export function preventNavigation(event: Pick<Event, 'preventDefault'>): void {
  event.preventDefault();
}

/** Only well-formed https links leave the app, and only to the user's browser; no window ever opens inside it. */
export function windowOpenHandler(openExternal: (url: string) => unknown) {
  return ({ url }: Pick<HandlerDetails, 'url'>): WindowOpenHandlerResponse => {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (parsed?.protocol === 'https:' && parsed.username === '' && parsed.password === '') void openExternal(parsed.href);
    return { action: 'deny' };
  };
}
