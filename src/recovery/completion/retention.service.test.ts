import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPdf, createTestPng } from '../../../test/support/documents.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { auditEventsOf, reloadRecoveryCase } from '../../../test/support/recovery-objection.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { DAY, MINUTE } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import type { RecoveryStatus } from '../case.ts';
import { updateRecoveryCase } from '../cases.repository.ts';
import { intakeDocument } from '../documents/document-intake.ts';
import type { DocumentKind } from '../documents/document-kinds.ts';
import { insertRecoveryDocument } from '../documents/documents.repository.ts';
import { expireInactiveRecoveryCases, purgeRecoveryDocuments } from './retention.service.ts';

/** Stores a real (encrypted) document for a case, as the claimant's upload does; returns its file path. */
async function addStoredDocument(deps: Deps, caseId: string, kind: DocumentKind, bytes: Buffer) {
  const stored = await intakeDocument(deps, { bytes, originalName: `${kind}.pdf` });
  await deps.db.transaction().execute((tx) =>
    insertRecoveryDocument(tx, {
      id: stored.id,
      caseId,
      kind,
      mediaType: stored.mediaType,
      size: stored.size,
      originalName: stored.originalName,
      pageCount: stored.pageCount,
      scanStatus: stored.scanStatus,
      uploadedAt: deps.clock.now(),
      purgedAt: null,
      storageKey: stored.storageKey,
      wrappedKey: stored.wrappedKey,
    }),
  );
  return path.join(deps.config.dataDir, 'documents', stored.storageKey);
}

/** A case closed now in `status`, with an identity document and a letter stored. */
async function closedCaseWithDocuments(t: TestApp, status: RecoveryStatus) {
  const { recoveryCase } = await seedRecoveryCase(t.deps, { status });
  await t.deps.db
    .transaction()
    .execute((tx) => updateRecoveryCase(tx, recoveryCase.id, { closed_at: t.clock.now() }));
  const files = [
    await addStoredDocument(t.deps, recoveryCase.id, 'identity_front', await createTestPng('CNI Lefèvre')),
    await addStoredDocument(t.deps, recoveryCase.id, 'signed_letter', createTestPdf('Lettre manuscrite')),
  ];
  return { recoveryCase, files };
}

for (const kind of testDatabaseKinds()) {
  describe(`recovery retention [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, {
        RECOVERY_DRAFT_EXPIRY_DAYS: '7',
        RECOVERY_INFO_EXPIRY_DAYS: '30',
        DOCUMENT_RETENTION_DAYS: '30',
      });
    });
    after(() => t.close());

    describe('expireInactiveRecoveryCases', () => {
      it('expires a draft after 7 days without activity, not before', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'draft' });
        t.clock.advance(7 * DAY - MINUTE);
        await expireInactiveRecoveryCases(t.deps);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'draft');
        t.clock.advance(2 * MINUTE);
        assert.ok((await expireInactiveRecoveryCases(t.deps)) >= 1);
        const after = await reloadRecoveryCase(t, recoveryCase.id);
        assert.equal(after.status, 'expired');
        assert.equal(after.closedAt?.getTime(), t.clock.now().getTime());
        const audits = await auditEventsOf(t, 'recovery.expired');
        assert.ok(
          audits.some((a) => (a.details as { reference?: string }).reference === recoveryCase.reference),
        );
      });

      it('expires an unanswered request for information after 30 days, not after 7', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'awaiting_claimant' });
        t.clock.advance(8 * DAY);
        await expireInactiveRecoveryCases(t.deps);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'awaiting_claimant');
        t.clock.advance(23 * DAY);
        await expireInactiveRecoveryCases(t.deps);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'expired');
      });

      it('leaves cases under review alone, however old', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'in_review' });
        t.clock.advance(90 * DAY);
        await expireInactiveRecoveryCases(t.deps);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'in_review');
      });
    });

    describe('purgeRecoveryDocuments', () => {
      it('deletes the encrypted files 30 days after closing, keeps the metadata, and records the purge once', async () => {
        const { recoveryCase, files } = await closedCaseWithDocuments(t, 'rejected');
        const open = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const openFile = await addStoredDocument(t.deps, open.recoveryCase.id, 'kbis', createTestPdf('Kbis'));
        assert.ok(files.every((file) => existsSync(file)));

        t.clock.advance(30 * DAY - MINUTE);
        await purgeRecoveryDocuments(t.deps);
        assert.ok(
          files.every((file) => existsSync(file)),
          'not before the retention period',
        );
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).documentsPurgedAt, null);

        t.clock.advance(2 * MINUTE);
        const report = await purgeRecoveryDocuments(t.deps);
        assert.ok(report.purgedCases >= 1 && report.purgedDocuments >= 2);
        assert.ok(
          files.every((file) => !existsSync(file)),
          'the ciphertexts are gone',
        );
        assert.ok(existsSync(openFile), 'a case still open keeps its documents');
        const rows = await t.deps.db
          .selectFrom('recovery_documents')
          .selectAll()
          .where('case_id', '=', recoveryCase.id)
          .orderBy('kind')
          .execute();
        assert.deepEqual(
          rows.map((r) => [
            r.kind,
            r.media_type,
            r.size > 0,
            r.storage_key,
            r.wrapped_key,
            r.purged_at?.getTime(),
          ]),
          [
            ['identity_front', 'image/png', true, null, null, t.clock.now().getTime()],
            ['signed_letter', 'application/pdf', true, null, null, t.clock.now().getTime()],
          ],
        );
        const after = await reloadRecoveryCase(t, recoveryCase.id);
        assert.equal(after.status, 'rejected');
        assert.equal(after.documentsPurgedAt?.getTime(), t.clock.now().getTime());
        const audits = (await auditEventsOf(t, 'recovery.documents_purged')).filter(
          (a) => (a.details as { reference?: string }).reference === recoveryCase.reference,
        );
        assert.equal(audits.length, 1);
        assert.equal((audits[0]?.details as { documents?: number } | undefined)?.documents, 2);

        const again = await purgeRecoveryDocuments(t.deps);
        assert.deepEqual(again, { purgedCases: 0, purgedDocuments: 0 });
      });
    });
  });

  describe(`recovery retention with DOCUMENT_RETENTION_DAYS=0 [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { DOCUMENT_RETENTION_DAYS: '0' });
    });
    after(() => t.close());

    it('purges the documents of a closed case at once', async () => {
      const { recoveryCase, files } = await closedCaseWithDocuments(t, 'completed');
      assert.deepEqual(await purgeRecoveryDocuments(t.deps), { purgedCases: 1, purgedDocuments: 2 });
      assert.ok(files.every((file) => !existsSync(file)));
      assert.notEqual((await reloadRecoveryCase(t, recoveryCase.id)).documentsPurgedAt, null);
    });
  });
}
