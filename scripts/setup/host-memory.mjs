// How much memory the process that runs the library keeps (the browser host, the desktop app's main): two settings
// that only whoever starts the process can make, gathered here so every starter (npm start, npm run host, the test
// and bench fixtures) uses the same ones.
//
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

// V8's young generation. It grows to 2 × 64 MiB semi-spaces under the host's allocation rate (50,000-id pages and
// search answers at 1M items), and stays committed: 118 of the host's 378 MB RSS after the 1M grid bench. Capped at
// 16 MiB each, the host held 266–300 MB with the same host CPU per search (bench/library-grid-chromium.ts). V8 reads
// it only when the heap is set up (v8.setFlagsFromString later has no effect), hence a command-line flag: for node
// itself, and for Electron's main process through --js-flags (https://www.electronjs.org/docs/latest/api/command-line-switches#--js-flagsflags).
export const HOST_NODE_FLAGS = ['--max-semi-space-size=16'];
