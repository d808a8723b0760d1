#!/usr/bin/env node
// The `guichet` command. The server is TypeScript run from source: tsx compiles it on load.
import { register } from 'tsx/esm/api';

const args = process.argv.slice(2);
const wantsHelp = args.length === 0 || args.some((a) => a === '--help' || a === '-h' || a === '--version') || args[0] === 'help';
if (!wantsHelp) {
  // Loaded natively before tsx's hooks exist: on Node 20 the hooks cost ~5 ms per module,
  // and these packages are hundreds of files that need no compiling (2 s → 0.5 s per run).
  // The TypeScript code importing them later gets these same instances from the cache.
  await Promise.all([import('kysely'), import('zod'), import('pg'), import('pino')]);
}
register();
// Resolved from this file, not from the working directory, so any cwd works.
const { main } = await import(new URL('../server/src/cli/main.ts', import.meta.url).href);
// `serve` resolves once listening; its server keeps the process alive until a signal.
process.exitCode = await main(args);
