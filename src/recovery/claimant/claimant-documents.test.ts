import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import {
  createTestJpeg,
  createTestPdf,
  createTestPng,
  multipartBody,
} from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import {
  auditActionsOf,
  callCase,
  openCase,
  storedDocumentFiles,
  uploadDocument,
} from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { MAX_DOCUMENT_BYTES } from '../../platform/files/limits.ts';

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/recovery/cases/{reference}/documents [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('accepts a required document (201 {id, kind, size, mediaType}) and several files of one kind', async () => {
      const opened = await openCase(t, 'association');
      const front = await uploadDocument(t, opened.reference, opened.caseToken, 'identity_front', {
        bytes: await createTestPng('recto'),
      });
      assert.equal(front.statusCode, 201);
      const json = front.json();
      assert.deepEqual(Object.keys(json).sort(), ['id', 'kind', 'mediaType', 'size']);
      assert.equal(json.kind, 'identity_front');
      assert.equal(json.mediaType, 'image/png');
      assert.ok(json.size > 0);
      const pdf = await uploadDocument(t, opened.reference, opened.caseToken, 'statutes', {
        bytes: createTestPdf('statuts page 1'),
        contentType: 'application/pdf',
        filename: 'statuts.pdf',
      });
      assert.equal(pdf.statusCode, 201);
      assert.equal(pdf.json().mediaType, 'application/pdf');
      const second = await uploadDocument(t, opened.reference, opened.caseToken, 'statutes', {
        bytes: await createTestJpeg('statuts page 2'),
        contentType: 'image/jpeg',
      });
      assert.equal(second.statusCode, 201);

      const view = (
        await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, opened.caseToken)
      ).json();
      assert.deepEqual(
        view.documents.map((d: { kind: string }) => d.kind),
        ['identity_front', 'statutes', 'statutes'],
      );
      const satisfied = Object.fromEntries(
        view.requirements.map((r: { kind: string; satisfied: boolean }) => [r.kind, r.satisfied]),
      );
      assert.equal(satisfied.statutes, true);
      assert.equal(satisfied.identity_back, false);
      const actions = await auditActionsOf(t, opened.reference);
      assert.equal(actions.filter((a) => a === 'recovery.document_added').length, 3);
      assert.equal((await storedDocumentFiles(t)).length >= 3, true);
    });

    it('refuses a kind neither required nor optional for the account type (422 on kind) and stores nothing', async () => {
      const opened = await openCase(t, 'individual');
      const before = await storedDocumentFiles(t);
      for (const kindName of ['kbis', 'statutes', 'passport', '']) {
        const response = await uploadDocument(t, opened.reference, opened.caseToken, kindName, {
          bytes: await createTestPng('kbis'),
        });
        assert.equal(response.statusCode, 422, kindName);
        assert.equal(response.json().errors[0].field, 'kind');
      }
      assert.deepEqual(await storedDocumentFiles(t), before);
    });

    for (const type of ['individual', 'company'] as const) {
      it(`accepts the optional back of the identity document from ${type === 'individual' ? 'an individual' : 'a company'}, listed apart from the requirements`, async () => {
        const opened = await openCase(t, type);
        const back = await uploadDocument(t, opened.reference, opened.caseToken, 'identity_back', {
          bytes: await createTestPng('verso avec bande MRZ'),
        });
        assert.equal(back.statusCode, 201);
        assert.equal(back.json().kind, 'identity_back');

        const view = (
          await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, opened.caseToken)
        ).json();
        assert.deepEqual(
          view.documents.map((d: { kind: string }) => d.kind),
          ['identity_back'],
        );
        assert.deepEqual(view.optionalDocuments, ['identity_back']);
        // Received, yet no requirement: the back neither counts as missing nor as satisfying the front.
        const kinds = view.requirements.map((r: { kind: string }) => r.kind);
        assert.equal(kinds.includes('identity_back'), false);
        assert.equal(
          view.requirements.find((r: { kind: string }) => r.kind === 'identity_front').satisfied,
          false,
        );
        assert.equal((await auditActionsOf(t, opened.reference)).at(-1), 'recovery.document_added');
      });
    }

    it('lists no optional document for an association, whose back is required', async () => {
      const opened = await openCase(t, 'association');
      const view = (
        await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, opened.caseToken)
      ).json();
      assert.deepEqual(view.optionalDocuments, []);
      assert.ok(view.requirements.some((r: { kind: string }) => r.kind === 'identity_back'));
    });

    it('accepts the optional back when support asked for complements, and still refuses other kinds', async () => {
      const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, {
        accountType: 'individual',
        status: 'awaiting_claimant',
      });
      const back = await uploadDocument(t, recoveryCase.reference, caseToken, 'identity_back', {
        bytes: await createTestPng('verso demandé'),
      });
      assert.equal(back.statusCode, 201);
      const statutes = await uploadDocument(t, recoveryCase.reference, caseToken, 'statutes', {
        bytes: await createTestPng('statuts'),
      });
      assert.equal(statutes.statusCode, 422);
    });

    it('passes through 415 for a file that is not a PDF, JPEG or PNG by content, whatever its declared type', async () => {
      const opened = await openCase(t);
      const before = await storedDocumentFiles(t);
      // The optional back goes through the same intake as a required piece.
      for (const kindName of ['identity_front', 'identity_back']) {
        const response = await uploadDocument(t, opened.reference, opened.caseToken, kindName, {
          bytes: Buffer.from('<html><script>alert(1)</script></html>'),
          contentType: 'image/png',
          filename: 'carte.png',
        });
        assert.equal(response.statusCode, 415, kindName);
      }
      assert.deepEqual(await storedDocumentFiles(t), before);
    });

    it('passes through 413 for a file over 10 MiB', async () => {
      const opened = await openCase(t);
      const before = await storedDocumentFiles(t);
      const response = await uploadDocument(t, opened.reference, opened.caseToken, 'identity_front', {
        bytes: Buffer.alloc(MAX_DOCUMENT_BYTES + 1024, 0x41),
      });
      assert.equal(response.statusCode, 413);
      assert.deepEqual(await storedDocumentFiles(t), before);
    });

    it('refuses documents once the case is submitted or in review (409) and keeps nothing in storage', async () => {
      for (const status of ['submitted', 'in_review', 'rejected'] as const) {
        const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, { status });
        const before = await storedDocumentFiles(t);
        const response = await uploadDocument(t, recoveryCase.reference, caseToken, 'identity_front', {
          bytes: await createTestPng('trop tard'),
        });
        assert.equal(response.statusCode, 409, status);
        assert.equal(response.json().code, 'recovery-state-conflict');
        assert.deepEqual(await storedDocumentFiles(t), before);
      }
    });

    it('answers 404 to a wrong token without reading the file', async () => {
      const opened = await openCase(t);
      const response = await uploadDocument(t, opened.reference, 'mauvais-jeton', 'identity_front', {
        bytes: await createTestPng('x'),
      });
      assert.equal(response.statusCode, 404);
    });

    it('refuses a multipart form post without its CSRF token (no bearer, no header)', async () => {
      const opened = await openCase(t);
      const { payload, headers } = multipartBody([
        { name: 'kind', value: 'identity_front' },
        { name: 'file', filename: 'a.png', contentType: 'image/png', bytes: await createTestPng('x') },
      ]);
      const response = await t.app.inject({
        method: 'POST',
        url: `/recovery/cases/${opened.reference}/documents`,
        payload,
        headers: { ...headers, cookie: `sesame_recovery=${opened.caseToken}` },
      });
      assert.equal(response.statusCode, 403);
    });
  });
}
