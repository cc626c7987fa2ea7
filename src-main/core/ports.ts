import type { EventName, EventPayload } from '@contract';

/** Sends events from main to every renderer (BrowserWindow webContents, or WebSocket clients). */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** Wall-clock time, injectable so schedulers and pollers are testable with a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Structured log lines. Adapters must never pass secrets here. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
