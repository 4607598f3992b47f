import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPdf, createTestPng } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { uploadDocument } from '../../../test/support/recovery-claimant.ts';
import { auditEventsFor, detailsOf, staffCaseUrl } from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { STORED_FILE_CSP } from '../../platform/http/stored-file-reply.ts';
import { intakeDocument } from '../documents/document-intake.ts';
import type { DocumentKind } from '../documents/document-kinds.ts';
import { insertRecoveryDocument, markRecoveryDocumentsPurged } from '../documents/documents.repository.ts';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;

async function addDocument(t: TestApp, caseId: string, kind: DocumentKind, bytes: Buffer) {
  const intaken = await intakeDocument(t.deps, { bytes, originalName: 'scan "x".bin' });
  await t.deps.db.transaction().execute((tx) =>
    insertRecoveryDocument(tx, {
      ...intaken,
      caseId,
      kind,
      uploadedAt: t.clock.now(),
      purgedAt: null,
    }),
  );
  return intaken;
}

function assertDocumentHeaders(headers: Record<string, unknown>) {
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['content-security-policy'], STORED_FILE_CSP);
  assert.match(String(headers['content-security-policy']), /(^|; )sandbox(;|$)/);
  assert.equal(headers['cache-control'], 'no-store');
  assert.equal(headers['cross-origin-resource-policy'], 'same-origin');
}

for (const kind of testDatabaseKinds()) {
  describe(`GET /api/v1/staff/recovery/cases/{reference}/documents/{id} [${kind}]`, () => {
    let t: TestApp;
    let agent: Staff;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    it('sends the decrypted file as an attachment with sandboxing headers, audited before', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'in_review' });
      const document = await addDocument(
        t,
        recoveryCase.id,
        'identity_front',
        await createTestPng('CNI Jeanne'),
      );
      const response = await agent.client.staffApi(
        'GET',
        staffCaseUrl(recoveryCase.reference, `/documents/${document.id}`),
      );
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-type'], 'image/png');
      assert.equal(
        response.headers['content-disposition'],
        `attachment; filename="${recoveryCase.reference}-identity_front.png"`,
      );
      assertDocumentHeaders(response.headers);
      assert.deepEqual(
        response.rawPayload.subarray(0, 8),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      );
      const audits = await auditEventsFor(t.deps, 'staff.recovery.document_viewed', recoveryCase.reference);
      assert.equal(audits.length, 1);
      assert.deepEqual(
        { ...detailsOf(audits[0]), reference: undefined },
        { reference: undefined, documentId: document.id, kind: 'identity_front', preview: false },
      );
      assert.equal(audits[0]?.actor_id, agent.staff.user.id);
    });

    it('opens a PDF inline on ?inline=1 and serves a PNG preview, each audited', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'in_review' });
      const document = await addDocument(t, recoveryCase.id, 'signed_letter', createTestPdf('Courrier'));
      const url = staffCaseUrl(recoveryCase.reference, `/documents/${document.id}`);
      const inline = await agent.client.staffApi('GET', `${url}?inline=1`);
      assert.equal(inline.statusCode, 200);
      assert.equal(inline.headers['content-type'], 'application/pdf');
      assert.equal(
        inline.headers['content-disposition'],
        `inline; filename="${recoveryCase.reference}-signed_letter.pdf"`,
      );
      assertDocumentHeaders(inline.headers);
      const preview = await agent.client.staffApi('GET', `${url}/preview`);
      assert.equal(preview.statusCode, 200);
      assert.equal(preview.headers['content-type'], 'image/png');
      assert.match(String(preview.headers['content-disposition']), /^inline; /);
      assertDocumentHeaders(preview.headers);
      const audits = await auditEventsFor(t.deps, 'staff.recovery.document_viewed', recoveryCase.reference);
      assert.deepEqual(
        audits.map((a) => (a.details as Record<string, unknown>).preview),
        [false, true],
      );
    });

    it('shows the optional back an individual sent on the case page, with its preview, like any piece', async () => {
      const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, {
        accountType: 'individual',
        status: 'awaiting_claimant',
      });
      const uploaded = await uploadDocument(t, recoveryCase.reference, caseToken, 'identity_back', {
        bytes: await createTestPng('Verso Jeanne'),
      });
      assert.equal(uploaded.statusCode, 201);
      const id = uploaded.json().id as string;
      const page = await agent.client.request({
        method: 'GET',
        url: `/staff/recovery/${recoveryCase.reference}`,
      });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('<h3>Pièce d’identité (verso)</h3>'));
      const previewUrl = staffCaseUrl(recoveryCase.reference, `/documents/${id}/preview`);
      assert.ok(page.body.includes(`src="${previewUrl}"`));
      const preview = await agent.client.staffApi('GET', previewUrl);
      assert.equal(preview.statusCode, 200);
      assert.equal(preview.headers['content-type'], 'image/png');
    });

    it('answers 404 for an unknown document, one of another case, and a purged one; 401 unauthenticated', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'in_review' });
      const other = await seedRecoveryCase(t.deps, { status: 'in_review' });
      const document = await addDocument(
        t,
        other.recoveryCase.id,
        'identity_front',
        await createTestPng('Autre'),
      );
      const get = (reference: string, id: string) =>
        agent.client.staffApi('GET', staffCaseUrl(reference, `/documents/${id}`));
      assert.equal((await get(recoveryCase.reference, crypto.randomUUID())).statusCode, 404);
      assert.equal((await get(recoveryCase.reference, document.id)).statusCode, 404);
      const anonymous = createClient(t.app);
      const url = staffCaseUrl(other.recoveryCase.reference, `/documents/${document.id}`);
      assert.equal((await anonymous.request({ method: 'GET', url })).statusCode, 401);
      await t.deps.db
        .transaction()
        .execute((tx) => markRecoveryDocumentsPurged(tx, other.recoveryCase.id, t.clock.now()));
      assert.equal((await get(other.recoveryCase.reference, document.id)).statusCode, 404);
      assert.equal(
        (await auditEventsFor(t.deps, 'staff.recovery.document_viewed', other.recoveryCase.reference)).length,
        0,
      );
    });
  });
}
