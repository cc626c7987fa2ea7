// For CI and scripts: the set-up `npm test` does (pinned Node 24 into .tools/, the Debian packages the tests
// need), without running anything. Progress goes to stderr; stdout is shell code for `eval` that puts the pinned
// Node first on PATH:   eval "$(node scripts/setup/prepare.mjs)"
// Plain JavaScript for any Node >= 18.
import { installPinnedNode, isRecentEnough, pinnedNode } from './node24.mjs';
import { ensureTestPackages } from './system-packages.mjs';

const log = (line) => console.error(line);
const packages = ensureTestPackages({ log });
if (!packages.ok) {
  log(packages.message);
  process.exit(1);
}
if (!isRecentEnough()) {
  try {
    installPinnedNode({ log });
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  const { dir, binDir } = pinnedNode();
  const quote = (s) => `'${s.replaceAll("'", `'\\''`)}'`;
  console.log(`export PATH=${quote(binDir)}:"$PATH"`);
  console.log(`export npm_config_nodedir=${quote(dir)}`);
}
