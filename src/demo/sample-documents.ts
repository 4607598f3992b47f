import * as mupdf from 'mupdf';
import sharp from 'sharp';

/**
 * Sample documents drawn on the fly for the demo: a scan-like image or a one-page PDF showing a
 * few lines of text, every one marked « SPÉCIMEN ». No binary fixture lives in the repository.
 * Identity documents, which need a machine-readable zone, are drawn by identity-specimens.ts.
 * @example await renderSampleImage(['Courrier de Camille Martin', 'Fait le 24/11/2026'], 'jpeg')
 */

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A 900×560 image (PNG or JPEG) with a title line and the following lines, stamped SPÉCIMEN. */
export async function renderSampleImage(lines: readonly string[], format: 'png' | 'jpeg'): Promise<Buffer> {
  const text = lines
    .map(
      (line, i) =>
        `<text x="48" y="${90 + i * 52}" font-family="sans-serif" font-size="${i === 0 ? 34 : 28}"` +
        `${i === 0 ? ' font-weight="bold"' : ''} fill="#1f2937">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="560">` +
    `<rect width="100%" height="100%" fill="#eef2f7"/>` +
    `<rect x="16" y="16" width="868" height="528" fill="none" stroke="#64748b" stroke-width="3"/>${text}` +
    `<text x="520" y="500" font-family="sans-serif" font-size="46" fill="#b91c1c" opacity="0.6">SPÉCIMEN</text></svg>`;
  const image = sharp(Buffer.from(svg));
  return format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 88 }).toBuffer();
}

/**
 * PDF literal strings in a content stream are bytes, and mupdf writes the stream as UTF-8: accents
 * are dropped (É → E) so every character stays one ASCII byte; backslashes and parentheses escaped.
 */
function pdfString(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘]/g, "'")
    .replace(/[\\()]/g, (c) => `\\${c}`)
    .replace(/[^\x20-\x7e]/g, '?');
}

/** A one-page A4 PDF showing `lines` (the first as a title), stamped SPÉCIMEN. */
export function renderSamplePdf(lines: readonly string[]): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'), 'Latin');
    const resources = doc.addObject({ Font: { F1: font } });
    const body = lines
      .map((line, i) => `BT /F1 ${i === 0 ? 18 : 12} Tf 60 ${770 - i * 26} Td (${pdfString(line)}) Tj ET`)
      .join('\n');
    const stamp = `BT /F1 40 Tf 1 0 0 rg 330 120 Td (${pdfString('SPÉCIMEN')}) Tj ET`;
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, `${body}\n${stamp}`));
    return Buffer.from(doc.saveToBuffer('compress').asUint8Array());
  } finally {
    doc.destroy();
  }
}
