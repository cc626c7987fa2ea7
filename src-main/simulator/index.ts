/** Public entry of the simulator (tests, demo mode, cli). */
export * from './server';
