/** The pure half of the xAI Imagine client: types, the `ImagineApi` port, validation, errors, retries, costs. */
export * from './types';
export * from './models';
export * from './cost';
export * from './errors';
export * from './retry';
export * from './schemas';
export * from './normalize';
export * from './media-sniff';
export * from './validate';
export * from './wait-video';
export * from './api-origin';
