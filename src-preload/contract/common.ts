import { z } from 'zod';

/** An empty input, for channels that take no arguments. Strict, so stray keys are a validation error. */
export const Empty = z.object({}).strict();
export type Empty = z.infer<typeof Empty>;

/** Which composition root is serving the contract. */
export const ShellKind = z.enum(['electron', 'browser-host']);
export type ShellKind = z.infer<typeof ShellKind>;
