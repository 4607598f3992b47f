import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { open as openSealedBox, SealedBoxError, seal } from '../crypto/sealed-box.ts';
import { type DocumentStorage, StoredObjectNotFoundError } from './document-storage.ts';

/**
 * Envelope encryption of documents at rest. Each document gets a fresh random 256-bit data key;
 * the bytes go through AES-256-GCM on their way to storage (never a plaintext byte on disk, not
 * even a temporary file), and the data key is sealed with the master key (sealed-box.ts, aad
 * `recovery_document:<id>`) into `wrapped_key` of the document's row. Losing the row or the master
 * key makes the file unreadable; purging a document can simply forget the wrapped key.
 *
 * Stored object, version 1:
 *   0x01 (1 byte: format = AES-256-GCM, 12-byte IV, 16-byte tag) ‖ IV (12) ‖ ciphertext ‖ tag (16)
 * The GCM additional data is `sesame-document:v1:<id>`, so a file moved under another document's
 * row (or a changed version byte) fails the tag check.
 * @example const { wrappedKey, size } = await encryptDocumentToStorage(storage, masterKey, { id, storageKey, plaintext: stream });
 */

const FORMAT_V1 = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const CHUNK_BYTES = 64 * 1024;

export type DocumentDecryptionFailure = 'missing' | 'malformed' | 'wrong-key' | 'tampered';

/** Reading a stored document failed; the message names the reason, never key or content. */
export class DocumentDecryptionError extends Error {
  constructor(readonly reason: DocumentDecryptionFailure) {
    super(`cannot decrypt stored document: ${reason}`);
    this.name = 'DocumentDecryptionError';
  }
}

function wrapAad(id: string): string {
  return `recovery_document:${id}`;
}

function contentAad(id: string): Buffer {
  return Buffer.from(`sesame-document:v${FORMAT_V1}:${id}`, 'utf8');
}

/**
 * Encrypts `plaintext` straight into `storage` under `storageKey`, chunk by chunk as it comes (a
 * Buffer, or a stream read with backpressure: storage pulls, we pull from the source); returns the
 * wrapped data key and the plaintext's length. A failing source fails the `put` (all or nothing).
 */
export async function encryptDocumentToStorage(
  storage: DocumentStorage,
  masterKey: Buffer,
  document: { id: string; storageKey: string; plaintext: Uint8Array | AsyncIterable<Uint8Array> },
): Promise<{ wrappedKey: string; size: number }> {
  const dataKey = randomBytes(32);
  try {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(contentAad(document.id));
    const { plaintext } = document;
    const source: Iterable<Uint8Array> | AsyncIterable<Uint8Array> =
      plaintext instanceof Uint8Array ? [plaintext] : plaintext;
    let size = 0;
    async function* encrypted(): AsyncGenerator<Buffer> {
      yield Buffer.from([FORMAT_V1]);
      yield iv;
      for await (const chunk of source) {
        size += chunk.length;
        // Bounded pieces: a large chunk (a whole re-encoded image) is not doubled in memory at once.
        for (let offset = 0; offset < chunk.length; offset += CHUNK_BYTES) {
          yield cipher.update(chunk.subarray(offset, offset + CHUNK_BYTES));
        }
      }
      yield cipher.final();
      yield cipher.getAuthTag();
    }
    await storage.put(document.storageKey, Readable.from(encrypted()));
    return { wrappedKey: seal(masterKey, dataKey, wrapAad(document.id)), size };
  } finally {
    dataKey.fill(0);
  }
}

/** Reads and decrypts a stored document into memory; the tag is verified before anything is returned. */
export async function decryptDocumentFromStorage(
  storage: DocumentStorage,
  masterKey: Buffer,
  document: { id: string; storageKey: string; wrappedKey: string },
): Promise<Buffer> {
  let dataKey: Buffer;
  try {
    dataKey = openSealedBox(masterKey, document.wrappedKey, wrapAad(document.id));
  } catch (error) {
    if (error instanceof SealedBoxError)
      throw new DocumentDecryptionError(error.reason === 'wrong-key' ? 'wrong-key' : 'tampered');
    throw error;
  }
  try {
    let stored: Buffer;
    try {
      stored = await storage.get(document.storageKey);
    } catch (error) {
      if (error instanceof StoredObjectNotFoundError) throw new DocumentDecryptionError('missing');
      throw error;
    }
    if (stored.length < 1 + IV_BYTES + TAG_BYTES || stored[0] !== FORMAT_V1)
      throw new DocumentDecryptionError('malformed');
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(stored.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(contentAad(document.id));
    decipher.setAuthTag(tag);
    const body = decipher.update(stored.subarray(1 + IV_BYTES, stored.length - TAG_BYTES));
    try {
      // final() checks the tag: until it passes, `body` is unauthenticated and must not leave here.
      // GCM's final() has no bytes left to give: `body` is returned as is, not copied (10 MiB less
      // held at once while a document is read back for mupdf or sharp).
      const rest = decipher.final();
      return rest.length === 0 ? body : Buffer.concat([body, rest]);
    } catch {
      body.fill(0);
      throw new DocumentDecryptionError('tampered');
    }
  } finally {
    dataKey.fill(0);
  }
}
