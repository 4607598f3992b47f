import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { Deps } from '../../platform/deps.ts';
import { encryptDocumentToStorage } from '../../platform/files/document-encryption.ts';
import { createStorageKey } from '../../platform/files/document-storage.ts';
import { scanDocument } from './document-scan.ts';

/** A document's bytes now stored encrypted, and scanned when a scanner is configured. */
export type StoredScannedDocument = {
  id: string;
  storageKey: string;
  wrappedKey: string;
  size: number;
  scanStatus: 'clean' | 'not_scanned';
};

/**
 * Encrypts `plaintext` into storage under a fresh key and, when CLAMD_URL is set, sends the same
 * bytes to clamd at the same time: one read of the source feeds both (Readable#pipe to two
 * PassThroughs, which pauses the source until the slower side drains), so the scan sees exactly
 * the bytes stored and neither side holds the file whole. All or nothing: when the source fails
 * (its error is thrown: 413, a cut body), the scan refuses (DOCUMENT_INFECTED, SCANNER_UNAVAILABLE)
 * or storage fails, the other side is stopped and the stored object, if any, deleted.
 */
export async function storeAndScanDocument(
  deps: Pick<Deps, 'config' | 'log' | 'masterKey' | 'storage'>,
  plaintext: Readable,
): Promise<StoredScannedDocument> {
  const id = randomUUID();
  const storageKey = createStorageKey();
  const toStore = new PassThrough();
  const toScan = deps.config.clamdUrl ? new PassThrough() : null;
  // Their errors are read from the two promises below; a side that already finished has no reader
  // left, and an 'error' event nobody listens to would bring the process down.
  for (const side of [toStore, toScan]) side?.on('error', () => {});
  let sourceError: unknown = null;
  // pipe() forwards no error: a failing source must end both sides, or they would wait forever.
  plaintext.once('error', (error) => {
    sourceError = error;
    toStore.destroy(error);
    toScan?.destroy(error);
  });
  const stopAll = () => {
    plaintext.destroy();
    toStore.destroy();
    toScan?.destroy();
  };
  plaintext.pipe(toStore);
  if (toScan) plaintext.pipe(toScan);

  const storing = encryptDocumentToStorage(deps.storage, deps.masterKey, {
    id,
    storageKey,
    plaintext: toStore,
  });
  const scanning = scanDocument(deps, toScan ?? Buffer.alloc(0));
  // Whichever side fails first stops the other: nothing keeps reading a file that is refused.
  storing.catch(stopAll);
  scanning.catch(stopAll);
  const [stored, scanned] = await Promise.allSettled([storing, scanning]);

  if (stored.status === 'fulfilled' && scanned.status === 'fulfilled') {
    return {
      id,
      storageKey,
      wrappedKey: stored.value.wrappedKey,
      size: stored.value.size,
      scanStatus: scanned.value,
    };
  }
  // Nothing half-done: no ciphertext without a row that could ever read or purge it (the put may
  // have completed before the scan said no).
  await deps.storage.delete(storageKey).catch(() => {});
  // The first cause wins: the upload's own failure, then the scan's verdict, then storage.
  if (sourceError) throw sourceError;
  if (scanned.status === 'rejected') throw scanned.reason;
  throw (stored as PromiseRejectedResult).reason;
}
