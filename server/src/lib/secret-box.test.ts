// Encryption at rest: sealing and opening, refusal of altered or foreign values, the key
// from GUICHET_SECRET_KEY or from the key file (created once, 0600, even by racing processes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { loadConfig } from '../config.ts';
import { isSealed, parseKeyText, SecretBox, SecretOpenError, sealedKeyId } from './secret-box.ts';
import { keyFilePath, loadKeyFile, loadSecretKey } from './secret-key.ts';

const CONTEXT = 'mailboxes.imap_password';

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-key-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function refusal(fn: () => unknown): SecretOpenError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SecretOpenError, String(err));
    return err;
  }
  assert.fail('the value was opened');
}

test('a sealed value opens to the plaintext, and differs from it and from every other sealing', () => {
  const { box } = SecretBox.generate();
  for (const secret of ['hunter2', '', 'pàsswörd ☃ with spaces and : colons', 'x'.repeat(5000)]) {
    const a = box.seal(secret, CONTEXT);
    const b = box.seal(secret, CONTEXT);
    assert.ok(isSealed(a) && a.startsWith(`gcm1:${box.keyId}:`), a);
    assert.notEqual(a, b, 'a fresh IV each time');
    if (secret) assert.ok(!a.includes(secret) && !a.includes(Buffer.from(secret).toString('base64')));
    assert.equal(box.open(a, CONTEXT), secret);
    assert.equal(box.open(b, CONTEXT), secret);
  }
  assert.equal(isSealed('hunter2'), false);
  assert.equal(sealedKeyId(box.seal('x', CONTEXT)), box.keyId);
  assert.equal(sealedKeyId('plain text'), null);
});

test('tampered ciphertext, IV, tag, key id or context is refused, never opened to garbage', () => {
  const { box } = SecretBox.generate();
  const sealed = box.seal('correct horse battery staple', CONTEXT);
  const [scheme, keyId, iv, body] = sealed.split(':');
  const flip = (b64: string, at: number) => {
    const bytes = Buffer.from(b64, 'base64');
    bytes[at] ^= 0x01;
    return bytes.toString('base64');
  };
  const bodyLength = Buffer.from(body, 'base64').length;
  const damaged = [
    [scheme, keyId, iv, flip(body, 0)], // ciphertext
    [scheme, keyId, iv, flip(body, bodyLength - 1)], // tag
    [scheme, keyId, flip(iv, 3), body],
    [scheme, keyId, iv, Buffer.from(body, 'base64').subarray(0, 10).toString('base64')], // truncated
    [scheme, keyId, iv],
  ];
  for (const parts of damaged) assert.equal(refusal(() => box.open(parts.join(':'), CONTEXT)).reason, 'damaged', parts.join(':'));
  assert.equal(refusal(() => box.open(sealed, 'users.other_secret')).reason, 'damaged', 'bound to its context');

  const other = SecretBox.generate().box;
  const foreign = refusal(() => other.open(sealed, CONTEXT));
  assert.equal(foreign.reason, 'other-key');
  assert.match(foreign.message, new RegExp(`sealed with key ${keyId}, but this server's key is ${other.keyId}`));
  // A forged key id does not get past the key: the id is authenticated too.
  const forged = [scheme, other.keyId, iv, body].join(':');
  assert.equal(refusal(() => other.open(forged, CONTEXT)).reason, 'damaged');
});

test('the key bytes never show in JSON, inspection or string conversion', () => {
  const key = crypto.randomBytes(32);
  const box = new SecretBox(key);
  for (const shown of [JSON.stringify({ box }), inspect(box, { showHidden: true, depth: 5 }), String(box)]) {
    assert.ok(!shown.includes(key.toString('base64')) && !shown.includes(key.toString('hex')), shown);
    assert.ok(shown.includes(box.keyId), shown);
  }
});

test('GUICHET_SECRET_KEY: base64, base64url or hex of 32 bytes; anything else is a readable config error without the value', () => {
  const key = crypto.randomBytes(32);
  const keyIdOf = (text: string) => loadConfig({ GUICHET_SECRET_KEY: text }).secretKey?.keyId;
  const expected = new SecretBox(key).keyId;
  assert.equal(keyIdOf(key.toString('base64')), expected);
  assert.equal(keyIdOf(key.toString('base64url')), expected);
  assert.equal(keyIdOf(key.toString('hex')), expected);
  assert.equal(keyIdOf(`  ${key.toString('hex').toUpperCase()}\n`), expected);
  assert.equal(loadConfig({}).secretKey, undefined);

  for (const bad of ['changeme', crypto.randomBytes(31).toString('base64'), crypto.randomBytes(33).toString('hex'), key.toString('hex').slice(0, 63) + 'g']) {
    assert.equal(parseKeyText(bad), null, bad);
    assert.throws(
      () => loadConfig({ GUICHET_SECRET_KEY: bad }),
      (err: Error) => /GUICHET_SECRET_KEY: must be 32 random bytes written as base64 \(44 characters\) or hex \(64 characters\)/.test(err.message) && !err.message.includes(bad),
    );
  }
});

