import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pLimit from 'p-limit';
import type { Deps } from '../../platform/deps.ts';
import {
  decryptDocumentFromStorage,
  encryptDocumentToStorage,
} from '../../platform/files/document-encryption.ts';
import { createStorageKey } from '../../platform/files/document-storage.ts';
import { MAX_DOCUMENT_BYTES } from '../../platform/files/limits.ts';
import { sniffStreamMediaType } from '../../platform/files/sniff-media-type.ts';
import { AppError } from '../../platform/http/errors.ts';
import { reencodeDocumentImage, renderImagePreview } from './document-images.ts';
import { type DocumentMediaType, documentMediaTypes } from './document-kinds.ts';
import { inspectDocumentPdf, renderPdfPreview } from './document-pdfs.ts';
import { type StoredScannedDocument, storeAndScanDocument } from './document-storing.ts';

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

const MAX_ORIGINAL_NAME_LENGTH = 120;

/**
 * The basename of a client's filename, for display only: no directories, no control or bidi
 * formatting characters (which could disguise `gpj.exe` as `exe.jpg`), at most 120 characters;
 * null when nothing is left. It never decides anything (the type comes from the bytes).
 */
export function sanitizeOriginalName(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return null;
  return Array.from(cleaned).slice(0, MAX_ORIGINAL_NAME_LENGTH).join('');
}

// At most one PDF and one image worked on at a time per process: mupdf needs the whole PDF in its
// WASM heap (which never shrinks), sharp the whole image and its pixels. Uploads waiting for their
// turn wait as ciphertext in storage, not in memory, so 20 concurrent uploads do not hold 20 files.
const pdfInspections = pLimit(1);
const imageEncodings = pLimit(1);

/**
 * An image as it arrives is staged encrypted (the socket keeps flowing, nothing waits in memory),
 * then, one image at a time, read back, re-encoded, and the re-encoded bytes scanned and stored;
 * the staged original is deleted whatever happens (the orphan sweep removes it after a crash).
 */
async function reencodeStreamedImage(
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>,
  stream: Readable,
  mediaType: 'image/jpeg' | 'image/png',
): Promise<StoredScannedDocument> {
  const staged = { id: randomUUID(), storageKey: createStorageKey() };
  try {
    const { wrappedKey } = await encryptDocumentToStorage(deps.storage, deps.masterKey, {
      ...staged,
      plaintext: stream,
    });
    return await imageEncodings(async () => {
      const original = await decryptDocumentFromStorage(deps.storage, deps.masterKey, {
        ...staged,
        wrappedKey,
      });
      let reencoded: Buffer;
      try {
        reencoded = await reencodeDocumentImage(original, mediaType);
      } finally {
        original.fill(0);
      }
      return storeAndScanDocument(deps, Readable.from([reencoded]));
    });
  } finally {
    await deps.storage.delete(staged.storageKey).catch(() => {});
  }
}

/**
 * Checks an uploaded file (already size-limited while streaming) by content, re-encodes images,
 * refuses encrypted or unreadable PDFs, scans with clamd when configured (failing closed), then
 * encrypts and stores it. Throws AppError: UNSUPPORTED_MEDIA_TYPE, DOCUMENT_ENCRYPTED,
 * DOCUMENT_UNREADABLE, DOCUMENT_INFECTED, SCANNER_UNAVAILABLE (and PAYLOAD_TOO_LARGE above 10 MiB).
 */
export async function intakeDocument(
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>,
  input: { bytes: Buffer; originalName: string | null },
): Promise<IntakenDocument> {
  if (input.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const intaken = await intakeDocumentStream(deps, {
    stream: Readable.from([input.bytes]),
    originalName: input.originalName,
  });
  // An empty file is of no type.
  if (!intaken) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  return intaken;
}

/**
 * The same intake as `intakeDocument`, from a stream that is never held whole: the type is sniffed
 * from the first bytes; a PDF is encrypted into storage and scanned as it arrives, then read back
 * (one at a time) for mupdf's check; an image is staged encrypted as it arrives, then read back
 * (one at a time, bounded by MAX_DOCUMENT_BYTES and the pixel limit) and re-encoded, and the
 * re-encoded bytes are what is scanned and stored.
 * Null when the stream had no byte at all. The caller limits the stream's size (its error, such as
 * PAYLOAD_TOO_LARGE, is thrown as is) and consumes or destroys it when this throws.
 */
export async function intakeDocumentStream(
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>,
  input: { stream: Readable; originalName: string | null },
): Promise<IntakenDocument | null> {
  const sniffed = await sniffStreamMediaType(input.stream, documentMediaTypes);
  if (sniffed.empty) return null;
  const { mediaType, stream } = sniffed;
  if (!mediaType) {
    // Read to the end and dropped, never kept: a file that is also too large gets 413, as before
    // streaming (the size is the first refusal a client can act on).
    stream.resume();
    await finished(stream);
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  const originalName = sanitizeOriginalName(input.originalName);
  if (mediaType !== 'application/pdf') {
    const stored = await reencodeStreamedImage(deps, stream, mediaType);
    return { ...stored, mediaType, pageCount: null, originalName };
  }
  const stored = await storeAndScanDocument(deps, stream);
  try {
    // Read back from the ciphertext just stored: the check sees exactly the bytes kept.
    const { pageCount } = await pdfInspections(async () => {
      const bytes = await decryptDocumentFromStorage(deps.storage, deps.masterKey, stored);
      try {
        return inspectDocumentPdf(bytes);
      } finally {
        bytes.fill(0);
      }
    });
    return { ...stored, mediaType, pageCount, originalName };
  } catch (error) {
    // Nothing half-done: a refused PDF leaves no ciphertext behind.
    await deps.storage.delete(stored.storageKey).catch(() => {});
    throw error;
  }
}

/** Removes a stored document's ciphertext (when its row could not be saved, or at purge). Idempotent. */
export async function discardStoredDocument(deps: Pick<Deps, 'storage'>, storageKey: string): Promise<void> {
  await deps.storage.delete(storageKey);
}

/** Decrypts a stored document into memory (never to disk). Throws DocumentDecryptionError when it cannot. */
export async function readStoredDocument(
  deps: Pick<Deps, 'config' | 'masterKey' | 'storage'>,
  document: { id: string; storageKey: string; wrappedKey: string },
): Promise<Buffer> {
  return decryptDocumentFromStorage(deps.storage, deps.masterKey, document);
}

/** A PNG preview: the image scaled down, or the first page of a PDF. */
export async function renderDocumentPreview(
  deps: Pick<Deps, 'config' | 'masterKey' | 'storage'>,
  document: { id: string; storageKey: string; wrappedKey: string; mediaType: DocumentMediaType },
): Promise<Buffer> {
  const bytes = await readStoredDocument(deps, document);
  return document.mediaType === 'application/pdf' ? renderPdfPreview(bytes) : renderImagePreview(bytes);
}
