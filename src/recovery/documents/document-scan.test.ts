import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { createDocumentTestDeps, createTestJpeg, createTestPdf } from '../../../test/support/documents.ts';
import { type FakeClamdMode, startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { AppError } from '../../platform/http/errors.ts';
import { intakeDocument, readStoredDocument } from './document-intake.ts';
import { scanDocument } from './document-scan.ts';

/** Runs `body` with deps whose CLAMD_URL points at a fresh fake clamd answering in `mode`. */
async function withFakeClamd(
  mode: FakeClamdMode,
  body: (
    env: Awaited<ReturnType<typeof createDocumentTestDeps>>,
    clamd: Awaited<ReturnType<typeof startFakeClamd>>,
  ) => Promise<void>,
): Promise<void> {
  const clamd = await startFakeClamd(mode);
  const env = await createDocumentTestDeps({ CLAMD_URL: clamd.url });
  try {
    await body(env, clamd);
  } finally {
    await clamd.close();
    await env.cleanup();
  }
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

async function storedFiles(dataDir: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'documents')).catch(() => []);
}

describe('intakeDocument with clamd configured (fake clamd)', () => {
  it('records clean after an OK, having scanned exactly the re-encoded bytes it stored', async () => {
    await withFakeClamd('ok', async (env, clamd) => {
      const doc = await intakeDocument(env.deps, {
        bytes: await createTestJpeg('propre'),
        originalName: null,
      });
      assert.equal(doc.scanStatus, 'clean');
      assert.equal(clamd.received.length, 1);
      assert.ok(clamd.received[0]?.equals(await readStoredDocument(env.deps, doc)));
    });
  });

  it('refuses an infected document with DOCUMENT_INFECTED and stores nothing', async () => {
    await withFakeClamd('found', async (env) => {
      const result = codeOf(intakeDocument(env.deps, { bytes: createTestPdf('EICAR'), originalName: null }));
      assert.equal(await result, 'DOCUMENT_INFECTED');
      assert.deepEqual(await storedFiles(env.dataDir), []);
    });
  });

  it('fails closed with SCANNER_UNAVAILABLE when clamd closes the connection', async () => {
    await withFakeClamd('close', async (env) => {
      const result = codeOf(intakeDocument(env.deps, { bytes: createTestPdf('x'), originalName: null }));
      assert.equal(await result, 'SCANNER_UNAVAILABLE');
      assert.deepEqual(await storedFiles(env.dataDir), []);
    });
  });

  it('fails closed with SCANNER_UNAVAILABLE when clamd never answers (timeout lowered)', async () => {
    await withFakeClamd('silent', async (env) => {
      assert.equal(
        await codeOf(scanDocument(env.deps, createTestPdf('x'), { timeoutMs: 200 })),
        'SCANNER_UNAVAILABLE',
      );
    });
  });

  it('fails closed when CLAMD_URL points nowhere', async () => {
    const env = await createDocumentTestDeps({ CLAMD_URL: 'unix:///nonexistent/clamd.ctl' });
    try {
      assert.equal(await codeOf(scanDocument(env.deps, Buffer.from('x'))), 'SCANNER_UNAVAILABLE');
    } finally {
      await env.cleanup();
    }
  });

  it('records not_scanned when no clamd is configured', async () => {
    const env = await createDocumentTestDeps();
    try {
      const doc = await intakeDocument(env.deps, { bytes: createTestPdf('x'), originalName: null });
      assert.equal(doc.scanStatus, 'not_scanned');
    } finally {
      await env.cleanup();
    }
  });
});
