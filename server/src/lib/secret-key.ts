// Where this server's secret key comes from: GUICHET_SECRET_KEY, else <GUICHET_DATA>/secret.key,
// created on first use. Every process on one database must use the same key: the same
// GUICHET_SECRET_KEY, or the same data folder (which attachments already require).
//
// The file is created atomically: the key is written whole to a private temporary file, then
// hard-linked to secret.key, which fails if the name exists. Two processes starting at once
// therefore never see a half-written key nor keep two different ones: the loser reads the
// winner's file.
import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Config } from '../config.ts';
import { parseKeyText, SecretBox } from './secret-box.ts';

export const KEY_FILE_NAME = 'secret.key';

export function keyFilePath(dataDir: string): string {
  return path.join(dataDir, KEY_FILE_NAME);
}

export interface LoadedKey {
  box: SecretBox;
  /** Where the key came from, for messages (never the key itself). */
  source: string;
  created: boolean;
  /** Something an admin should fix, e.g. a key file others can read. */
  warning?: string;
}

/** Reads the key file, or creates it when there is none. */
export async function loadKeyFile(dataDir: string): Promise<LoadedKey> {
  const file = keyFilePath(dataDir);
  const source = file;
  const existing = await readKeyFile(file);
  if (existing) return { box: existing.box, source, created: false, warning: existing.warning };

  await fs.mkdir(dataDir, { recursive: true });
  const { box, text } = SecretBox.generate();
  const tmp = `${file}.new-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${text}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(tmp, file);
    return { box, source, created: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`Cannot create the secret key file ${file} (${(err as Error).message}); make the data folder writable, or set GUICHET_SECRET_KEY.`);
    const winner = await readKeyFile(file);
    if (!winner) throw new Error(`The secret key file ${file} appeared but cannot be read.`);
    return { box: winner.box, source, created: false, warning: winner.warning };
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function readKeyFile(file: string): Promise<{ box: SecretBox; warning?: string } | null> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`Cannot read the secret key file ${file}: ${(err as Error).message}`);
  }
  const key = parseKeyText(text);
  if (!key) {
    throw new Error(
      `The secret key file ${file} does not hold a key (32 bytes as base64 or hex). Restore it from your copy; ` +
        'deleting it makes a new key, and every stored mailbox password must then be entered again.',
    );
  }
  const mode = (await fs.stat(file)).mode & 0o777;
  const warning = mode & 0o077 ? `The secret key file ${file} can be read by other users (mode ${mode.toString(8)}): chmod 600 it.` : undefined;
  return { box: new SecretBox(key), warning };
}

const loaded = new WeakMap<Config, Promise<LoadedKey>>();

/** This configuration's key, loaded (or created) once. */
export function loadSecretKey(config: Config): Promise<LoadedKey> {
  let key = loaded.get(config);
  if (!key) {
    key = config.secretKey ? Promise.resolve({ box: config.secretKey, source: 'GUICHET_SECRET_KEY', created: false }) : loadKeyFile(config.dataDir);
    // A failure is not cached: the next call tries again (e.g. once the folder is writable).
    key.catch(() => loaded.delete(config));
    loaded.set(config, key);
  }
  return key;
}

export async function secretBoxOf(config: Config): Promise<SecretBox> {
  return (await loadSecretKey(config)).box;
}
