// Attachments over real HTTP: upload, list and download, storage on disk, limits, who may
// see what, and the headers that keep active content from running in the browser.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { client, startTestApp, type TestApp } from '../../test/harness.ts';
import { makeOrganisation, makeUser, uniq, type MadeUser } from '../../test/factories.ts';

let t: TestApp;
let api: ReturnType<typeof client>;
let org: { id: number };
let agent: MadeUser;
let requester: MadeUser;
let otherRequester: MadeUser;

before(async () => {
  t = await startTestApp();
  api = client(t);
  const domain = `acme-${uniq()}.example`;
  org = await makeOrganisation(t.deps, { domains: [domain] });
  agent = await makeUser(t.deps, { roles: ['agent'] });
  requester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id, email: `req-${uniq()}@${domain}` });
  otherRequester = await makeUser(t.deps, { roles: ['requester'], organisationId: org.id, email: `other-${uniq()}@${domain}` });
});
after(() => t.close());

interface FilePart {
  name: string;
  content: string | Uint8Array;
  type?: string;
}

function form(files: FilePart[], fields: Record<string, string> = {}): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const f of files) fd.append('file', new Blob([f.content as BlobPart], { type: f.type ?? '' }), f.name);
  return fd;
}

async function openTicket(app: TestApp, token: string, requesterEmail: string): Promise<number> {
  const r = await client(app).post('/api/v1/tickets', { title: 'Screen flickers', description: 'Since this morning.', requester: { email: requesterEmail } }, { token });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id;
}

const upload = (app: TestApp, token: string, ticketId: number, body: FormData) =>
  client(app).post(`/api/v1/tickets/${ticketId}/attachments`, undefined, { token, raw: body });

