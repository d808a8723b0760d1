// Encryption at rest for the few secrets Guichet must later use in clear (a mailbox's IMAP
// password): AES-256-GCM from node:crypto, a fresh random 12-byte IV per value.
//
// A sealed value is text: gcm1:<key id>:<base64 IV>:<base64 ciphertext+tag>
//   gcm1    the scheme, so that another one can be added later and told apart
//   key id  a fingerprint of the key (HMAC, not the key): a value sealed with another key
//           is reported as such instead of as damaged
// The scheme, the key id and the caller's context (e.g. "mailboxes.imap_password") are
// authenticated with the ciphertext: a value moved to another column, or edited, is refused.
import crypto from 'node:crypto';
import { inspect } from 'node:util';

const SCHEME = 'gcm1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type OpenFailure = 'other-key' | 'damaged';

export class SecretOpenError extends Error {
  constructor(
    readonly reason: OpenFailure,
    message: string,
  ) {
    super(message);
  }
}

/** A value written by sealSecret (of any scheme we know), as opposed to legacy clear text. */
export function isSealed(value: string): boolean {
  return value.startsWith(`${SCHEME}:`);
}

/** The id of the key a sealed value needs (without opening it), or null for other text. */
export function sealedKeyId(value: string): string | null {
  return isSealed(value) ? (value.split(':')[1] ?? null) : null;
}

/**
 * 32 key bytes from text: 64 hex digits, or base64 / base64url (43 or 44 characters).
 * Returns null for anything else, so that callers word their own error.
 */
export function parseKeyText(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) return null;
  const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

/** The key; its bytes never leave this object (logs and JSON show the id only). */
export class SecretBox {
  readonly #key: Buffer;
  readonly keyId: string;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`A secret key is ${KEY_BYTES} bytes, not ${key.length}.`);
    this.#key = Buffer.from(key);
    this.keyId = crypto.createHmac('sha256', this.#key).update('guichet secret key id').digest('base64url').slice(0, 8);
  }

  static generate(): { box: SecretBox; text: string } {
    const key = crypto.randomBytes(KEY_BYTES);
    return { box: new SecretBox(key), text: key.toString('base64') };
  }

  seal(plaintext: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.#aad(this.keyId, context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SCHEME}:${this.keyId}:${iv.toString('base64')}:${body.toString('base64')}`;
  }

  /** The plaintext, or a SecretOpenError saying whether the key differs or the value is damaged. */
  open(sealed: string, context: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== SCHEME) throw new SecretOpenError('damaged', `not a sealed value of scheme ${SCHEME}`);
    const [, keyId, ivText, bodyText] = parts;
    if (keyId !== this.keyId) throw new SecretOpenError('other-key', `sealed with key ${keyId}, but this server's key is ${this.keyId}`);
    const iv = Buffer.from(ivText, 'base64');
    const body = Buffer.from(bodyText, 'base64');
    if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new SecretOpenError('damaged', 'the sealed value is truncated');
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.#key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(this.#aad(keyId, context));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretOpenError('damaged', 'the sealed value fails its integrity check: it was altered or copied from elsewhere');
    }
  }

  #aad(keyId: string, context: string): Buffer {
    return Buffer.from(`${SCHEME}:${keyId}:${context}`, 'utf8');
  }

  toJSON(): { keyId: string } {
    return { keyId: this.keyId };
  }

  toString(): string {
    return `SecretBox(${this.keyId})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
