// Content-addressed file storage: <dataDir>/attachments/<sha[0:2]>/<sha256>. A file is
// streamed to tmp/ while hashed, flushed to disk, then renamed into place, so a stored
// path only ever holds complete content. Identical uploads share one file.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { SNIFF_BYTES } from './attachment-content.ts';

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`File larger than ${limit} bytes.`);
  }
}
export class EmptyFileError extends Error {
  constructor() {
    super('File is empty.');
  }
}
/** The upload stream itself failed (client gone, malformed multipart), not the disk. */
export class SourceReadError extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface StoredBlob {
  sha256: string;
  size: number;
  /** The first bytes, for content sniffing. */
  head: Buffer;
}

export const attachmentsRoot = (dataDir: string) => path.join(dataDir, 'attachments');
export const attachmentsTmpDir = (dataDir: string) => path.join(attachmentsRoot(dataDir), 'tmp');

const SHA256 = /^[0-9a-f]{64}$/;

export function blobPath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`Not a sha256 digest: ${sha256}`);
  return path.join(attachmentsRoot(dataDir), sha256.slice(0, 2), sha256);
}

/**
 * Streams `source` into the store; never holds more than one chunk in memory. Busboy
 * marks a stream cut at its own size limit as `truncated`; the byte count is checked too.
 */
export async function storeBlob(dataDir: string, source: Readable & { truncated?: boolean }, maxBytes: number): Promise<StoredBlob> {
  const tmpDir = attachmentsTmpDir(dataDir);
  await fs.mkdir(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, crypto.randomUUID());
  const file = await fs.open(tmp, 'wx', 0o640);
  const hash = crypto.createHash('sha256');
  const heads: Buffer[] = [];
  let size = 0;
  let closed = false;
  const chunks = source[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (err) {
        throw new SourceReadError(err);
      }
      if (next.done) break;
      const chunk = next.value;
      size += chunk.length;
      if (size > maxBytes) throw new FileTooLargeError(maxBytes);
      if (size - chunk.length < SNIFF_BYTES) heads.push(chunk.subarray(0, SNIFF_BYTES));
      hash.update(chunk);
      await file.write(chunk);
    }
    if (source.truncated) throw new FileTooLargeError(maxBytes);
    if (size === 0) throw new EmptyFileError();
    await file.sync();
    await file.close();
    closed = true;
    const sha256 = hash.digest('hex');
    await moveIntoPlace(tmp, blobPath(dataDir, sha256));
    return { sha256, size, head: Buffer.concat(heads).subarray(0, SNIFF_BYTES) };
  } catch (err) {
    // Stop reading (for an upload, this ends the multipart parsing) and leave nothing behind.
    await chunks.return?.().catch(() => {});
    if (!closed) await file.close().catch(() => {});
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

async function moveIntoPlace(tmp: string, target: string): Promise<void> {
  if (await exists(target)) {
    // Same digest, same content: keep the file already there.
    await fs.rm(tmp, { force: true });
    return;
  }
  const dir = path.dirname(target);
  await fs.mkdir(dir, { recursive: true });
  await fs.rename(tmp, target);
  await syncDirectory(dir);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fs.access(p);
    return true;
  } catch {
    return false;
  }
}

/** Makes the rename itself durable; not every platform can open a directory, hence best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // e.g. Windows (EISDIR/EPERM): the rename is still atomic, only its durability differs.
  } finally {
    await handle?.close().catch(() => {});
  }
}

/** An open stored file and its size, or null when it is missing. The caller streams and closes it. */
export async function openBlob(dataDir: string, sha256: string): Promise<{ handle: fs.FileHandle; size: number } | null> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(blobPath(dataDir, sha256), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    return { handle, size: (await handle.stat()).size };
  } catch (err) {
    await handle.close().catch(() => {});
    throw err;
  }
}
