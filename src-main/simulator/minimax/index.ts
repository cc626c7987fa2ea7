/** The MiniMax simulator (tests, demo mode and `npm run simulator -- --provider minimax`). */
export { startMinimaxSimulator, type MinimaxSimulator, type MinimaxRecordedRequest } from './server';
export type { MinimaxSimulatorOptions } from './config';
export { MINIMAX_HOOKS } from './config';
