export { createStabilityClient, type StabilityClientOptions } from './stability-client';
export { halveImage } from './fit-image';
