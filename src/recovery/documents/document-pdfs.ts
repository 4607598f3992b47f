import * as mupdf from 'mupdf';
import { AppError } from '../../platform/http/errors.ts';

/**
 * PDF handling for documents with MuPDF (WASM, in memory). PDFs are kept as sent (re-writing them
 * could alter what support must judge), but each must open without a password and have pages.
 */

// MuPDF prints repair warnings to stderr by default; they are noise for us (a PDF it cannot open
// is refused anyway) and could echo names from the document, so they are silenced.
mupdf.setLog(null);

const PREVIEW_SCALE = 1.5;

function openPdf(bytes: Buffer): mupdf.Document {
  try {
    return mupdf.Document.openDocument(bytes, 'application/pdf');
  } catch {
    throw new AppError('DOCUMENT_UNREADABLE');
  }
}

/**
 * Checks that a PDF opens without a password and has at least one readable page; returns the page
 * count. Throws DOCUMENT_ENCRYPTED (a user password is set) or DOCUMENT_UNREADABLE.
 */
export function inspectDocumentPdf(bytes: Buffer): { pageCount: number } {
  const doc = openPdf(bytes);
  try {
    // Support cannot review what it cannot open, and we will not ask for the password.
    if (doc.needsPassword()) throw new AppError('DOCUMENT_ENCRYPTED');
    let pageCount: number;
    try {
      pageCount = doc.countPages();
      if (pageCount < 1) throw new Error('no pages');
      doc.loadPage(0).destroy();
    } catch {
      throw new AppError('DOCUMENT_UNREADABLE');
    }
    return { pageCount };
  } finally {
    doc.destroy();
  }
}

/** The first page rendered at 1.5× (about 108 dpi) as a PNG, in memory. */
export function renderPdfPreview(bytes: Buffer): Buffer {
  const doc = openPdf(bytes);
  try {
    const page = doc.loadPage(0);
    try {
      const pixmap = page.toPixmap(
        mupdf.Matrix.scale(PREVIEW_SCALE, PREVIEW_SCALE),
        mupdf.ColorSpace.DeviceRGB,
        false,
        true,
      );
      try {
        return Buffer.from(pixmap.asPNG());
      } finally {
        pixmap.destroy();
      }
    } finally {
      page.destroy();
    }
  } finally {
    doc.destroy();
  }
}
