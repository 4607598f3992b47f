import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestPng } from '../../../test/support/documents.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import {
  auditActionsOf,
  callCase,
  openCase,
  uploadDocument,
  verifyCase,
} from '../../../test/support/recovery-claimant.ts';
import { createTestStaff } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { getRecoveryCaseByReference } from '../cases.repository.ts';
import { listRecoveryChecklistItems, upsertRecoveryChecklistItem } from '../checklist.repository.ts';

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/recovery/cases/{reference}/submit [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    const submit = (c: { reference: string; caseToken: string }) =>
      callCase(t, 'POST', `/api/v1/recovery/cases/${c.reference}/submit`, c.caseToken);

    it('refuses an incomplete case with 409 and the missing requirements, and leaves it in draft', async () => {
      const opened = await openCase(t, 'company');
      const response = await submit(opened);
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().code, 'recovery-incomplete');
      assert.deepEqual(response.json().missing, [
        'kbis',
        'identity_front',
        'signed_letter',
        'new_email_verified',
      ]);
      assert.equal((await getRecoveryCaseByReference(t.deps.db, opened.reference))?.status, 'draft');
    });

    it('submits a complete case (200 {status: "submitted"}), writes the events and emails what happens next', async () => {
      const opened = await openCase(t, 'individual');
      await verifyCase(t, opened);
      for (const k of ['identity_front', 'signed_letter']) {
        const r = await uploadDocument(t, opened.reference, opened.caseToken, k, {
          bytes: await createTestPng(k),
        });
        assert.equal(r.statusCode, 201);
      }
      const response = await submit(opened);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'submitted' });
      const stored = await getRecoveryCaseByReference(t.deps.db, opened.reference);
      assert.equal(stored?.status, 'submitted');
      assert.equal(stored?.submittedAt?.getTime(), t.clock.now().getTime());
      const actions = await auditActionsOf(t, opened.reference);
      assert.equal(actions.at(-1), 'recovery.submitted');
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-submitted' })).length, 1);

      const view = (
        await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, opened.caseToken)
      ).json();
      assert.equal(view.status, 'submitted');
      assert.ok(view.requirements.every((r: { satisfied: boolean }) => r.satisfied));
      assert.deepEqual(
        view.events.map((e: { event: string }) => e.event),
        [
          'case_created',
          'declaration_recorded',
          'email_verified',
          'document_added',
          'document_added',
          'submitted',
        ],
      );
      // Submitted: a second submit is a state conflict, not a second email.
      assert.equal((await submit(opened)).statusCode, 409);
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-submitted' })).length, 1);
    });

    it('submits an individual case with or without the optional back of the identity document', async () => {
      for (const withBack of [false, true]) {
        const opened = await openCase(t, 'individual');
        await verifyCase(t, opened);
        const kinds = withBack
          ? ['identity_front', 'identity_back', 'signed_letter']
          : ['identity_front', 'signed_letter'];
        for (const k of kinds) {
          const r = await uploadDocument(t, opened.reference, opened.caseToken, k, {
            bytes: await createTestPng(k),
          });
          assert.equal(r.statusCode, 201, k);
        }
        const response = await submit(opened);
        assert.equal(response.statusCode, 200, `with back: ${withBack}`);
        assert.equal((await getRecoveryCaseByReference(t.deps.db, opened.reference))?.status, 'submitted');
      }
    });

    it('never names the optional back among the missing requirements', async () => {
      const opened = await openCase(t, 'individual');
      const response = await submit(opened);
      assert.equal(response.statusCode, 409);
      assert.deepEqual(response.json().missing, ['identity_front', 'signed_letter', 'new_email_verified']);
    });

    it('submits once when two submits race: one 200, one 409, one email', async () => {
      const opened = await openCase(t, 'individual');
      await verifyCase(t, opened);
      for (const k of ['identity_front', 'signed_letter'])
        await uploadDocument(t, opened.reference, opened.caseToken, k, { bytes: await createTestPng(k) });
      const answers = await Promise.all([submit(opened), submit(opened)]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [200, 409]);
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-submitted' })).length, 1);
      assert.equal(
        (await auditActionsOf(t, opened.reference)).filter((a) => a === 'recovery.submitted').length,
        1,
      );
    });

    it('requires the declaration: a case without it answers 409 until it is recorded', async () => {
      const seeded = await seedRecoveryCase(t.deps, { status: 'draft' });
      const c = { reference: seeded.recoveryCase.reference, caseToken: seeded.caseToken };
      await t.deps.db
        .updateTable('recovery_cases')
        .set({ new_email_verified_at: t.clock.now() })
        .where('id', '=', seeded.recoveryCase.id)
        .execute();
      for (const k of ['identity_front', 'signed_letter'])
        await uploadDocument(t, c.reference, c.caseToken, k, { bytes: await createTestPng(k) });
      const refused = await submit(c);
      assert.equal(refused.statusCode, 409);
      assert.deepEqual(refused.json().missing, ['declaration']);
      const declared = await callCase(
        t,
        'POST',
        `/api/v1/recovery/cases/${c.reference}/declaration`,
        c.caseToken,
        {
          accepted: true,
          fullName: 'Jeanne Lefèvre',
        },
      );
      assert.equal(declared.statusCode, 200);
      assert.equal((await submit(c)).statusCode, 200);
    });

    it('sends an awaiting_claimant case back to the queue with new documents and clears the checklist', async () => {
      const { recoveryCase, caseToken } = await seedRecoveryCase(t.deps, { status: 'awaiting_claimant' });
      await t.deps.db
        .updateTable('recovery_cases')
        .set({ info_request_message: 'La lettre n’est pas signée.' })
        .where('id', '=', recoveryCase.id)
        .execute();
      const staff = await createTestStaff(t.deps);
      await t.deps.db.transaction().execute((tx) =>
        upsertRecoveryChecklistItem(tx, recoveryCase.id, {
          item: 'identity_document_valid',
          verified: true,
          note: 'Carte lisible',
          staffId: staff.user.id,
          updatedAt: t.clock.now(),
        }),
      );
      const c = { reference: recoveryCase.reference, caseToken };
      const view = (await callCase(t, 'GET', `/api/v1/recovery/cases/${c.reference}`, caseToken)).json();
      assert.equal(view.infoRequest, 'La lettre n’est pas signée.');
      for (const k of ['identity_front', 'signed_letter']) {
        const r = await uploadDocument(t, c.reference, caseToken, k, {
          bytes: await createTestPng(`${k} bis`),
        });
        assert.equal(r.statusCode, 201);
      }
      const response = await submit(c);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { status: 'submitted' });
      assert.equal((await getRecoveryCaseByReference(t.deps.db, c.reference))?.status, 'submitted');
      const items = await listRecoveryChecklistItems(t.deps.db, recoveryCase.id);
      assert.equal(items.length, 1);
      assert.equal(items[0]?.verified, false);
      const [email] = await queuedEmails(t, { to: recoveryCase.newEmail, kind: 'recovery-submitted' });
      assert.ok(email?.text.includes('compléments'));
    });
  });
}
