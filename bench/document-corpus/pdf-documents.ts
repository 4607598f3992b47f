import * as mupdf from 'mupdf';
import type { Random } from './random.ts';
import { scannedLook } from './scan-effects.ts';

/**
 * A4 PDFs written with MuPDF: a real text layer (as a registry or a word processor would produce),
 * or the same page rendered, made to look scanned and put back as an image-only PDF (no text layer,
 * so reading it needs OCR).
 */

mupdf.setLog(null);

const A4: [number, number, number, number] = [0, 0, 595, 842];

export type PdfLine = { text: string; size?: number; bold?: boolean; indent?: number; gapBefore?: number };

/** PDF strings in WinAnsi (the base-14 fonts' Latin encoding): French letters are single bytes there. */
function pdfHexString(text: string): string {
  const bytes = Buffer.from(text.replace(/[«»]/g, '"').replace(/[’]/g, "'"), 'latin1');
  return `<${bytes.toString('hex')}>`;
}

/** One page of left-aligned lines, top to bottom, in Helvetica. */
export function writeTextPdf(lines: readonly PdfLine[]): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const regular = doc.addSimpleFont(new mupdf.Font('Helvetica'), 'Latin');
    const bold = doc.addSimpleFont(new mupdf.Font('Helvetica-Bold'), 'Latin');
    let y = 780;
    const ops: string[] = [];
    for (const line of lines) {
      const size = line.size ?? 11;
      y -= (line.gapBefore ?? 0) + size * 1.45;
      ops.push(
        `BT /${line.bold ? 'F2' : 'F1'} ${size} Tf ${56 + (line.indent ?? 0)} ${y.toFixed(1)} Td ${pdfHexString(line.text)} Tj ET`,
      );
    }
    const page = doc.addPage(A4, 0, { Font: { F1: regular, F2: bold } }, ops.join('\n'));
    doc.insertPage(-1, page);
    return Buffer.from(doc.saveToBuffer('compress').asUint8Array());
  } finally {
    doc.destroy();
  }
}

/** The first page of a PDF rendered at `dpi` as PNG. */
export function renderPdfPage(pdf: Buffer, dpi: number): Buffer {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(0);
    const scale = dpi / 72;
    const pixmap = page.toPixmap(mupdf.Matrix.scale(scale, scale), mupdf.ColorSpace.DeviceRGB, false, true);
    const png = Buffer.from(pixmap.asPNG());
    pixmap.destroy();
    page.destroy();
    return png;
  } finally {
    doc.destroy();
  }
}

/** An image-only A4 PDF around one JPEG or PNG, as a scanner's "save as PDF" makes. */
export function wrapImageInPdf(image: Buffer): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const imageObj = doc.addImage(new mupdf.Image(image));
    const page = doc.addPage(
      A4,
      0,
      { XObject: { Im0: imageObj } },
      `q ${A4[2]} 0 0 ${A4[3]} 0 0 cm /Im0 Do Q`,
    );
    doc.insertPage(-1, page);
    return Buffer.from(doc.saveToBuffer('compress').asUint8Array());
  } finally {
    doc.destroy();
  }
}

/** The text PDF printed, scanned (slight rotation, blur, noise, JPEG) and saved as an image-only PDF. */
export async function scannedPdf(pdf: Buffer, random: Random): Promise<Buffer> {
  const png = renderPdfPage(pdf, 200);
  const scan = await scannedLook(png, random, { margin: 0 });
  return wrapImageInPdf(scan);
}
