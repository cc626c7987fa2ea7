// Environment for processes that run sharp (the browser host, the desktop app). glibc's malloc keeps an arena per
// thread and seldom hands freed memory back; libvips decodes on several threads, so a host that imports large
// images keeps hundreds of MB it no longer uses (https://github.com/lovell/sharp/issues/2324). Two arenas, and
// large blocks (≥ 1 MiB: decoded images, 27 MB import frames) always mmap-ed so that freeing them returns them to
// the OS (glibc otherwise raises its mmap threshold after the first large free and serves the next ones from the
// heap), cut the host's peak in the 16 × 20 MiB import trial (test/main/hardening/trust/e-backpressure.test.ts,
// bound 600 MB) from 518–623 MB to about 450–510 MB. glibc reads these only at start, so whoever starts the process
// sets them; a value already in the environment wins.

/** @param {NodeJS.ProcessEnv} [env] @returns {Record<string, string>} */
export function mallocEnv(env = process.env) {
  if (process.platform !== 'linux') return {};
  const wanted = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: String(1024 * 1024) };
  return Object.fromEntries(Object.entries(wanted).filter(([name]) => env[name] === undefined));
}
