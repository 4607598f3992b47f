import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { multipartBody } from '../../../test/support/documents.ts';
import { openCase } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';

const MIB = 1024 * 1024;

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/recovery/cases/{reference}/documents, byte quotas [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { UPLOAD_QUOTA_CASE_MIB: '1', UPLOAD_QUOTA_IP_MIB_PER_HOUR: '2' });
    });
    after(() => t.close());

    const upload = (reference: string, token: string, ip: string) => {
      // Not a PDF (415 once read): refused files cost their bytes too.
      const { payload, headers } = multipartBody([
        { name: 'kind', value: 'identity_front' },
        { name: 'file', filename: 'x.pdf', contentType: 'application/pdf', bytes: randomBytes(200 * 1024) },
      ]);
      return t.app
        .inject({
          method: 'POST',
          url: `/api/v1/recovery/cases/${reference}/documents`,
          headers: { ...headers, authorization: `Bearer ${token}` },
          payload,
          remoteAddress: ip,
        })
        .then((r) => ({ status: r.statusCode, retryAfter: r.headers['retry-after'], size: payload.length }));
    };

    it('lets a case send at most its quota when uploads arrive in parallel', async () => {
      const { reference, caseToken } = await openCase(t);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => upload(reference, caseToken, '198.51.100.40')),
      );
      const size = results[0]?.size ?? 1;
      const refused = results.filter((r) => r.status === 429);
      assert.equal(refused.length, 8 - Math.floor(MIB / size), results.map((r) => r.status).join(','));
      assert.ok(results.every((r) => r.status < 500));
      assert.ok(Number(refused[0]?.retryAfter) > 0);
    });

    it('caps one address across cases', async () => {
      const sent: number[] = [];
      for (let i = 0; i < 3; i++) {
        const { reference, caseToken } = await openCase(t);
        for (let j = 0; j < 4; j++) sent.push((await upload(reference, caseToken, '198.51.100.41')).status);
      }
      // 2 MiB an hour from this address: 10 uploads of ~200 KiB go through, then 429.
      assert.equal(sent.filter((s) => s === 429).length, 2, sent.join(','));
    });
  });
}
