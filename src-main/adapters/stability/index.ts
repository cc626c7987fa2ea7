export { createStabilityClient, type StabilityClientOptions } from './stability-client';
