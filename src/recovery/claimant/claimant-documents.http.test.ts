import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestJpeg, createTestPdf, multipartBody } from '../../../test/support/documents.ts';
import { type FakeClamd, startFakeClamd } from '../../../test/support/fake-clamd.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { storedDocumentFiles } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { MAX_DOCUMENT_BYTES } from '../../platform/files/limits.ts';

type Answer = { status: number | 'no answer'; error?: string };

/**
 * One upload over its own TCP connection (no keep-alive), as a browser behind a proxy would send
 * it; resolves with the status, or 'no answer' when the connection closed without one.
 */
function upload(
  port: number,
  target: { reference: string; caseToken: string },
  parts: Parameters<typeof multipartBody>[0],
): Promise<Answer> {
  const body = multipartBody(parts);
  return new Promise((resolve) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: `/api/v1/recovery/cases/${target.reference}/documents`,
      agent: false,
      headers: {
        ...body.headers,
        'content-length': String(body.payload.length),
        authorization: `Bearer ${target.caseToken}`,
      },
    });
    let error: string | undefined;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
    });
    // An EPIPE (the server stopped reading a refused body) may still be followed by the answer.
    request.on('error', (e) => {
      error = e.message;
    });
    request.on('close', () => {
      if (!answered) resolve({ status: 'no answer', error });
    });
    request.end(body.payload);
  });
}

const file = (bytes: Buffer, filename: string) => ({
  name: 'file',
  filename,
  contentType: 'application/octet-stream',
  bytes,
});

for (const kind of testDatabaseKinds()) {
  describe(`document uploads over a real socket, several at once [${kind}]`, () => {
    let t: TestApp;
    let clamd: FakeClamd;
    let port: number;
    before(async () => {
      // The scanner answers each file well after the idle timeout: the server is silent meanwhile,
      // as it is for an upload waiting its turn behind others for sharp or mupdf.
      clamd = await startFakeClamd('ok', { answerDelayMs: 2500 });
      t = await buildTestApp(kind, {
        CLAMD_URL: clamd.url,
        HTTP_IDLE_TIMEOUT_SECONDS: '1',
        UPLOAD_QUOTA_IP_MIB_PER_HOUR: '1000',
      });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      port = (t.app.server.address() as AddressInfo).port;
    });
    after(async () => {
      await t.close();
      await clamd.close();
    });

    it('answers every upload, accepted or refused, and keeps only the accepted ones', async () => {
      const pdf = createTestPdf('piece concurrente');
      const jpeg = await createTestJpeg('piece concurrente');
      const accepted = [
        ...Array.from({ length: 3 }, () => [{ name: 'kind', value: 'identity_front' }, file(pdf, 'a.pdf')]),
        ...Array.from({ length: 3 }, () => [{ name: 'kind', value: 'identity_front' }, file(jpeg, 'a.jpg')]),
      ];
      const refused: { parts: Parameters<typeof multipartBody>[0]; status: number }[] = [
        // Refused before the file is read (a kind the case does not take).
        { parts: [{ name: 'kind', value: 'kbis' }, file(pdf, 'a.pdf')], status: 422 },
        // Refused from its first bytes, a large body behind them.
        {
          parts: [{ name: 'kind', value: 'identity_front' }, file(randomBytes(4 * 1024 * 1024), 'a.pdf')],
          status: 415,
        },
        // Refused midway, past the size limit.
        {
          parts: [
            { name: 'kind', value: 'identity_front' },
            file(Buffer.concat([pdf, randomBytes(MAX_DOCUMENT_BYTES)]), 'a.pdf'),
          ],
          status: 413,
        },
      ];
      const targets: { reference: string; caseToken: string }[] = [];
      for (let i = 0; i < accepted.length + refused.length; i++) {
        const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, { status: 'draft' });
        targets.push({ reference: recoveryCase.reference, caseToken });
      }
      const sent = [...accepted.map((parts) => ({ parts, status: 201 })), ...refused];
      const answers = await Promise.all(
        sent.map(({ parts }, i) => upload(port, targets[i] as (typeof targets)[number], parts)),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        sent.map((s) => s.status),
        JSON.stringify(answers),
      );
      const rows = await t.deps.db.selectFrom('recovery_documents').select('storage_key').execute();
      assert.equal(rows.length, accepted.length);
      // Nothing else in storage: no staged image original, no temporary file, nothing refused.
      assert.deepEqual((await storedDocumentFiles(t)).sort(), rows.map((r) => r.storage_key).sort());
    });
  });
}
