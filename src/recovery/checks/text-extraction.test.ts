import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import sharp from 'sharp';
import { ocrbFontSkipReason } from '../../../test/support/fonts.ts';
import { findMrz, readMrz } from './mrz.ts';
import { breakAt, td1 } from './mrz-specimens.test-helper.ts';
import { prepareImageForOcr, shutdownOcr } from './ocr.ts';
import { extractDocumentText, extractMrzText } from './text-extraction.ts';

after(() => shutdownOcr());

/** A one-page PDF with a text layer (Helvetica), written by hand; MuPDF rebuilds the xref. */
function pdfWithText(lines: string[]): Buffer {
  const ops = lines.map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 16} Td (${l}) Tj ET`).join('\n');
  return Buffer.from(
    [
      '%PDF-1.4',
      '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R',
      '/Resources << /Font << /F1 5 0 R >> >> >> endobj',
      `4 0 obj << /Length ${ops.length} >> stream\n${ops}\nendstream endobj`,
      '5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj',
      'trailer << /Root 1 0 R >>',
      '%%EOF',
    ].join('\n'),
  );
}

/** The back of a card: some printed text above, the MRZ in OCR-B at the bottom. */
async function cardBackPng(mrz: string[]): Promise<Buffer> {
  const escapeXml = (s: string) => s.replace(/</g, '&lt;');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="860" height="540">
    <rect width="100%" height="100%" fill="#f4f1ea"/>
    <text x="30" y="60" font-family="DejaVu Sans" font-size="22">Adresse : 12 rue des Lilas 75011 Paris</text>
    ${mrz.map((l, i) => `<text x="30" y="${400 + i * 48}" font-family="OCR B" font-size="36">${escapeXml(l)}</text>`).join('')}
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('extractDocumentText', () => {
  it('reads a PDF text layer without OCR', async () => {
    const pdf = pdfWithText(['EXTRAIT KBIS', 'Denomination : SESAME HEBERGEMENT SAS', 'SIREN 732 829 320']);
    const extraction = await extractDocumentText(pdf, 'application/pdf');
    assert.equal(extraction.ok, true);
    assert.ok(extraction.ok && extraction.method === 'pdf_text');
    assert.match(extraction.ok ? extraction.text : '', /SESAME HEBERGEMENT SAS/);
  });

  it('refuses bytes that are not a PDF', async () => {
    assert.deepEqual(await extractDocumentText(Buffer.from('not a pdf'), 'application/pdf'), {
      ok: false,
      reason: 'unreadable',
    });
  });
});

describe('extractMrzText', { skip: ocrbFontSkipReason() }, () => {
  it('reads an OCR-B TD1 MRZ from an image whose check digits pass', async () => {
    const mrz = td1({
      number: 'X4RTBPFW4',
      birth: '900512',
      expiry: '310101',
      name: 'MARCHAND<LEGER<<ELODIE',
    });
    const extraction = await extractMrzText(await cardBackPng(mrz), 'image/png');
    assert.ok(extraction.ok, JSON.stringify(extraction));
    assert.equal(extraction.method, 'ocr');
    const found = findMrz(extraction.text);
    assert.deepEqual(found?.lines, mrz, extraction.text);
    assert.equal(found && readMrz(found).valid, true);
  });

  it('still reads a misprinted check digit as wrong after the second pass', async () => {
    const good = td1({ number: 'Y3KM74029', birth: '880512', expiry: '310101', name: 'FAURE<<HUGO' });
    const mrz = breakAt(good, 1, 14); // expiry check digit
    const extraction = await extractMrzText(await cardBackPng(mrz), 'image/png');
    const found = extraction.ok ? findMrz(extraction.text) : null;
    assert.ok(found, JSON.stringify(extraction));
    assert.equal(readMrz(found).valid, false);
  });
});

describe('prepareImageForOcr', () => {
  it('enlarges the bottom half 1.5× for the second MRZ pass', async () => {
    const png = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    const first = await sharp((await prepareImageForOcr(png, 'bottom_half')) ?? Buffer.alloc(0)).metadata();
    const second = await sharp(
      (await prepareImageForOcr(png, 'bottom_half_large')) ?? Buffer.alloc(0),
    ).metadata();
    assert.deepEqual([first.width, first.height], [1600, 500]);
    assert.deepEqual([second.width, second.height], [2400, 750]);
  });
});
