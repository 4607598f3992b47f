import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  DocumentDecryptionError,
  decryptDocumentFromStorage,
  encryptDocumentToStorage,
} from './document-encryption.ts';
import { createDocumentStorage, createStorageKey, type DocumentStorage } from './document-storage.ts';

let dataDir: string;
let storage: DocumentStorage;
const masterKey = randomBytes(32);

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocumentDecryptionError) return error.reason;
    throw error;
  }
  return 'decrypted';
}

async function storeSample(plaintext: Buffer) {
  const id = crypto.randomUUID();
  const storageKey = createStorageKey();
  const { wrappedKey } = await encryptDocumentToStorage(storage, masterKey, { id, storageKey, plaintext });
  return { id, storageKey, wrappedKey, file: path.join(dataDir, 'documents', storageKey) };
}

before(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sesame-docs-'));
  storage = createDocumentStorage({ dataDir });
});
after(() => rm(dataDir, { recursive: true, force: true }));

describe('document encryption at rest (AES-256-GCM, wrapped data key)', () => {
  it('decrypts what it stored, and the file holds only ciphertext in the documented layout', async () => {
    // 300 KiB: several 64 KiB chunks through the streaming cipher.
    const plaintext = Buffer.concat([Buffer.from('MARQUEUR-CLAIR '), randomBytes(300 * 1024)]);
    const doc = await storeSample(plaintext);
    assert.ok((await decryptDocumentFromStorage(storage, masterKey, doc)).equals(plaintext));
    const file = await readFile(doc.file);
    assert.equal(file.length, 1 + 12 + plaintext.length + 16);
    assert.equal(file[0], 0x01);
    assert.ok(!file.includes('MARQUEUR-CLAIR'));
    assert.match(doc.wrappedKey, /^v1\./);
  });

  it('keeps files owner-only (directory 0700, file 0600) and leaves no temporary file', async () => {
    const doc = await storeSample(Buffer.from('x'));
    assert.equal((await stat(path.dirname(doc.file))).mode & 0o777, 0o700);
    assert.equal((await stat(doc.file)).mode & 0o777, 0o600);
    const names = await readdir(path.dirname(doc.file));
    assert.deepEqual(
      names.filter((n) => n.endsWith('.tmp')),
      [],
    );
  });

  it('refuses a changed byte anywhere in the file: IV, ciphertext or tag', async () => {
    for (const position of ['iv', 'body', 'tag'] as const) {
      const doc = await storeSample(Buffer.from('pièce d’identité de Jeanne Lefèvre'));
      const file = await readFile(doc.file);
      const index = position === 'iv' ? 3 : position === 'body' ? 20 : file.length - 2;
      file[index] = (file[index] ?? 0) ^ 0x01;
      await writeFile(doc.file, file);
      assert.equal(await reasonOf(decryptDocumentFromStorage(storage, masterKey, doc)), 'tampered', position);
    }
  });

  it('refuses a file moved under another document, a truncated file and a missing one', async () => {
    const a = await storeSample(Buffer.from('document A'));
    const b = await storeSample(Buffer.from('document B'));
    await writeFile(b.file, await readFile(a.file));
    // Even with A's data key, B's id is in the additional data.
    assert.equal(
      await reasonOf(decryptDocumentFromStorage(storage, masterKey, { ...b, wrappedKey: a.wrappedKey })),
      'tampered',
    );
    await writeFile(a.file, Buffer.from([0x01, 2, 3]));
    assert.equal(await reasonOf(decryptDocumentFromStorage(storage, masterKey, a)), 'malformed');
    await storage.delete(a.storageKey);
    await storage.delete(a.storageKey); // idempotent
    assert.equal(await reasonOf(decryptDocumentFromStorage(storage, masterKey, a)), 'missing');
  });

  it('cannot be read with another master key, nor with a key wrapped for another document', async () => {
    const doc = await storeSample(Buffer.from('secret'));
    assert.equal(await reasonOf(decryptDocumentFromStorage(storage, randomBytes(32), doc)), 'wrong-key');
    const other = await storeSample(Buffer.from('other'));
    assert.equal(
      await reasonOf(
        decryptDocumentFromStorage(storage, masterKey, { ...doc, wrappedKey: other.wrappedKey }),
      ),
      'tampered',
    );
  });

  it('uses a fresh data key and IV per document', async () => {
    const [a, b] = [await storeSample(Buffer.from('même')), await storeSample(Buffer.from('même'))];
    assert.notEqual(a.wrappedKey, b.wrappedKey);
    assert.ok(!(await readFile(a.file)).equals(await readFile(b.file)));
  });

  it('refuses storage keys that are not uuids (no path ever built from anything else)', async () => {
    await assert.rejects(storage.get('../../etc/passwd'), /invalid storage key/);
    await assert.rejects(storage.delete('x/../../y'), /invalid storage key/);
  });
});
