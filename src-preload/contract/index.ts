/**
 * The one contract between renderer and main: every invoke channel, every event, their zod schemas, the derived
 * types and the `Api` that `window.api` implements. Main, preload and renderer import it; it imports only zod.
 * Each domain lives in its own file; this file composes them.
 */
import type { z } from 'zod';
import { appChannels, appEvents } from './app';
import { libraryChannels, libraryEvents } from './library';
import { keyChannels, keyEvents } from './key';
import { settingsChannels, settingsEvents } from './settings';
import { jobsChannels, jobsEvents } from './jobs';
import { editChannels, editEvents } from './edit';
import { videoChannels, videoEvents } from './video';
import { desktopChannels } from './desktop';
import { linksChannels, linksEvents } from './links';
import { updatesChannels, updatesEvents } from './updates';
import { modelsChannels, modelsEvents } from './models';
import { shareChannels, shareEvents } from './share';
import { promptsChannels, promptsEvents } from './prompts';
import { providerOpsChannels, providerOpsEvents } from './provider-ops';
import type { Envelope } from './errors';

export * from './errors';
export * from './video';
export * from './common';
export * from './app';
export * from './library';
export * from './key';
export * from './settings';
export * from './jobs';
export * from './edit';
export * from './desktop';
export * from './links';
export * from './updates';
export * from './capabilities';
export * from './models';
export * from './share';
export * from './prompts';
export * from './provider-ops';

/** A channel: what the renderer sends, what main answers. */
export interface ChannelDef {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

/** Every invoke channel, `domain:verb`. */
export const channels = {
  ...appChannels,
  ...libraryChannels,
  ...keyChannels,
  ...settingsChannels,
  ...jobsChannels,
  ...editChannels,
  ...videoChannels,
  ...desktopChannels,
  ...linksChannels,
  ...updatesChannels,
  ...modelsChannels,
  ...shareChannels,
  ...promptsChannels,
  ...providerOpsChannels,
} as const satisfies Record<string, ChannelDef>;

/** Every event main sends to the renderer, `domain:noun`. */
export const events = {
  ...appEvents,
  ...libraryEvents,
  ...keyEvents,
  ...settingsEvents,
  ...jobsEvents,
  ...editEvents,
  ...videoEvents,
  ...linksEvents,
  ...updatesEvents,
  ...modelsEvents,
  ...shareEvents,
  ...promptsEvents,
  ...providerOpsEvents,
} as const satisfies Record<string, z.ZodType>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
/** What a caller passes (before zod defaults apply). */
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
/** What a handler receives (after zod parsing). */
export type ParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** What `window.api` offers, identical in Electron (preload) and in the browser host (WebSocket bridge). */
export interface Api {
  invoke<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Prefix for library media URLs: `app-media://library/` in Electron, `/media/` in the browser host. */
  readonly mediaBase: string;
}

/** Name of the global the preload or the bridge defines. */
export const API_GLOBAL = 'api';
