import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import {
  createDocumentTestDeps,
  createTestJpeg,
  findFilesContaining,
} from '../../../test/support/documents.ts';
import { type FakeClamdMode, startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { AppError } from '../../platform/http/errors.ts';
import { intakeDocumentStream, readStoredDocument } from './document-intake.ts';

type Env = Awaited<ReturnType<typeof createDocumentTestDeps>>;

/** A one-page PDF padded with a random stream to about `bytes`, with `marker` in its clear text. */
function paddedPdf(bytes: number, marker = 'Piece streamee'): Buffer {
  const doc = new mupdf.PDFDocument();
  try {
    const font = doc.addSimpleFont(new mupdf.Font('Helvetica'));
    const resources = doc.addObject({ Font: { F1: font } });
    doc.insertPage(
      -1,
      doc.addPage([0, 0, 595, 842], 0, resources, `BT /F1 18 Tf 72 760 Td (${marker}) Tj ET`),
    );
    doc
      .getTrailer()
      .get('Root')
      .put('Padding', doc.addStream(randomBytes(bytes), {}));
    return Buffer.from(doc.saveToBuffer('').asUint8Array());
  } finally {
    doc.destroy();
  }
}

/** A JPEG of random pixels, several hundred KiB (the drawn test images are a few KiB). */
function noiseJpeg(): Promise<Buffer> {
  return sharp(randomBytes(512 * 512 * 3), { raw: { width: 512, height: 512, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** `bytes` in 8 KiB pieces, as a socket would deliver them; then `error`, if given, instead of the end. */
function arriving(bytes: Buffer, options: { failAfter?: number; error?: Error } = {}): Readable {
  return Readable.from(
    (async function* () {
      for (let offset = 0; offset < bytes.length; offset += 8 * 1024) {
        if (options.failAfter !== undefined && offset >= options.failAfter) throw options.error;
        yield bytes.subarray(offset, offset + 8 * 1024);
      }
    })(),
  );
}

/** Every name in the storage directory, temporary ones (`.…tmp`) included. */
async function storageEntries(env: Env): Promise<string[]> {
  return readdir(path.join(env.dataDir, 'documents')).catch(() => []);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

async function withEnv(
  mode: FakeClamdMode | null,
  body: (env: Env, clamd: Awaited<ReturnType<typeof startFakeClamd>> | null) => Promise<void>,
) {
  const clamd = mode ? await startFakeClamd(mode) : null;
  const env = await createDocumentTestDeps(clamd ? { CLAMD_URL: clamd.url } : {});
  try {
    await body(env, clamd);
  } finally {
    await clamd?.close();
    await env.cleanup();
  }
}

describe('intakeDocumentStream', () => {
  it('stores a PDF as it arrives, scanned in many chunks, exactly the bytes kept', async () => {
    await withEnv('ok', async (env, clamd) => {
      const pdf = paddedPdf(2 * 1024 * 1024);
      const doc = await intakeDocumentStream(env.deps, { stream: arriving(pdf), originalName: 'piece.pdf' });
      assert.ok(doc);
      assert.equal(doc.mediaType, 'application/pdf');
      assert.equal(doc.pageCount, 1);
      assert.equal(doc.size, pdf.length);
      assert.equal(doc.scanStatus, 'clean');
      assert.ok((await readStoredDocument(env.deps, doc)).equals(pdf));
      assert.ok(clamd?.received[0]?.equals(pdf));
      // Framed as it was read (64 KiB at most a chunk), not sent in one piece at the end.
      assert.ok((clamd?.chunkCounts[0] ?? 0) >= 32, `${clamd?.chunkCounts[0]} chunks`);
      assert.deepEqual(await storageEntries(env), [doc.storageKey]);
      assert.deepEqual(await findFilesContaining(env.dataDir, 'Piece streamee'), []);
    });
  });

  it('keeps only the re-encoded image (the staged original is gone), and scans exactly it', async () => {
    await withEnv('ok', async (env, clamd) => {
      const doc = await intakeDocumentStream(env.deps, {
        stream: arriving(await createTestJpeg('Carte')),
        originalName: null,
      });
      assert.ok(doc);
      assert.deepEqual(await storageEntries(env), [doc.storageKey]);
      assert.ok(clamd?.received[0]?.equals(await readStoredDocument(env.deps, doc)));
    });
  });

  it('throws the stream’s own error (413) when it fails midway, and leaves nothing stored', async () => {
    await withEnv('ok', async (env) => {
      for (const bytes of [paddedPdf(3 * 1024 * 1024), await noiseJpeg()]) {
        const stream = arriving(bytes, {
          failAfter: bytes.length / 2,
          error: new AppError('PAYLOAD_TOO_LARGE'),
        });
        assert.equal(
          await codeOf(intakeDocumentStream(env.deps, { stream, originalName: null })),
          'PAYLOAD_TOO_LARGE',
        );
        assert.deepEqual(await storageEntries(env), []);
      }
    });
  });

  it('refuses with SCANNER_UNAVAILABLE when clamd drops the connection mid-stream, and leaves nothing', async () => {
    await withEnv('close', async (env) => {
      const stream = arriving(paddedPdf(3 * 1024 * 1024));
      assert.equal(
        await codeOf(intakeDocumentStream(env.deps, { stream, originalName: null })),
        'SCANNER_UNAVAILABLE',
      );
      assert.deepEqual(await storageEntries(env), []);
    });
  });

  it('refuses an infected document with DOCUMENT_INFECTED, and leaves nothing', async () => {
    await withEnv('found', async (env) => {
      const stream = arriving(paddedPdf(1024 * 1024));
      assert.equal(
        await codeOf(intakeDocumentStream(env.deps, { stream, originalName: null })),
        'DOCUMENT_INFECTED',
      );
      assert.deepEqual(await storageEntries(env), []);
    });
  });

  it('refuses an unreadable PDF after storing it, and deletes it', async () => {
    await withEnv(null, async (env) => {
      const stream = arriving(Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(512 * 1024)]));
      assert.equal(
        await codeOf(intakeDocumentStream(env.deps, { stream, originalName: null })),
        'DOCUMENT_UNREADABLE',
      );
      assert.deepEqual(await storageEntries(env), []);
    });
  });

  it('refuses a file of another type from its first bytes, stores nothing, and is null for an empty one', async () => {
    await withEnv(null, async (env) => {
      const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(256 * 1024)]);
      assert.equal(
        await codeOf(intakeDocumentStream(env.deps, { stream: arriving(zip), originalName: 'a.pdf' })),
        'UNSUPPORTED_MEDIA_TYPE',
      );
      assert.equal(
        await intakeDocumentStream(env.deps, { stream: arriving(Buffer.alloc(0)), originalName: null }),
        null,
      );
      assert.deepEqual(await storageEntries(env), []);
    });
  });
});