async function download(app: TestApp, url: string, token: string, headers: Record<string, string> = {}) {
  const res = await fetch(app.baseUrl + url, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const sha = (b: string | Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

/** Stored files (not temp files) under the data directory. */
function storedFiles(app: TestApp): string[] {
  const root = path.join(app.dataDir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.endsWith(`${path.sep}tmp`))
    .map((e) => path.join(e.parentPath, e.name));
}

function tempFiles(app: TestApp): string[] {
  const tmp = path.join(app.dataDir, 'attachments', 'tmp');
  return fs.existsSync(tmp) ? fs.readdirSync(tmp) : [];
}

const rowsOf = (app: TestApp, ticketId: number) => app.deps.db.selectFrom('attachments').selectAll().where('ticket_id', '=', ticketId).execute();

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

describe('upload, list and download', () => {
  test('round trip: bytes identical, metadata and download headers right', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const text = 'Journal d’erreurs\n€ ✓ 日本語\n';
    const r = await upload(t, agent.token, ticketId, form([
      { name: 'journal été.txt', content: text, type: 'text/plain; charset=utf-8' },
      { name: 'pixel.png', content: PNG, type: 'image/png' },
    ]));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.items.length, 2);
    const [txt, png] = r.body.items;
    assert.deepEqual(
      { ...txt, id: 0, createdAt: '' },
      {
        id: 0,
        ticketId,
        filename: 'journal été.txt',
        contentType: 'text/plain',
        size: Buffer.byteLength(text),
        sha256: sha(text),
        internal: false,
        uploadedBy: { id: agent.id, name: agent.name, email: agent.email },
        createdAt: '',
        url: `/api/v1/attachments/${txt.id}/content`,
      },
    );
    assert.equal(png.contentType, 'image/png');
    assert.equal(png.size, PNG.length);

    const list = await api.get(`/api/v1/tickets/${ticketId}/attachments`, { token: agent.token });
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items, r.body.items);

    const d = await download(t, txt.url, agent.token);
    assert.equal(d.status, 200);
    assert.deepEqual(d.bytes, Buffer.from(text));
    assert.equal(d.headers.get('content-type'), 'text/plain');
    assert.equal(d.headers.get('content-length'), String(Buffer.byteLength(text)));
    assert.equal(d.headers.get('content-disposition'), `attachment; filename="journal _t_.txt"; filename*=UTF-8''journal%20%C3%A9t%C3%A9.txt`);
    assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(d.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    assert.equal(d.headers.get('etag'), `"${sha(text)}"`);

    const again = await download(t, txt.url, agent.token, { 'if-none-match': `"${sha(text)}"` });
    assert.equal(again.status, 304);
    assert.equal(again.bytes.length, 0);
    assert.equal((await download(t, txt.url, agent.token, { 'if-none-match': '"other"' })).status, 200);

    // Images show inline only when asked; other types never do.
    const img = await download(t, `${png.url}?inline=1`, agent.token);
    assert.deepEqual(img.bytes, PNG);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.match(img.headers.get('content-disposition')!, /^inline; /);
    assert.match((await download(t, png.url, agent.token)).headers.get('content-disposition')!, /^attachment; /);
    assert.match((await download(t, `${txt.url}?inline=1`, agent.token)).headers.get('content-disposition')!, /^attachment; /);

    // Stored content-addressed, outside the database.
    const onDisk = path.join(t.dataDir, 'attachments', sha(text).slice(0, 2), sha(text));
    assert.deepEqual(fs.readFileSync(onDisk), Buffer.from(text));
    assert.deepEqual(tempFiles(t), []);
  });

  test('the same content twice: two attachments, one file on disk', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const content = `dedupe ${uniq()}`;
    const before = storedFiles(t).length;
    const a = await upload(t, agent.token, ticketId, form([{ name: 'a.log', content }]));
    const b = await upload(t, agent.token, ticketId, form([{ name: 'b.log', content }]));
    assert.equal(a.status, 201);
    assert.equal(b.status, 201);
    assert.notEqual(a.body.items[0].id, b.body.items[0].id);
    assert.equal(a.body.items[0].sha256, b.body.items[0].sha256);
    assert.equal((await rowsOf(t, ticketId)).length, 2);
    assert.equal(storedFiles(t).length, before + 1);
    assert.deepEqual((await download(t, b.body.items[0].url, agent.token)).bytes, Buffer.from(content));
  });

  test('file names lose their path and control characters, keep Unicode', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const r = await upload(t, agent.token, ticketId, form([
      { name: '../../etc/passwd', content: 'x' },
      { name: 'C:\\Users\\zoë\\Rapport d’incident.pdf', content: 'y' },
    ]));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.deepEqual(r.body.items.map((i: { filename: string }) => i.filename), ['passwd', 'Rapport d’incident.pdf']);
  });

  test('the timeline shows one attachment event per upload, internal ones to staff only', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const pub = await upload(t, agent.token, ticketId, form([{ name: 'public.txt', content: 'p' }, { name: 'second.txt', content: 'pp' }]));
    const internal = await upload(t, agent.token, ticketId, form([{ name: 'internal.txt', content: 'i' }], { internal: 'true' }));
    assert.equal(internal.status, 201);
    assert.equal(internal.body.items[0].internal, true);

    const staffView = await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token: agent.token });
    const events = staffView.body.items.filter((e: { kind: string }) => e.kind === 'attachment');
    assert.equal(events.length, 2);
    assert.equal(events[0].internal, false);
    assert.deepEqual(events[0].author, { id: agent.id, name: agent.name, email: agent.email });
    assert.deepEqual(events[0].data, {
      attachments: pub.body.items.map((i: { id: number; filename: string; size: number }) => ({ id: i.id, filename: i.filename, size: i.size })),
    });
    assert.equal(events[1].internal, true);
    assert.deepEqual(events[1].data.attachments, [{ id: internal.body.items[0].id, filename: 'internal.txt', size: 1 }]);
    const rows = await rowsOf(t, ticketId);
    assert.deepEqual(rows.map((r) => r.event_id), [events[0].id, events[0].id, events[1].id]);

    const requesterView = await api.get(`/api/v1/tickets/${ticketId}/timeline`, { token: requester.token });
    const seen = requesterView.body.items.filter((e: { kind: string }) => e.kind === 'attachment');
    assert.deepEqual(seen.map((e: { id: number }) => e.id), [events[0].id]);
  });

  test('empty files, missing files, stray parts and non-multipart bodies are refused, storing nothing', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    let r = await upload(t, agent.token, ticketId, form([{ name: 'ok.txt', content: 'fine' }, { name: 'empty.txt', content: '' }]));
    assert.equal(r.status, 422);
    assert.match(r.headers.get('content-type')!, /application\/problem\+json/);
    assert.match(r.body.detail, /"empty\.txt" is empty/);

    r = await upload(t, agent.token, ticketId, form([], { internal: 'false' }));
    assert.equal(r.status, 422);
    assert.match(r.body.detail, /at least one file/);

    const stray = new FormData();
    stray.append('attachment', new Blob(['x']), 'x.txt');
    r = await upload(t, agent.token, ticketId, stray);
    assert.equal(r.status, 400);
    assert.match(r.body.detail, /Unknown form part "attachment"/);

    r = await upload(t, agent.token, ticketId, form([{ name: 'x.txt', content: 'x' }], { internal: 'maybe' }));
    assert.equal(r.status, 400);

    r = await api.post(`/api/v1/tickets/${ticketId}/attachments`, { file: 'x' }, { token: agent.token });
    assert.equal(r.status, 415);

    assert.equal((await rowsOf(t, ticketId)).length, 0);
    assert.deepEqual(tempFiles(t), []);
  });

  test('a closed ticket takes no attachments', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const record = { symptoms: 's', diagnosis: 'd', actions: 'a', result: 'r' };
    assert.equal((await api.post(`/api/v1/tickets/${ticketId}/resolve`, record, { token: agent.token })).status, 200);
    assert.equal((await api.post(`/api/v1/tickets/${ticketId}/close`, undefined, { token: agent.token })).status, 200);
    const r = await upload(t, agent.token, ticketId, form([{ name: 'late.txt', content: 'late' }]));
    assert.equal(r.status, 409);
    assert.match(r.body.detail, /closed/);
    assert.equal((await rowsOf(t, ticketId)).length, 0);
  });

  test('the upload route is described in the OpenAPI document as multipart/form-data', async () => {
    const doc = await api.get('/api/v1/openapi.json');
    const op = doc.body.paths['/api/v1/tickets/{id}/attachments'].post;
    assert.ok(op.summary);
    const schema = op.requestBody.content['multipart/form-data'].schema;
    assert.deepEqual(schema.properties.file.items, { type: 'string', format: 'binary' });
  });
});

