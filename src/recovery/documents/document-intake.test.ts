import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import {
  createDocumentTestDeps,
  createTestJpeg,
  createTestPdf,
  createTestPng,
} from '../../../test/support/documents.ts';
import { AppError } from '../../platform/http/errors.ts';
import {
  discardStoredDocument,
  intakeDocument,
  readStoredDocument,
  sanitizeOriginalName,
} from './document-intake.ts';

let env: Awaited<ReturnType<typeof createDocumentTestDeps>>;
before(async () => {
  env = await createDocumentTestDeps();
});
after(() => env.cleanup());

async function refusalOf(bytes: Buffer, originalName: string | null = null): Promise<string> {
  try {
    await intakeDocument(env.deps, { bytes, originalName });
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

/** A PNG whose header claims `width`×`height` (CRC fixed so the header itself is valid). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await createTestPng('bombe'));
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type + data.
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('intakeDocument: accepted types', () => {
  it('stores a PDF as sent, with its page count, readable back', async () => {
    const pdf = createTestPdf('Attestation de Jeanne Lefèvre');
    const doc = await intakeDocument(env.deps, { bytes: pdf, originalName: 'attestation.pdf' });
    assert.equal(doc.mediaType, 'application/pdf');
    assert.equal(doc.pageCount, 1);
    assert.equal(doc.size, pdf.length);
    assert.equal(doc.scanStatus, 'not_scanned');
    assert.equal(doc.originalName, 'attestation.pdf');
    assert.ok((await readStoredDocument(env.deps, doc)).equals(pdf));
    // Another instance's master key cannot unwrap the data key.
    await assert.rejects(readStoredDocument({ ...env.deps, masterKey: randomBytes(32) }, doc), {
      reason: 'wrong-key',
    });
  });

  for (const [mediaType, make] of [
    ['image/jpeg', () => createTestJpeg('Carte d’identité')],
    ['image/png', () => createTestPng('Carte d’identité')],
  ] as const) {
    it(`re-encodes and stores a ${mediaType} image`, async () => {
      const doc = await intakeDocument(env.deps, { bytes: await make(), originalName: null });
      assert.equal(doc.mediaType, mediaType);
      assert.equal(doc.pageCount, null);
      const stored = await readStoredDocument(env.deps, doc);
      assert.equal(doc.size, stored.length);
      const meta = await sharp(stored).metadata();
      assert.equal(`image/${meta.format === 'jpeg' ? 'jpeg' : meta.format}`, mediaType);
      assert.deepEqual([meta.width, meta.height], [640, 400]);
    });
  }

  it('decides by content, whatever the client called the file', async () => {
    const doc = await intakeDocument(env.deps, { bytes: await createTestPng('x'), originalName: 'scan.pdf' });
    assert.equal(doc.mediaType, 'image/png');
  });
});

describe('intakeDocument: refused content', () => {
  it('refuses GIF, HTML, executables and a text file named .pdf with 415', async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
      .gif()
      .toBuffer();
    const html = Buffer.from('<!doctype html><html><script>alert(1)</script></html>');
    const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), randomBytes(120)]);
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(58),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(64),
      Buffer.from('PE\0\0'),
      randomBytes(64),
    ]);
    const text = Buffer.from('Ceci est un fichier texte, pas un PDF.\n');
    for (const [name, bytes] of Object.entries({ gif, html, elf, exe, text })) {
      assert.equal(await refusalOf(bytes, `${name}.pdf`), 'UNSUPPORTED_MEDIA_TYPE', name);
    }
  });

  it('refuses a password-protected PDF as encrypted', async () => {
    assert.equal(await refusalOf(createTestPdf('secret', { encrypted: true })), 'DOCUMENT_ENCRYPTED');
  });

  it('refuses a PDF that cannot be opened, a truncated JPEG and a corrupt PNG as unreadable', async () => {
    assert.equal(await refusalOf(Buffer.from('%PDF-1.7\nrien de lisible ici\n')), 'DOCUMENT_UNREADABLE');
    const jpeg = await createTestJpeg('tronqué');
    assert.equal(await refusalOf(jpeg.subarray(0, Math.floor(jpeg.length / 2))), 'DOCUMENT_UNREADABLE');
    const png = Buffer.from(await createTestPng('abîmé'));
    png.fill(0x41, 60, 400);
    assert.equal(await refusalOf(png), 'DOCUMENT_UNREADABLE');
  });

  it('refuses a decompression bomb (more pixels than allowed) before decoding it', async () => {
    assert.equal(await refusalOf(await pngClaiming(100_000, 100_000)), 'DOCUMENT_UNREADABLE');
  });

  it('refuses more than 10 MiB even when called directly', async () => {
    const big = Buffer.concat([createTestPdf('gros'), Buffer.alloc(10 * 1024 * 1024)]);
    assert.equal(await refusalOf(big), 'PAYLOAD_TOO_LARGE');
  });

  it('writes nothing to storage for a refused document', async () => {
    const before = await readdir(path.join(env.dataDir, 'documents')).catch(() => []);
    await refusalOf(createTestPdf('secret', { encrypted: true }));
    await refusalOf(Buffer.from('texte'));
    assert.deepEqual(await readdir(path.join(env.dataDir, 'documents')).catch(() => []), before);
  });
});

describe('discardStoredDocument', () => {
  it('removes the ciphertext, and can be called twice', async () => {
    const doc = await intakeDocument(env.deps, { bytes: createTestPdf('à jeter'), originalName: null });
    await discardStoredDocument(env.deps, doc.storageKey);
    await discardStoredDocument(env.deps, doc.storageKey);
    assert.ok(!(await readdir(path.join(env.dataDir, 'documents'))).includes(doc.storageKey));
    await assert.rejects(readStoredDocument(env.deps, doc), { reason: 'missing' });
  });
});

describe('sanitizeOriginalName', () => {
  it('keeps a displayable basename only', () => {
    assert.equal(sanitizeOriginalName('C:\\Users\\jeanne\\Pièce identité.pdf'), 'Pièce identité.pdf');
    assert.equal(sanitizeOriginalName('../../etc/passwd'), 'passwd');
    assert.equal(sanitizeOriginalName('facture\u202Efdp.exe'), 'facturefdp.exe');
    assert.equal(sanitizeOriginalName('a\u0000b\r\nc.png'), 'abc.png');
    assert.equal(sanitizeOriginalName(`${'é'.repeat(200)}.pdf`)?.length, 120);
    for (const empty of [null, '', '/', '..', ' \t ']) assert.equal(sanitizeOriginalName(empty), null);
  });
});
