export { createMinimaxClient, type MinimaxClientOptions } from './minimax-client';
