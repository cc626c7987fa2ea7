#!/usr/bin/env node
// The `imagine` command: runs the TypeScript entry through tsx (as `npm run host` does), in this package's folder.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/imagine.ts');
process.exitCode = await main(process.argv.slice(2));
