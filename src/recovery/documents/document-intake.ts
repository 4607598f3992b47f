import { randomUUID } from 'node:crypto';
import type { Deps } from '../../platform/deps.ts';
import {
  decryptDocumentFromStorage,
  encryptDocumentToStorage,
} from '../../platform/files/document-encryption.ts';
import { createStorageKey } from '../../platform/files/document-storage.ts';
import { MAX_DOCUMENT_BYTES } from '../../platform/files/limits.ts';
import { sniffMediaType } from '../../platform/files/sniff-media-type.ts';
import { AppError } from '../../platform/http/errors.ts';
import { reencodeDocumentImage, renderImagePreview } from './document-images.ts';
import { type DocumentMediaType, documentMediaTypes } from './document-kinds.ts';
import { inspectDocumentPdf, renderPdfPreview } from './document-pdfs.ts';
import { scanDocument } from './document-scan.ts';

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

/**
 * Checks a whole uploaded file (already size-limited while streaming) by content, re-encodes
 * images, refuses encrypted or unreadable PDFs, scans with clamd when configured (failing closed),
 * then encrypts and stores it. Throws AppError: UNSUPPORTED_MEDIA_TYPE, DOCUMENT_ENCRYPTED,
 * DOCUMENT_UNREADABLE, DOCUMENT_INFECTED, SCANNER_UNAVAILABLE (and PAYLOAD_TOO_LARGE above 10 MiB).
 */
export async function intakeDocument(
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>,
  input: { bytes: Buffer; originalName: string | null },
): Promise<IntakenDocument> {
  if (input.bytes.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const mediaType = await sniffMediaType(input.bytes, documentMediaTypes);
  if (!mediaType) throw new AppError('UNSUPPORTED_MEDIA_TYPE');

  let stored: Buffer;
  let pageCount: number | null = null;
  if (mediaType === 'application/pdf') {
    pageCount = inspectDocumentPdf(input.bytes).pageCount;
    stored = input.bytes;
  } else {
    stored = await reencodeDocumentImage(input.bytes, mediaType);
  }
  // The scan sees exactly the bytes that will be stored (after re-encoding).
  const scanStatus = await scanDocument(deps, stored);

  const id = randomUUID();
  const storageKey = createStorageKey();
  const storage = deps.storage;
  try {
    const { wrappedKey } = await encryptDocumentToStorage(storage, deps.masterKey, {
      id,
      storageKey,
      plaintext: stored,
    });
    return {
      id,
      mediaType,
      size: stored.length,
      pageCount,
      scanStatus,
      storageKey,
      wrappedKey,
      originalName: sanitizeOriginalName(input.originalName),
    };
  } catch (error) {
    // Nothing half-done: no ciphertext without a row that could ever read or purge it.
    await storage.delete(storageKey).catch(() => {});
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
