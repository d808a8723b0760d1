// The web app's files: index.html for page paths (with the CSP), hashed assets cached for
// good and sent pre-compressed, API paths never swallowed by the page fallback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { assertProblem } from '../../test/assertions.ts';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-web-'));
const script = 'console.log("guichet");'.repeat(50);
fs.mkdirSync(path.join(dist, 'assets'));
fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Guichet</title><div id="root"></div>');
fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), script);
fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js.br'), zlib.brotliCompressSync(script));
fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js.gz'), zlib.gzipSync(script));

let app: TestApp;
let unbuilt: TestApp;
before(async () => {
  [app, unbuilt] = await Promise.all([
    startTestApp({ env: { GUICHET_WEB_DIST: dist } }),
    startTestApp({ env: { GUICHET_WEB_DIST: path.join(dist, 'missing') } }),
  ]);
});
after(async () => {
  await Promise.all([app?.close(), unbuilt?.close()]);
  fs.rmSync(dist, { recursive: true, force: true });
});

test('a page path is the app, not cached, under a CSP that allows only our own scripts', async () => {
  for (const p of ['/', '/agent/tickets/42', '/portal/new?x=1']) {
    const res = await fetch(app.baseUrl + p);
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(await res.text(), /<div id="root">/);
  }
});

test('assets are cached for good and sent compressed when the browser accepts it', async () => {
  const br = await fetch(`${app.baseUrl}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(br.status, 200);
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.match(br.headers.get('cache-control') ?? '', /immutable/);
  assert.equal(await br.text(), script); // fetch decodes it
  const plain = await fetch(`${app.baseUrl}/assets/app-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(await plain.text(), script);
  assert.equal((await fetch(`${app.baseUrl}/assets/missing.js`)).status, 404);
  assert.notEqual((await fetch(`${app.baseUrl}/assets/..%2f..%2fetc%2fpasswd`)).status, 200);
});

test('API paths stay problem+json 404s; an unbuilt app says how to build it', async () => {
  const res = await fetch(`${app.baseUrl}/api/v1/nothing-here`);
  assertProblem({ status: res.status, body: await res.json(), headers: res.headers }, 404);
  const page = await fetch(unbuilt.baseUrl + '/');
  assert.equal(page.status, 200);
  assert.match(await page.text(), /npm run build/);
});
