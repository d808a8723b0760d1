// The pure rules of attachment-content.ts: file names, content types, download headers.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  MAX_FILENAME_LENGTH,
  chooseContentType,
  contentDisposition,
  downloadHeaders,
  ifNoneMatchHits,
  normalizeContentType,
  sanitizeFilename,
  servedContentType,
  sniffContentType,
} from './attachment-content.ts';
import { formatBytes } from './attachment-upload.ts';

describe('sanitizeFilename', () => {
  test('keeps the last path segment, drops controls and bidi overrides, keeps Unicode', () => {
    assert.equal(sanitizeFilename('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeFilename('C:\\Users\\zoë\\Relevé.pdf'), 'Relevé.pdf');
    assert.equal(sanitizeFilename('a\u0000b\r\nc\u007f.txt'), 'abc.txt');
    assert.equal(sanitizeFilename('invoice\u202Efdp.exe'), 'invoicefdp.exe');
    assert.equal(sanitizeFilename('  报告 😀.docx  '), '报告 😀.docx');
    assert.equal(sanitizeFilename('e\u0301te\u0301.txt'), 'été.txt', 'NFC');
  });

  test('falls back to "attachment" when nothing is left', () => {
    for (const raw of [undefined, '', '   ', '.', '..', 'dir/', '\u0001\u0002']) assert.equal(sanitizeFilename(raw), 'attachment');
  });

  test('caps the length at 255 characters, keeping the extension and whole code points', () => {
    const long = sanitizeFilename('😀'.repeat(300) + '.tar.gz');
    assert.equal(Array.from(long).length, MAX_FILENAME_LENGTH);
    assert.ok(long.endsWith('😀.gz'));
    assert.equal(Array.from(sanitizeFilename('x'.repeat(400))).length, MAX_FILENAME_LENGTH);
  });

  test('property: the result is never empty, never a path, never too long, never has controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (raw) => {
        const name = sanitizeFilename(raw);
        assert.ok(name.length > 0);
        assert.ok(Array.from(name).length <= MAX_FILENAME_LENGTH);
        assert.ok(!/[/\\\u0000-\u001f\u007f-\u009f]/.test(name));
        assert.ok(name !== '.' && name !== '..');
        assert.equal(sanitizeFilename(name), name, 'idempotent');
        assert.doesNotThrow(() => contentDisposition('attachment', name));
      }),
      { numRuns: 500 },
    );
    assert.equal(sanitizeFilename('a' + ' '.repeat(300) + 'b'), 'a', 'no trailing blank after a cut');
    assert.equal(sanitizeFilename('bad\uD800name.txt'), 'badname.txt');
  });
});

describe('content types', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
  const html = new TextEncoder().encode('<!doctype html>');

  test('declared types are normalised, malformed ones become octet-stream', () => {
    assert.equal(normalizeContentType('Text/Plain; charset=UTF-8'), 'text/plain');
    assert.equal(normalizeContentType('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    for (const bad of [undefined, '', 'text', 'text/', '/plain', 'text/plain\r\nX-Evil: 1', 'a/b/c']) {
      assert.equal(normalizeContentType(bad), 'application/octet-stream', String(bad));
    }
  });

  test('signatures win over the declaration; unbacked image claims are dropped', () => {
    assert.equal(sniffContentType(png), 'image/png');
    assert.equal(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffContentType(new TextEncoder().encode('GIF89a....')), 'image/gif');
    assert.equal(sniffContentType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 ')), 'image/webp');
    assert.equal(sniffContentType(new TextEncoder().encode('%PDF-1.7')), 'application/pdf');
    assert.equal(sniffContentType(html), null);

    assert.equal(chooseContentType('application/octet-stream', png), 'image/png');
    assert.equal(chooseContentType('text/html', png), 'image/png');
    assert.equal(chooseContentType('image/png', html), 'application/octet-stream');
    assert.equal(chooseContentType('text/csv', new TextEncoder().encode('a,b\n1,2')), 'text/csv');
  });

  test('active content is served as octet-stream', () => {
    for (const type of [
      'text/html',
      'application/xhtml+xml',
      'image/svg+xml',
      'text/xml',
      'application/xml',
      'application/rss+xml',
      'application/javascript',
      'text/javascript',
      'application/ecmascript',
      'text/css',
      'text/xsl',
      'application/wasm',
      'multipart/x-mixed-replace',
      'not a type',
    ]) {
      assert.equal(servedContentType(type), 'application/octet-stream', type);
    }
    for (const type of ['text/plain', 'image/png', 'application/pdf', 'application/zip', 'text/csv', 'application/json']) {
      assert.equal(servedContentType(type), type);
    }
  });
});

describe('download headers', () => {
  test('Content-Disposition has an ASCII fallback and the exact UTF-8 name', () => {
    assert.equal(contentDisposition('attachment', 'report.pdf'), `attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
    assert.equal(
      contentDisposition('attachment', `l'été "chaud" (1)*.txt`),
      `attachment; filename="l'_t_ _chaud_ (1)*.txt"; filename*=UTF-8''l%27%C3%A9t%C3%A9%20%22chaud%22%20%281%29%2A.txt`,
    );
    assert.equal(contentDisposition('inline', '100%.png'), `inline; filename="100_.png"; filename*=UTF-8''100%25.png`);
  });

  test('inline only for safe images that asked for it', () => {
    const a = { filename: 'x', sha256: 'ab'.repeat(32) };
    assert.match(downloadHeaders({ ...a, contentType: 'image/png' }, true)['content-disposition'], /^inline;/);
    assert.match(downloadHeaders({ ...a, contentType: 'image/png' }, false)['content-disposition'], /^attachment;/);
    assert.match(downloadHeaders({ ...a, contentType: 'image/svg+xml' }, true)['content-disposition'], /^attachment;/);
    assert.match(downloadHeaders({ ...a, contentType: 'application/pdf' }, true)['content-disposition'], /^attachment;/);
    const h = downloadHeaders({ ...a, contentType: 'text/html' }, true);
    assert.equal(h['content-type'], 'application/octet-stream');
    assert.equal(h['x-content-type-options'], 'nosniff');
    assert.equal(h.etag, `"${a.sha256}"`);
  });

  test('If-None-Match: lists, weak tags and *', () => {
    const etag = '"abc"';
    assert.equal(ifNoneMatchHits(undefined, etag), false);
    assert.equal(ifNoneMatchHits('"abc"', etag), true);
    assert.equal(ifNoneMatchHits('"x", W/"abc"', etag), true);
    assert.equal(ifNoneMatchHits('*', etag), true);
    assert.equal(ifNoneMatchHits('"abcd"', etag), false);
  });

  test('sizes in limit messages', () => {
    assert.equal(formatBytes(1000), '1000 bytes');
    assert.equal(formatBytes(1024), '1 KiB (1024 bytes)');
    assert.equal(formatBytes(25 * 1024 * 1024), '25 MiB (26214400 bytes)');
  });
});
