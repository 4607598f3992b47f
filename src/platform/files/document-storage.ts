import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../../config.ts';

/**
 * Where encrypted documents live. It only ever sees ciphertext (platform/files/document-encryption.ts
 * encrypts before `put`), so an implementation needs no secrecy of its own, only durability.
 *
 * Two implementations are foreseen: the filesystem one below (DATA_DIR/documents, the default and
 * the only one written yet) and an S3-compatible object store (DESIGN.md), a second class with the
 * same three methods — `put` as a streamed PutObject, `get` as GetObject read into memory,
 * `delete` as DeleteObject — chosen in `createDocumentStorage` from the configuration.
 */
export interface DocumentStorage {
  /** Stores the bytes under `key`, all or nothing: a reader never sees a partial object. */
  put(key: string, body: Readable): Promise<void>;
  /** The whole object; throws StoredObjectNotFoundError when there is none. */
  get(key: string): Promise<Buffer>;
  /** Removes the object; idempotent (no error when it is already gone). */
  delete(key: string): Promise<void>;
  /** Every stored object's key and last write (for the sweep of objects whose row never committed). */
  list(): AsyncIterable<{ key: string; modifiedAt: Date }>;
  /** Removes what writes cut short (a process killed mid-`put`) left, if older than `before`; returns how many. */
  removeUnfinishedWrites(before: Date): Promise<number>;
}

export class StoredObjectNotFoundError extends Error {
  constructor() {
    super('stored document not found');
    this.name = 'StoredObjectNotFoundError';
  }
}

/** A fresh storage key: random, never derived from anything a user sent. */
export function createStorageKey(): string {
  return randomUUID();
}

// Keys are ours (uuids), but they come back from the database: checked again so that a corrupted
// row can never make the filesystem implementation read or delete outside its directory.
const STORAGE_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function assertStorageKey(key: string): void {
  if (!STORAGE_KEY.test(key)) throw new Error('invalid storage key');
}

/** One file per document in `root` (directory 0700, files 0600, owner only). */
export class FilesystemDocumentStorage implements DocumentStorage {
  constructor(private readonly root: string) {}

  private async ensureRoot(): Promise<void> {
    // mkdir's mode only applies to directories it creates; an existing one keeps its mode.
    await mkdir(this.root, { recursive: true, mode: 0o700 });
  }

  async put(key: string, body: Readable): Promise<void> {
    assertStorageKey(key);
    await this.ensureRoot();
    const finalPath = path.join(this.root, key);
    // Same directory, so the rename is atomic; 'wx' refuses to follow or reuse an existing path.
    const tempPath = path.join(this.root, `.${key}.${randomUUID()}.tmp`);
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      for await (const chunk of body) await handle.write(chunk as Buffer);
      await handle.sync();
      await handle.close();
      await rename(tempPath, finalPath);
      // The rename itself is durable only once the directory is synced.
      await this.syncRoot();
    } catch (error) {
      await handle.close().catch(() => {});
      await rm(tempPath, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    assertStorageKey(key);
    try {
      return await readFile(path.join(this.root, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredObjectNotFoundError();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    await rm(path.join(this.root, key), { force: true });
  }

  async *list(): AsyncIterable<{ key: string; modifiedAt: Date }> {
    for (const name of await this.names()) {
      if (!STORAGE_KEY.test(name)) continue;
      const modifiedAt = await this.modifiedAt(name);
      if (modifiedAt) yield { key: name, modifiedAt };
    }
  }

  async removeUnfinishedWrites(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await this.names()) {
      // Only our own temporary names (see put): `.<key>.<uuid>.tmp`; they hold ciphertext, never plaintext.
      if (!/^\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.tmp$/.test(name)) continue;
      const modifiedAt = await this.modifiedAt(name);
      if (!modifiedAt || modifiedAt >= before) continue;
      await rm(path.join(this.root, name), { force: true });
      removed += 1;
    }
    return removed;
  }

  private async names(): Promise<string[]> {
    try {
      return await readdir(this.root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private async modifiedAt(name: string): Promise<Date | null> {
    try {
      return (await stat(path.join(this.root, name))).mtime;
    } catch {
      return null; // removed meanwhile
    }
  }

  private async syncRoot(): Promise<void> {
    const directory = await open(this.root, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}

/** The storage the configuration names, created once per process into `Deps`; today always the filesystem under DATA_DIR/documents. */
export function createDocumentStorage(config: Pick<Config, 'dataDir'>): DocumentStorage {
  return new FilesystemDocumentStorage(path.join(config.dataDir, 'documents'));
}
