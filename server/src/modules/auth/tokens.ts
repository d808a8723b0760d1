import crypto from 'node:crypto';

/** A random secret for a cookie or an API token, and the hash we store instead of it. */
export function newSecret(prefix: string): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}
