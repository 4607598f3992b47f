import type { Deps } from '../platform/deps.ts';
import type { DocumentMediaType } from '../recovery-cases/recovery-case.ts';

// STUB — to be replaced by the documents work (contract only).

/** A checked, re-encoded document now stored encrypted; the caller inserts its row (or discards it). */
export type IntakenDocument = {
  id: string;
  mediaType: DocumentMediaType;
  size: number;
  pageCount: number | null;
  scanStatus: 'clean' | 'not_scanned';
  storageKey: string;
  wrappedKey: string;
  originalName: string | null;
};

/**
 * Checks a whole uploaded file (already size-limited while streaming) by content, re-encodes
 * images, refuses encrypted or unreadable PDFs, scans with clamd when configured (failing closed),
 * then encrypts and stores it. Throws AppError: UNSUPPORTED_MEDIA_TYPE, DOCUMENT_ENCRYPTED,
 * DOCUMENT_UNREADABLE, DOCUMENT_INFECTED, SCANNER_UNAVAILABLE.
 */
export async function intakeDocument(
  _deps: Pick<Deps, 'config' | 'masterKey' | 'log'>,
  _input: { bytes: Buffer; originalName: string | null },
): Promise<IntakenDocument> {
  throw new Error('not implemented');
}

/** Removes a stored document's ciphertext (when its row could not be saved, or at purge). Idempotent. */
export async function discardStoredDocument(_deps: Pick<Deps, 'config'>, _storageKey: string): Promise<void> {
  throw new Error('not implemented');
}

/** Decrypts a stored document into memory (never to disk). */
export async function readStoredDocument(
  _deps: Pick<Deps, 'config' | 'masterKey'>,
  _document: { id: string; storageKey: string; wrappedKey: string },
): Promise<Buffer> {
  throw new Error('not implemented');
}

/** A PNG preview: the image scaled down, or the first page of a PDF. */
export async function renderDocumentPreview(
  _deps: Pick<Deps, 'config' | 'masterKey'>,
  _document: { id: string; storageKey: string; wrappedKey: string; mediaType: DocumentMediaType },
): Promise<Buffer> {
  throw new Error('not implemented');
}