describe('who sees what', () => {
  test('a requester attaches to and sees their own ticket, but not internal attachments', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const pub = await upload(t, agent.token, ticketId, form([{ name: 'howto.txt', content: 'restart it' }]));
    const internal = await upload(t, agent.token, ticketId, form([{ name: 'notes.txt', content: 'secret' }], { internal: 'true' }));

    const mine = await upload(t, requester.token, ticketId, form([{ name: 'screenshot.png', content: PNG, type: 'image/png' }]));
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    assert.deepEqual(mine.body.items[0].uploadedBy, { id: requester.id, name: requester.name, email: requester.email });

    const list = await api.get(`/api/v1/tickets/${ticketId}/attachments`, { token: requester.token });
    assert.deepEqual(list.body.items.map((i: { id: number }) => i.id), [pub.body.items[0].id, mine.body.items[0].id]);
    assert.equal((await download(t, pub.body.items[0].url, requester.token)).status, 200);
    const hidden = await download(t, internal.body.items[0].url, requester.token);
    assert.equal(hidden.status, 404);
    assert.equal((await download(t, internal.body.items[0].url, agent.token)).status, 200);
    const staffList = await api.get(`/api/v1/tickets/${ticketId}/attachments`, { token: agent.token });
    assert.equal(staffList.body.items.length, 3);
  });

  test('a requester cannot attach internal files', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const r = await upload(t, requester.token, ticketId, form([{ name: 'x.txt', content: 'x' }], { internal: 'true' }));
    assert.equal(r.status, 403);
    assert.equal((await rowsOf(t, ticketId)).length, 0);
  });

  test("another requester's ticket and its attachments do not exist for a requester", async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const a = await upload(t, agent.token, ticketId, form([{ name: 'private.txt', content: 'mine' }]));
    assert.equal((await api.get(`/api/v1/tickets/${ticketId}/attachments`, { token: otherRequester.token })).status, 404);
    assert.equal((await upload(t, otherRequester.token, ticketId, form([{ name: 'x.txt', content: 'x' }]))).status, 404);
    assert.equal((await download(t, a.body.items[0].url, otherRequester.token)).status, 404);
    assert.equal((await download(t, '/api/v1/attachments/999999999/content', agent.token)).status, 404);
    assert.equal((await rowsOf(t, ticketId)).length, 1);
  });

  test('staff restricted to another organisation get 404', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const a = await upload(t, agent.token, ticketId, form([{ name: 'org.txt', content: 'org data' }]));
    const elsewhere = await makeOrganisation(t.deps);
    const restricted = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [elsewhere.id] });
    assert.equal((await api.get(`/api/v1/tickets/${ticketId}/attachments`, { token: restricted.token })).status, 404);
    assert.equal((await upload(t, restricted.token, ticketId, form([{ name: 'x.txt', content: 'x' }]))).status, 404);
    assert.equal((await download(t, a.body.items[0].url, restricted.token)).status, 404);
    const served = await makeUser(t.deps, { roles: ['agent'], servedOrganisationIds: [org.id] });
    assert.equal((await download(t, a.body.items[0].url, served.token)).status, 200);
  });

  test('an unauthenticated caller gets 401', async () => {
    const res = await fetch(`${t.baseUrl}/api/v1/attachments/1/content`);
    assert.equal(res.status, 401);
  });
});

