// Environment for processes that run sharp (the browser host, the desktop app). glibc's malloc keeps an arena per
// thread and seldom hands freed memory back; libvips decodes on several threads, so a host that imports large
// images keeps hundreds of MB it no longer uses (https://github.com/lovell/sharp/issues/2324). Two arenas cut the
// host's peak in the 16 × 20 MiB import trial (test/main/hardening/trust/e-backpressure.test.ts) from ~560–620 MB
// to ~420 MB. glibc reads it only at start, so it is set by whoever starts the process; a value already set wins.

/** @param {NodeJS.ProcessEnv} [env] @returns {Record<string, string>} */
export function mallocEnv(env = process.env) {
  return process.platform === 'linux' && env.MALLOC_ARENA_MAX === undefined ? { MALLOC_ARENA_MAX: '2' } : {};
}
