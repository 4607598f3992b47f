import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as mupdf from 'mupdf';
import { pino } from 'pino';
import sharp from 'sharp';
import { loadConfig } from '../../src/config.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { createDocumentStorage } from '../../src/platform/files/document-storage.ts';

/**
 * Real documents for tests, made on the fly (no binary fixtures in the repository): a PNG, a JPEG
 * and a one-page PDF, each showing `label`. The label is also embedded as metadata (EXIF
 * ImageDescription for images, uncompressed text in the PDF) so a test can look for it in stored
 * bytes: intake must drop it from images, and encryption must hide it everywhere on disk.
 */

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function labelSvg(label: string): Buffer {
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">` +
      `<rect width="100%" height="100%" fill="#f4efe6"/>` +
      `<text x="24" y="80" font-family="sans-serif" font-size="28" fill="#1a1a1a">${escapeXml(label)}</text>` +
      `</svg>`,
  );
}

/** A 640×400 PNG showing `label`, with `label` in its EXIF ImageDescription. */
export async function createTestPng(label: string): Promise<Buffer> {
  return sharp(labelSvg(label))
    .png()
    .withExif({ IFD0: { ImageDescription: label } })
    .toBuffer();
}

/**
 * A 640×400 JPEG showing `label`, with `label` in its EXIF ImageDescription; `exifGps` adds a GPS
 * position (Paris, 48°51′N 2°21′E) that intake must remove.
 */
export async function createTestJpeg(label: string, options: { exifGps?: boolean } = {}): Promise<Buffer> {
  const gps = options.exifGps
    ? {
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '48/1 51/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '2/1 21/1 0/1',
        },
      }
    : {};
  return sharp(labelSvg(label))
    .jpeg()
    .withExif({ IFD0: { ImageDescription: label }, ...gps })
    .toBuffer();
}

/** PDF literal strings: backslash, parentheses escaped; non-Latin-1 characters replaced. */
function pdfString(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?');
}

/**
 * A one-page A4 PDF with `label` as text, saved uncompressed (the label is in the file's bytes).
 * `encrypted`: AES-256 with a user password ("motdepasse"), so it cannot be opened without it.
 */
export function createTestPdf(label: string, options: { encrypted?: boolean } = {}): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const resources = doc.addObject({ Font: { F1: font } });
    const content = `BT /F1 18 Tf 72 760 Td (${pdfString(label)}) Tj ET`;
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, content));
    const saveOptions = options.encrypted
      ? 'encrypt=aes-256,user-password=motdepasse,owner-password=proprietaire'
      : '';
    return Buffer.from(doc.saveToBuffer(saveOptions).asUint8Array());
  } finally {
    doc.destroy();
  }
}

export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; bytes: Buffer };

/**
 * A multipart/form-data body for `app.inject`, parts in the given order (the order matters: the
 * `_csrf` field must come before the file on form posts).
 * @example const { payload, headers } = multipartBody([{ name: '_csrf', value: token }, { name: 'file', filename: 'id.pdf', contentType: 'application/pdf', bytes }]);
 */
export function multipartBody(parts: MultipartPart[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----sesame-test-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      'filename' in part
        ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.contentType}`
        : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push('filename' in part ? part.bytes : Buffer.from(part.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/**
 * What the document functions need, without a database: a real configuration on a fresh DATA_DIR
 * (optionally with CLAMD_URL), a random master key, a silent logger and the files storage. `cleanup` removes DATA_DIR.
 */
export async function createDocumentTestDeps(environment: Record<string, string> = {}): Promise<{
  deps: Pick<Deps, 'config' | 'masterKey' | 'log' | 'storage'>;
  dataDir: string;
  cleanup(): Promise<void>;
}> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sesame-documents-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...environment });
  return {
    deps: {
      config,
      masterKey: randomBytes(32),
      log: pino({ level: 'silent' }),
      storage: createDocumentStorage(config),
    },
    dataDir,
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** Every file under `dir` (recursively) whose bytes contain `marker`; [] proves no plaintext was written. */
export async function findFilesContaining(dir: string, marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await readFile(file)).includes(marker)) found.push(file);
  }
  return found;
}

/** A one-page PDF whose text layer holds `lines` (a PDF avoids OCR in tests); [] gives a blank page. */
export function textPdf(lines: string[]): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const resources = doc.addObject({ Font: { F1: font } });
    const pdfText = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\xff]/g, '?');
    const content = lines
      .map((line, i) => `BT /F1 11 Tf 56 ${780 - i * 16} Td (${pdfText(line)}) Tj ET`)
      .join('\n');
    doc.insertPage(-1, doc.addPage([0, 0, 595, 842], 0, resources, content));
    return Buffer.from(doc.saveToBuffer('').asUint8Array());
  } finally {
    doc.destroy();
  }
}
