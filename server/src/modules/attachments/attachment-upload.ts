// Reads a multipart/form-data upload part by part: each "file" part is streamed into the
// store (attachment-store.ts) as it arrives, the optional "internal" field is checked,
// anything else is refused. Files reach the disk before any database write; being
// content-addressed, a file left by a request that fails later is harmless and reused.
import type { Multipart } from '@fastify/multipart';
import { AppError, Forbidden, Unprocessable, ValidationError } from '../../lib/errors.ts';
import { ATTACHMENT_LIMITS } from '../../../../common/schemas/attachments.ts';
import { chooseContentType, sanitizeFilename } from './attachment-content.ts';
import { EmptyFileError, FileTooLargeError, SourceReadError, storeBlob } from './attachment-store.ts';

export interface ReceivedFile {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface ReceivedUpload {
  files: ReceivedFile[];
  internal: boolean;
}

/** Busboy limits for one upload request (passed to request.parts()). */
export function uploadLimits(maxBytes: number) {
  return {
    fileSize: maxBytes,
    files: ATTACHMENT_LIMITS.filesPerUpload,
    fields: 5,
    fieldSize: 100,
    parts: ATTACHMENT_LIMITS.filesPerUpload + 5,
  };
}

export async function receiveUpload(
  parts: AsyncIterator<Multipart>,
  opts: { dataDir: string; maxBytes: number; mayUploadInternal: boolean },
): Promise<ReceivedUpload> {
  const files: ReceivedFile[] = [];
  let internal = false;
  for (;;) {
    const next = await nextPart(parts, opts.maxBytes);
    if (next.done) break;
    const part = next.value;
    if (part.type === 'field') {
      if (part.fieldname !== 'internal') throw unknownPart(part.fieldname);
      const value = String(part.value).trim().toLowerCase();
      if (value !== 'true' && value !== 'false') throw new ValidationError(`The "internal" field is "true" or "false", not "${String(part.value).slice(0, 20)}".`);
      internal = value === 'true';
      if (internal && !opts.mayUploadInternal) throw new Forbidden('Only the support team can add internal attachments.');
      continue;
    }
    if (part.fieldname !== 'file') throw unknownPart(part.fieldname);
    const filename = sanitizeFilename(part.filename);
    try {
      const blob = await storeBlob(opts.dataDir, part.file, opts.maxBytes);
      files.push({ filename, contentType: chooseContentType(part.mimetype, blob.head), size: blob.size, sha256: blob.sha256 });
    } catch (err) {
      if (err instanceof FileTooLargeError) throw tooLarge(filename, err.limit);
      if (err instanceof EmptyFileError) throw new Unprocessable(`"${filename}" is empty; attach a file with content.`, { filename });
      if (err instanceof SourceReadError) throw malformed(err.cause);
      throw err;
    }
  }
  if (files.length === 0) throw new Unprocessable('Attach at least one file, as a part named "file" of a multipart/form-data body.');
  return { files, internal };
}

async function nextPart(parts: AsyncIterator<Multipart>, maxBytes: number): Promise<IteratorResult<Multipart>> {
  try {
    return await parts.next();
  } catch (err) {
    throw malformed(err, maxBytes);
  }
}

function unknownPart(name: string): ValidationError {
  return new ValidationError(`Unknown form part "${name.slice(0, 50)}": send files as parts named "file", and optionally the field "internal".`);
}

function tooLarge(filename: string, limit: number): AppError {
  return new AppError(413, 'Content Too Large', `"${filename}" is larger than the ${formatBytes(limit)} allowed per attachment.`, {
    filename,
    limit,
  });
}

/** Errors of the multipart parser, as problems: its limits are 413, anything else a malformed body. */
function malformed(err: unknown, maxBytes?: number): AppError {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new AppError(413, 'Content Too Large', `Send at most ${ATTACHMENT_LIMITS.filesPerUpload} files per request.`, {
        limit: ATTACHMENT_LIMITS.filesPerUpload,
      });
    case 'FST_FIELDS_LIMIT':
      return new ValidationError('Too many form fields; the only one accepted is "internal".');
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(sanitizeFilename((e as { part?: { filename?: string } }).part?.filename), maxBytes ?? 0);
  }
  const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400;
  return new AppError(status, 'Bad Request', `The multipart/form-data body could not be read: ${e.message ?? String(err)}.`);
}

export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1 && value % 1024 === 0) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} bytes` : `${value} ${units[unit]} (${n} bytes)`;
}
