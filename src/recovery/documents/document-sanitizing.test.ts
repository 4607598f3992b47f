import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import {
  createDocumentTestDeps,
  createTestJpeg,
  createTestPdf,
  createTestPng,
  findFilesContaining,
} from '../../../test/support/documents.ts';
import { intakeDocument, readStoredDocument } from './document-intake.ts';

let env: Awaited<ReturnType<typeof createDocumentTestDeps>>;
before(async () => {
  env = await createDocumentTestDeps();
});
after(() => env.cleanup());

async function storedBytesOf(bytes: Buffer): Promise<Buffer> {
  const doc = await intakeDocument(env.deps, { bytes, originalName: null });
  return readStoredDocument(env.deps, doc);
}

describe('intakeDocument: what images lose on the way in', () => {
  it('drops an HTML or ZIP payload appended after the JPEG end marker (polyglot)', async () => {
    const html = '<html><body><script>alert("POLYGLOTTE-HTML")</script></body></html>';
    // A minimal ZIP local file header carrying a named entry.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('POLYGLOTTE-ZIP.txt')]);
    const polyglot = Buffer.concat([await createTestJpeg('photo'), Buffer.from(html), zip]);
    assert.ok(polyglot.includes('POLYGLOTTE-HTML'));
    const stored = await storedBytesOf(polyglot);
    assert.ok(!stored.includes('POLYGLOTTE-HTML'));
    assert.ok(!stored.includes('POLYGLOTTE-ZIP'));
    assert.ok(!stored.includes('PK\x03\x04'));
    // Still the same picture.
    assert.equal((await sharp(stored).metadata()).width, 640);
  });

  it('drops EXIF comments from JPEG and PNG', async () => {
    for (const make of [createTestJpeg, createTestPng]) {
      const original = await make('MARQUEUR-EXIF-7f3a');
      assert.ok(original.includes('MARQUEUR-EXIF-7f3a'));
      const stored = await storedBytesOf(original);
      assert.ok(!stored.includes('MARQUEUR-EXIF-7f3a'));
      assert.equal((await sharp(stored).metadata()).exif, undefined);
    }
  });

  it('removes the GPS position of a photo', async () => {
    const original = await createTestJpeg('photo géolocalisée', { exifGps: true });
    // The GPS IFD pointer (tag 0x8825) is in the original's EXIF, in either byte order.
    const hasGpsTag = (exif: Buffer | undefined) =>
      !!exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])));
    assert.ok(hasGpsTag((await sharp(original).metadata()).exif));
    const meta = await sharp(await storedBytesOf(original)).metadata();
    assert.equal(hasGpsTag(meta.exif), false);
    assert.equal(meta.exif, undefined);
    assert.equal(meta.xmp, undefined);
  });

  it('applies the EXIF orientation to the pixels before dropping it', async () => {
    const sideways = await sharp(await createTestJpeg('tournée'))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    assert.equal((await sharp(sideways).metadata()).orientation, 6);
    const meta = await sharp(await storedBytesOf(sideways)).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [400, 640, undefined]);
  });
});

describe('intakeDocument: nothing in clear on disk', () => {
  it('leaves no file under DATA_DIR containing the text of a PDF or the comment of an image', async () => {
    const marker = `CONFIDENTIEL-${crypto.randomUUID()}`;
    const pdf = createTestPdf(`Pièce ${marker}`);
    assert.ok(pdf.includes(marker), 'the PDF carries the marker in clear');
    const docs = [
      await intakeDocument(env.deps, { bytes: pdf, originalName: null }),
      await intakeDocument(env.deps, { bytes: await createTestJpeg(marker), originalName: null }),
      await intakeDocument(env.deps, { bytes: await createTestPng(marker), originalName: null }),
    ];
    assert.deepEqual(await findFilesContaining(env.dataDir, marker), []);
    // …while the stored PDF really holds it, once decrypted in memory.
    assert.ok((await readStoredDocument(env.deps, docs[0] as (typeof docs)[0])).includes(marker));
  });
});