test('the key file is created once with mode 0600 and reused; a set GUICHET_SECRET_KEY creates none', async (t) => {
  const dir = path.join(tempDir(t), 'data');
  const first = await loadKeyFile(dir);
  assert.equal(first.created, true);
  const file = keyFilePath(dir);
  assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  assert.equal(new SecretBox(parseKeyText(fs.readFileSync(file, 'utf8'))!).keyId, first.box.keyId);
  assert.deepEqual(fs.readdirSync(dir), ['secret.key'], 'no temporary file left');

  const again = await loadKeyFile(dir);
  assert.equal(again.created, false);
  assert.equal(again.box.keyId, first.box.keyId);
  assert.equal(again.box.open(first.box.seal('kept', CONTEXT), CONTEXT), 'kept');
  assert.equal(again.warning, undefined);
  fs.chmodSync(file, 0o644);
  assert.match((await loadKeyFile(dir)).warning ?? '', /can be read by other users \(mode 644\): chmod 600 it/);

  const withEnv = loadConfig({ GUICHET_DATA: path.join(dir, 'other'), GUICHET_SECRET_KEY: crypto.randomBytes(32).toString('base64') });
  const fromEnv = await loadSecretKey(withEnv);
  assert.equal(fromEnv.source, 'GUICHET_SECRET_KEY');
  assert.equal(fromEnv.box.keyId, withEnv.secretKey!.keyId);
  assert.equal(fs.existsSync(keyFilePath(withEnv.dataDir)), false);
});

test('a damaged key file stops with a readable error and is never replaced', async (t) => {
  const dir = tempDir(t);
  fs.writeFileSync(keyFilePath(dir), 'not a key\n', { mode: 0o600 });
  await assert.rejects(loadKeyFile(dir), /secret key file .*secret\.key does not hold a key \(32 bytes as base64 or hex\)/);
  assert.equal(fs.readFileSync(keyFilePath(dir), 'utf8'), 'not a key\n');
});

test('loads racing to create the key file share one key: one creates it, the others read it', async (t) => {
  const dir = path.join(tempDir(t), 'data');
  const loads = await Promise.all(Array.from({ length: 8 }, () => loadKeyFile(dir)));
  assert.equal(new Set(loads.map((k) => k.box.keyId)).size, 1);
  assert.equal(loads.filter((k) => k.created).length, 1);
  assert.deepEqual(fs.readdirSync(dir), ['secret.key'], 'the losers left no temporary file');
});

test('processes starting at once share one key', async (t) => {
  const base = tempDir(t);
  const dir = path.join(base, 'data');
  const go = path.join(base, 'go');
  const moduleUrl = new URL('./secret-key.ts', import.meta.url).href;
  // Each child loads its modules, says so, then waits for the same signal: they race.
  const code = `
    const { loadKeyFile } = await import(${JSON.stringify(moduleUrl)});
    const fs = await import('node:fs');
    console.log('ready');
    while (!fs.existsSync(${JSON.stringify(go)})) await new Promise((r) => setTimeout(r, 2));
    const k = await loadKeyFile(${JSON.stringify(dir)});
    console.log(JSON.stringify({ id: k.box.keyId, created: k.created }));`;
  const children = Array.from({ length: 4 }, () => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] }));
  const outputs = children.map(
    (child) =>
      new Promise<{ ready: Promise<void>; result: Promise<string> }>((resolve) => {
        let out = '';
        let onReady: () => void;
        const ready = new Promise<void>((r) => (onReady = r));
        const result = new Promise<string>((r, reject) => {
          child.stdout.on('data', (chunk) => {
            out += chunk;
            if (out.startsWith('ready\n')) onReady();
          });
          child.on('close', (status) => (status === 0 ? r(out.slice('ready\n'.length)) : reject(new Error(`child exited with ${status}: ${out}`))));
        });
        resolve({ ready, result });
      }),
  );
  const handles = await Promise.all(outputs);
  await Promise.all(handles.map((h) => h.ready));
  fs.writeFileSync(go, '');
  const results = (await Promise.all(handles.map((h) => h.result))).map((line) => JSON.parse(line) as { id: string; created: boolean });
  assert.equal(new Set(results.map((r) => r.id)).size, 1, JSON.stringify(results));
  assert.equal(results.filter((r) => r.created).length, 1, JSON.stringify(results));
  assert.deepEqual(fs.readdirSync(dir), ['secret.key']);
});
