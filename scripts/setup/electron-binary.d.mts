// Types for electron-binary.mjs (plain JavaScript so it runs under the system Node before Node 24 is set up).
export function electronBinary(root?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): { path: string; reason?: undefined } | { path: null; reason: string };
export function displayAvailable(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): boolean;
