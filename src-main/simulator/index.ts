/** Public entry of the simulator (tests, demo mode, cli). */
export * from './server';
export { clearRenderCache, renderCacheStats } from './render-image';
