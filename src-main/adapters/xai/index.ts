/** The HTTP adapter of the `ImagineApi` port. */
export { createXaiImagineClient, type XaiClientOptions } from './xai-imagine-client';
export { systemClock } from '../system-clock';
export type { TransportOptions } from './transport';