describe('active content', () => {
  test('HTML, SVG and disguised images download as octet-stream attachments with nosniff', async () => {
    const ticketId = await openTicket(t, agent.token, requester.email);
    const html = '<html><script>alert(document.cookie)</script></html>';
    const r = await upload(t, agent.token, ticketId, form([
      { name: 'page.html', content: html, type: 'text/html' },
      { name: 'logo.svg', content: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', type: 'image/svg+xml' },
      { name: 'cat.png', content: html, type: 'image/png' },
    ]));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const [page, svg, fake] = r.body.items;
    assert.equal(page.contentType, 'text/html');
    assert.equal(fake.contentType, 'application/octet-stream', 'a PNG claim the bytes do not back is dropped');
    for (const a of [page, svg, fake]) {
      const d = await download(t, `${a.url}?inline=1`, agent.token);
      assert.equal(d.status, 200);
      assert.equal(d.headers.get('content-type'), 'application/octet-stream', a.filename);
      assert.match(d.headers.get('content-disposition')!, /^attachment; /);
      assert.equal(d.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(d.headers.get('content-security-policy'), "default-src 'none'; sandbox");
    }
    assert.deepEqual((await download(t, page.url, agent.token)).bytes, Buffer.from(html));
  });
});

describe('size limit', () => {
  let small: TestApp;
  let smallAgent: MadeUser;
  before(async () => {
    small = await startTestApp({ env: { GUICHET_ATTACHMENT_MAX_BYTES: '1024' } });
    smallAgent = await makeUser(small.deps, { roles: ['agent'] });
  });
  after(() => small.close());

  test('a file over the limit is refused with 413, leaving no row and no temp file', async () => {
    const ticketId = await openTicket(small, smallAgent.token, `req-${uniq()}@example.test`);
    const r = await upload(small, smallAgent.token, ticketId, form([
      { name: 'fits.txt', content: 'a'.repeat(1024) },
      { name: 'big.bin', content: new Uint8Array(4096).fill(7) },
    ]));
    assert.equal(r.status, 413);
    assert.match(r.headers.get('content-type')!, /application\/problem\+json/);
    assert.match(r.body.detail, /"big\.bin"/);
    assert.match(r.body.detail, /1 KiB \(1024 bytes\)/);
    assert.equal(r.body.limit, 1024);
    assert.equal((await rowsOf(small, ticketId)).length, 0);
    assert.deepEqual(tempFiles(small), []);

    // A file of exactly the limit is accepted, and the server is still in good health.
    const ok = await upload(small, smallAgent.token, ticketId, form([{ name: 'fits.txt', content: 'b'.repeat(1024) }]));
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  test('a large upload over the limit is cut short without buffering it', async () => {
    const ticketId = await openTicket(small, smallAgent.token, `req-${uniq()}@example.test`);
    const r = await upload(small, smallAgent.token, ticketId, form([{ name: 'huge.iso', content: new Uint8Array(8 * 1024 * 1024) }]));
    assert.equal(r.status, 413);
    assert.equal((await rowsOf(small, ticketId)).length, 0);
    assert.deepEqual(tempFiles(small), []);
  });
});
