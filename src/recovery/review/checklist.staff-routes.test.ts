import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import {
  auditEventsFor,
  detailsOf,
  seedReadyCase,
  staffCaseUrl,
} from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { listRecoveryFlags } from '../flags.repository.ts';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;

for (const kind of testDatabaseKinds()) {
  describe(`staff review: checklist and flags [${kind}]`, () => {
    let t: TestApp;
    let agent: Staff;
    let supervisor: Staff;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
      supervisor = await signedInStaff(t.app, t.deps, 'supervisor');
    });
    after(() => t.close());

    describe('POST /api/v1/staff/recovery/cases/{reference}/checklist', () => {
      it('records an item with its note, and refuses unknown items, empty notes and other states', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, {
          status: 'in_review',
          accountType: 'company',
        });
        const url = staffCaseUrl(recoveryCase.reference, '/checklist');
        const ok = await agent.client.staffApi('POST', url, {
          item: 'kbis_recent',
          verified: true,
          note: 'Kbis du 2 novembre.',
        });
        assert.equal(ok.statusCode, 200);
        const view = (await agent.client.staffApi('GET', staffCaseUrl(recoveryCase.reference))).json();
        const kbis = view.checklist.find((c: { item: string }) => c.item === 'kbis_recent');
        assert.equal(kbis.verified, true);
        assert.equal(kbis.note, 'Kbis du 2 novembre.');
        assert.equal(kbis.staffId, agent.staff.user.id);
        assert.equal(view.checklist.length, 8);
        const audits = await auditEventsFor(t.deps, 'recovery.checklist_updated', recoveryCase.reference);
        assert.equal(detailsOf(audits[0]).item, 'kbis_recent');

        // An individual's item does not belong to a company's checklist.
        const statutes = await agent.client.staffApi('POST', url, {
          item: 'statutes_recent_name_president',
          verified: true,
          note: 'x',
        });
        assert.equal(statutes.statusCode, 422);
        const noNote = await agent.client.staffApi('POST', url, {
          item: 'kbis_recent',
          verified: true,
          note: '  ',
        });
        assert.equal(noNote.statusCode, 422);
        const submitted = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const wrongState = await agent.client.staffApi(
          'POST',
          staffCaseUrl(submitted.recoveryCase.reference, '/checklist'),
          {
            item: 'pieces_coherent',
            verified: true,
            note: 'ok',
          },
        );
        assert.equal(wrongState.statusCode, 409);
      });
    });

    describe('POST /api/v1/staff/recovery/cases/{reference}/flags/{id}/resolve', () => {
      it('refuses an agent (403) and lets a supervisor resolve with a note, audited', async () => {
        const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id, {
          openFlag: 'claimant_name_mismatch',
        });
        const [flag] = await listRecoveryFlags(t.deps.db, recoveryCase.id);
        assert.ok(flag);
        const url = staffCaseUrl(recoveryCase.reference, `/flags/${flag.id}/resolve`);
        const byAgent = await agent.client.staffApi('POST', url, { note: 'Nom d’usage.' });
        assert.equal(byAgent.statusCode, 403);
        const noNote = await supervisor.client.staffApi('POST', url, { note: '' });
        assert.equal(noNote.statusCode, 422);
        const resolved = await supervisor.client.staffApi('POST', url, {
          note: 'Nom d’usage, acte de mariage fourni.',
        });
        assert.equal(resolved.statusCode, 200);
        const [after] = await listRecoveryFlags(t.deps.db, recoveryCase.id);
        assert.equal(after?.resolvedBy, supervisor.staff.user.id);
        assert.equal(after?.resolutionNote, 'Nom d’usage, acte de mariage fourni.');
        const audits = await auditEventsFor(t.deps, 'recovery.flag_resolved', recoveryCase.reference);
        assert.equal(audits.length, 1);
        assert.equal(detailsOf(audits[0]).flag, 'claimant_name_mismatch');
        assert.equal((await supervisor.client.staffApi('POST', url, { note: 'encore' })).statusCode, 404);
      });
    });
  });
}
