import * as mupdf from 'mupdf';
import { findMrz, readMrz } from './mrz.ts';
import { type OcrMode, prepareImageForOcr, recognizeImages } from './ocr.ts';

/**
 * Text of a stored document, in memory only: the PDF text layer when there is one, otherwise OCR
 * of the images or of the rendered PDF pages. Nothing extracted is written anywhere; the checks keep
 * at most short excerpts as evidence.
 */

// MuPDF's repair warnings go to stderr and could echo text from the document: silenced, as in
// document-pdfs.ts (an unreadable PDF is reported as `unreadable` anyway).
mupdf.setLog(null);

export type ExtractableMediaType = 'application/pdf' | 'image/jpeg' | 'image/png';

export type TextExtraction =
  | { ok: true; text: string; method: 'pdf_text' | 'ocr' }
  | { ok: false; reason: 'timeout' | 'unreadable' | 'no_text' };

export type ExtractionOptions = { timeoutMs?: number };

export const DEFAULT_OCR_TIMEOUT_MS = 60_000;
/** Pages read from the text layer; statutes can be long, the facts we need are at the start. */
export const MAX_PDF_TEXT_PAGES = 10;
/** Pages OCRed from a scanned PDF: each costs seconds of a full core. */
export const MAX_PDF_OCR_PAGES = 4;
const OCR_DPI = 200;
const MAX_RENDER_SIDE = 2500;
// Below this many letters and digits per page, a PDF is taken as a scan (a stray header or page
// number in a text layer is not a document's text).
const MIN_TEXT_CHARS_PER_PAGE = 40;

function meaningfulChars(text: string): number {
  return text.replace(/[^\p{L}\p{N}]/gu, '').length;
}

type OpenedPdf = { doc: mupdf.Document; pageCount: number };

function openPdf(bytes: Buffer): OpenedPdf | null {
  try {
    const doc = mupdf.Document.openDocument(bytes, 'application/pdf');
    if (doc.needsPassword()) {
      doc.destroy();
      return null;
    }
    return { doc, pageCount: doc.countPages() };
  } catch {
    return null;
  }
}

function pdfTextLayer({ doc, pageCount }: OpenedPdf): string {
  const texts: string[] = [];
  for (let i = 0; i < Math.min(pageCount, MAX_PDF_TEXT_PAGES); i += 1) {
    const page = doc.loadPage(i);
    try {
      const stext = page.toStructuredText('preserve-whitespace');
      texts.push(stext.asText());
      stext.destroy();
    } finally {
      page.destroy();
    }
  }
  return texts.join('\n');
}

/** Pages rendered to grayscale PNG at ~200 dpi, the longest side bounded for memory. */
function renderPdfPages({ doc, pageCount }: OpenedPdf, maxPages: number): Buffer[] {
  const images: Buffer[] = [];
  for (let i = 0; i < Math.min(pageCount, maxPages); i += 1) {
    const page = doc.loadPage(i);
    try {
      const [x0, y0, x1, y1] = page.getBounds();
      const side = Math.max(x1 - x0, y1 - y0, 1);
      const scale = Math.min(OCR_DPI / 72, MAX_RENDER_SIDE / side);
      const pixmap = page.toPixmap(
        mupdf.Matrix.scale(scale, scale),
        mupdf.ColorSpace.DeviceGray,
        false,
        true,
      );
      try {
        images.push(Buffer.from(pixmap.asPNG()));
      } finally {
        pixmap.destroy();
      }
    } finally {
      page.destroy();
    }
  }
  return images;
}

async function ocrImages(
  images: Buffer[],
  mode: OcrMode,
  region: Parameters<typeof prepareImageForOcr>[1],
  timeoutMs: number,
): Promise<TextExtraction> {
  const prepared: Buffer[] = [];
  for (const image of images) {
    const png = await prepareImageForOcr(image, region);
    if (!png) return { ok: false, reason: 'unreadable' };
    prepared.push(png);
  }
  const outcome = await recognizeImages(prepared, mode, timeoutMs);
  if (!outcome.ok) return outcome;
  if (meaningfulChars(outcome.text) === 0) return { ok: false, reason: 'no_text' };
  return { ok: true, text: outcome.text, method: 'ocr' };
}

/**
 * The text of a document: a PDF's text layer (first MAX_PDF_TEXT_PAGES pages) or, for images and
 * scanned PDFs, OCR (fra+eng) bounded by `timeoutMs` (default 60 s).
 */
export async function extractDocumentText(
  bytes: Buffer,
  mediaType: ExtractableMediaType,
  options: ExtractionOptions = {},
): Promise<TextExtraction> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
  if (mediaType !== 'application/pdf') return ocrImages([bytes], 'text', 'whole', timeoutMs);
  const pdf = openPdf(bytes);
  if (!pdf) return { ok: false, reason: 'unreadable' };
  try {
    let text: string;
    let pages: Buffer[];
    try {
      text = pdfTextLayer(pdf);
      const textPages = Math.min(pdf.pageCount, MAX_PDF_TEXT_PAGES);
      if (meaningfulChars(text) >= MIN_TEXT_CHARS_PER_PAGE * Math.max(1, Math.min(textPages, 2))) {
        return { ok: true, text, method: 'pdf_text' };
      }
      pages = renderPdfPages(pdf, MAX_PDF_OCR_PAGES);
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
    if (pages.length === 0) return { ok: false, reason: 'no_text' };
    return await ocrImages(pages, 'text', 'whole', timeoutMs);
  } finally {
    pdf.doc.destroy();
  }
}

/**
 * A dedicated OCR pass for the machine-readable zone: only `A-Z0-9<`, one text block, on the
 * bottom half of an image (where every MRZ sits), or on the first two pages of a PDF scan.
 */
export async function extractMrzText(
  bytes: Buffer,
  mediaType: ExtractableMediaType,
  options: ExtractionOptions = {},
): Promise<TextExtraction> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_OCR_TIMEOUT_MS;
  if (mediaType !== 'application/pdf') {
    const bottom = await ocrImages([bytes], 'mrz', 'bottom_half', timeoutMs);
    const found = bottom.ok ? findMrz(bottom.text) : null;
    if (found && !readMrz(found).valid) {
      // A doubtful read gets up to two more passes (larger; larger in black and white); one is kept only if its MRZ is valid,
      // so a misprinted check digit still fails (no pass can make it right).
      for (const region of ['bottom_half_large', 'bottom_half_binarized'] as const) {
        const retry = await ocrImages([bytes], 'mrz', region, timeoutMs);
        const again = retry.ok ? findMrz(retry.text) : null;
        if (again && readMrz(again).valid) return retry;
      }
      return bottom;
    }
    if (!bottom.ok || found) return bottom;
    // A scan of a whole page puts the card anywhere: one more pass on the whole image.
    return ocrImages([bytes], 'mrz', 'whole', timeoutMs);
  }
  const pdf = openPdf(bytes);
  if (!pdf) return { ok: false, reason: 'unreadable' };
  try {
    let pages: Buffer[];
    try {
      pages = renderPdfPages(pdf, 2);
    } catch {
      return { ok: false, reason: 'unreadable' };
    }
    if (pages.length === 0) return { ok: false, reason: 'no_text' };
    // A scanned page may hold the card anywhere: the whole page is read, not its bottom half.
    return await ocrImages(pages, 'mrz', 'whole', timeoutMs);
  } finally {
    pdf.doc.destroy();
  }
}
