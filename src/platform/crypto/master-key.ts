import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * The master key seals secrets at rest (outbox emails that carry links, document keys). It comes
 * from `MASTER_KEY` or, on a fresh machine, from `DATA_DIR/master.key`, generated on first run.
 * Every instance that reads the same database must have the same key: with several machines,
 * set `MASTER_KEY` (or share the file).
 */

export const MASTER_KEY_BYTES = 32;
const KEY_FILE = 'master.key';

/** Reads 32 bytes written as 64 hex digits or as base64 (standard or url-safe); null for anything else. */
export function decodeMasterKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    return key.length === MASTER_KEY_BYTES ? key : null;
  }
  return null;
}

export function masterKeyFileFor(dataDir: string): string {
  return path.join(dataDir, KEY_FILE);
}

/** The configured key, else the key file in DATA_DIR (created with mode 0600 when absent). */
export async function loadMasterKey(config: {
  masterKey: Buffer | undefined;
  dataDir: string;
}): Promise<Buffer> {
  if (config.masterKey) return config.masterKey;
  const file = masterKeyFileFor(config.dataDir);
  return (await readMasterKeyFile(file)) ?? (await createMasterKeyFile(file));
}

async function readMasterKeyFile(file: string): Promise<Buffer | null> {
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  // Like ssh with a private key: a key others can read is refused rather than used.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new Error(`${file} is readable by other users: run chmod 600 on it`);
  }
  const key = decodeMasterKey(await readFile(file, 'utf8'));
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex digits)`);
  return key;
}

async function createMasterKeyFile(file: string): Promise<Buffer> {
  await mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(MASTER_KEY_BYTES);
  // Written whole to a private temporary file, then hard-linked into place: link() is atomic and
  // fails if the name exists, so a crash never leaves half a key and two processes starting at
  // once agree on one key (the loser reads the winner's).
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('hex')}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temporary, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const existing = await readMasterKeyFile(file);
    if (!existing) throw error;
    return existing;
  } finally {
    await unlink(temporary);
  }
}
