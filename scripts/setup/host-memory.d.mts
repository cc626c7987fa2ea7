// Types for host-memory.mjs (plain JavaScript: start.mjs runs it before Node 24 and TypeScript are there).
export function mallocEnv(env?: NodeJS.ProcessEnv): Record<string, string>;
export const HOST_NODE_FLAGS: readonly string[];
