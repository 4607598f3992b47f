import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { createDocumentTestDeps, createTestPdf, createTestPng } from '../../../test/support/documents.ts';
import { intakeDocument, renderDocumentPreview } from './document-intake.ts';

let env: Awaited<ReturnType<typeof createDocumentTestDeps>>;
before(async () => {
  env = await createDocumentTestDeps();
});
after(() => env.cleanup());

async function previewOf(bytes: Buffer) {
  const doc = await intakeDocument(env.deps, { bytes, originalName: null });
  const preview = await renderDocumentPreview(env.deps, doc);
  return { preview, meta: await sharp(preview).metadata() };
}

describe('renderDocumentPreview', () => {
  it('scales a wide image down to 1200 px, as PNG', async () => {
    const wide = await sharp({ create: { width: 3000, height: 1500, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const { meta } = await previewOf(wide);
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 1200, 600]);
  });

  it('never enlarges a small image', async () => {
    const { meta } = await previewOf(await createTestPng('petite'));
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 640, 400]);
  });

  it('renders the first page of a PDF at 1.5×, with its text drawn', async () => {
    const { meta, preview } = await previewOf(createTestPdf('Relevé d’identité'));
    // A4 is 595 × 842 points.
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 893, 1263]);
    // Not a blank page: the label's text left dark pixels.
    const stats = await sharp(preview).stats();
    assert.ok((stats.channels[0]?.min ?? 255) < 100);
  });
});
