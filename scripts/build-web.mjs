// Builds the web app into web/dist with Vite. With --if-stale (what `npm start` uses), only
// when a source file is newer than the last build, so a start after `npm ci` builds once
// (~15 s) and later starts are instant.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const web = path.join(root, 'web');
// GUICHET_WEB_DIST moves the build (the server reads the same variable).
const dist = path.resolve(process.env.GUICHET_WEB_DIST ?? path.join(web, 'dist'));
const builtIndex = path.join(dist, 'index.html');

function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const e of fs.readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, e)));
  }
  return newest;
}

export function isWebBuildStale() {
  const built = newestMtime(builtIndex);
  if (!built) return true;
  const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(root, 'common'), path.join(root, 'package-lock.json')];
  return sources.some((s) => newestMtime(s) > built);
}

export function buildWeb() {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const res = spawnSync(process.execPath, [vite, 'build', '--config', path.join(web, 'vite.config.ts'), '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`the web build failed (vite exited with ${res.status ?? res.signal})`);
  precompress(dist);
}

// Brotli and gzip copies beside each text file: the server sends the one the browser
// accepts (@fastify/static preCompressed) without compressing on every request.
function precompress(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) precompress(file);
    else if (/\.(js|css|html|svg|json)$/.test(e.name)) {
      const data = fs.readFileSync(file);
      fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
      fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && !isWebBuildStale()) process.exit(0);
  console.log(`Building the web app (${path.relative(root, dist) || dist})…`);
  const started = Date.now();
  try {
    buildWeb();
  } catch (err) {
    console.error(`Error: ${err.message}`);
    process.exit(1);
  }
  console.log(`Web app built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
