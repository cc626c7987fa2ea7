/** The Stability AI simulator (tests, demo mode and `npm run simulator -- --provider stability`). */
export { startStabilitySimulator, type StabilitySimulator, type StabilityRecordedRequest } from './server';
export type { StabilitySimulatorOptions } from './config';
export { STABILITY_HOOKS } from './config';
