import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../../test/support/factories.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import {
  auditEventsFor,
  detailsOf,
  seedReadyCase,
  staffCaseUrl,
} from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { listRecoveryCaseEvents } from '../case-timeline.repository.ts';
import { getRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { listRecoveryFlags } from '../flags.repository.ts';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;

for (const kind of testDatabaseKinds()) {
  describe(`staff review of recovery cases [${kind}]`, () => {
    let t: TestApp;
    let agent: Staff;
    let otherAgent: Staff;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
      otherAgent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    describe('GET /api/v1/staff/recovery/cases', () => {
      it('lists the open queue oldest first, with flags and assignment, and filters by status and age', async () => {
        const old = await seedRecoveryCase(t.deps, { status: 'submitted' });
        // Backdated rather than moving the clock, which would end the staff sessions.
        const threeDaysAgo = new Date(t.clock.now().getTime() - 3 * 86_400_000 - 60_000);
        await t.deps.db
          .transaction()
          .execute((tx) => updateRecoveryCase(tx, old.recoveryCase.id, { submitted_at: threeDaysAgo }));
        const { recoveryCase: flagged } = await seedReadyCase(t.deps, agent.staff.user.id, {
          openFlag: 'objection',
        });
        const draft = await seedRecoveryCase(t.deps, { status: 'draft' });
        const rejected = await seedRecoveryCase(t.deps, { status: 'rejected' });

        const response = await agent.client.staffApi('GET', '/api/v1/staff/recovery/cases');
        assert.equal(response.statusCode, 200);
        const cases = response.json().cases as { reference: string; flagged: number; ageDays: number }[];
        const refs = cases.map((c) => c.reference);
        assert.ok(refs.indexOf(old.recoveryCase.reference) < refs.indexOf(flagged.reference));
        assert.ok(!refs.includes(draft.recoveryCase.reference));
        assert.ok(!refs.includes(rejected.recoveryCase.reference));
        const entry = cases.find((c) => c.reference === flagged.reference) as Record<string, unknown>;
        assert.equal(entry.flagged, 1);
        assert.equal(entry.claimantName, 'Jeanne Lefèvre');
        assert.deepEqual((entry.assignedStaff as { id: string }).id, agent.staff.user.id);
        assert.equal(cases.find((c) => c.reference === old.recoveryCase.reference)?.ageDays, 3);

        const onlyRejected = await agent.client.staffApi(
          'GET',
          '/api/v1/staff/recovery/cases?status=rejected',
        );
        assert.deepEqual(
          onlyRejected
            .json()
            .cases.map((c: { status: string }) => c.status)
            .filter((s: string) => s !== 'rejected'),
          [],
        );
        assert.ok(
          onlyRejected
            .json()
            .cases.some((c: { reference: string }) => c.reference === rejected.recoveryCase.reference),
        );

        const older = await agent.client.staffApi('GET', '/api/v1/staff/recovery/cases?olderThanDays=2');
        const olderRefs = older.json().cases.map((c: { reference: string }) => c.reference);
        assert.ok(olderRefs.includes(old.recoveryCase.reference));
        assert.ok(!olderRefs.includes(flagged.reference));

        const bad = await agent.client.staffApi('GET', '/api/v1/staff/recovery/cases?status=nonsense');
        assert.equal(bad.statusCode, 422);
      });

      it('answers 401 without a staff session, even with a customer session', async () => {
        const anonymous = createClient(t.app);
        assert.equal(
          (await anonymous.request({ method: 'GET', url: '/api/v1/staff/recovery/cases' })).statusCode,
          401,
        );
        const { account } = await createTestAccount(t.deps);
        const customer = createClient(t.app);
        await customer.signIn(account.email, STRONG_PASSWORD);
        assert.equal(
          (await customer.request({ method: 'GET', url: '/api/v1/staff/recovery/cases' })).statusCode,
          401,
        );
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const assign = await customer.request({
          method: 'POST',
          url: staffCaseUrl(recoveryCase.reference, '/assign'),
        });
        assert.ok([401, 403].includes(assign.statusCode));
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'submitted');
      });
    });

    describe('GET /api/v1/staff/recovery/cases/{reference}', () => {
      it('shows the case, every checklist item, suggestions from the hints, and audits the view', async () => {
        const { account } = await createTestAccount(t.deps);
        const { recoveryCase } = await seedRecoveryCase(t.deps, {
          status: 'submitted',
          hints: { clientNumber: account.clientNumber, formerEmail: account.email },
        });
        const response = await agent.client.staffApi('GET', staffCaseUrl(recoveryCase.reference));
        assert.equal(response.statusCode, 200);
        const body = response.json();
        assert.equal(body.case.status, 'submitted');
        assert.equal(body.case.newEmailVerified, true);
        assert.equal(body.case.declaration.fullName, 'Jeanne Lefèvre');
        assert.equal(body.checklist.length, 6);
        assert.ok(body.checklist.every((c: { verified: boolean }) => c.verified === false));
        assert.deepEqual(
          body.suggestedAccounts.map((a: { id: string }) => a.id),
          [account.id],
        );
        assert.deepEqual(body.suggestedAccounts[0].matchedBy.sort(), ['clientNumber', 'formerEmail']);
        assert.ok(body.blockers.some((b: { kind: string }) => b.kind === 'no_account'));
        assert.equal(JSON.stringify(body).includes('case_token'), false);
        const viewed = await auditEventsFor(t.deps, 'staff.recovery.case_viewed', recoveryCase.reference);
        assert.equal(viewed.length, 1);
        assert.equal(viewed[0]?.actor_id, agent.staff.user.id);
      });

      it('answers 404 for an unknown reference', async () => {
        assert.equal((await agent.client.staffApi('GET', staffCaseUrl('R-NOPE'))).statusCode, 404);
      });
    });

    describe('POST /api/v1/staff/recovery/cases/{reference}/assign', () => {
      it('takes a submitted case into review, then lets another agent take it over, recorded', async () => {
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const taken = await agent.client.staffApi('POST', staffCaseUrl(recoveryCase.reference, '/assign'));
        assert.equal(taken.statusCode, 200);
        assert.equal(taken.json().status, 'in_review');
        assert.equal(
          (await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.assignedStaffId,
          agent.staff.user.id,
        );

        const again = await agent.client.staffApi('POST', staffCaseUrl(recoveryCase.reference, '/assign'));
        assert.equal(again.statusCode, 200);
        const takeover = await otherAgent.client.staffApi(
          'POST',
          staffCaseUrl(recoveryCase.reference, '/assign'),
        );
        assert.equal(takeover.statusCode, 200);
        assert.equal(
          (await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.assignedStaffId,
          otherAgent.staff.user.id,
        );
        const audits = await auditEventsFor(t.deps, 'recovery.assigned', recoveryCase.reference);
        assert.equal(audits.length, 2);
        assert.equal(detailsOf(audits[1]).previousStaffId, agent.staff.user.id);
        const events = await listRecoveryCaseEvents(t.deps.db, recoveryCase.id);
        assert.equal(events.filter((e) => e.event === 'assigned').length, 2);
      });

      for (const status of [
        'draft',
        'awaiting_claimant',
        'approved',
        'rejected',
        'completed',
        'expired',
      ] as const) {
        it(`refuses to take a case that is ${status} (409)`, async () => {
          const { recoveryCase } = await seedRecoveryCase(t.deps, { status });
          const response = await agent.client.staffApi(
            'POST',
            staffCaseUrl(recoveryCase.reference, '/assign'),
          );
          assert.equal(response.statusCode, 409);
          assert.equal(response.json().code, 'recovery-state-conflict');
          assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, status);
        });
      }
    });

    describe('POST /api/v1/staff/recovery/cases/{reference}/account', () => {
      it('links a matching account without raising any flag (names compared without accents, case or hyphens)', async () => {
        const { account } = await createTestAccount(t.deps, { firstName: 'Jean-Luc', lastName: 'Lefèvre' });
        const { recoveryCase } = await seedRecoveryCase(t.deps, {
          status: 'in_review',
          claimant: { firstName: 'jean luc', lastName: 'LEFEVRE' },
          hints: { clientNumber: account.clientNumber.toLowerCase() },
        });
        const response = await agent.client.staffApi(
          'POST',
          staffCaseUrl(recoveryCase.reference, '/account'),
          {
            accountId: account.id,
          },
        );
        assert.equal(response.statusCode, 200);
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.accountId, account.id);
        assert.deepEqual(await listRecoveryFlags(t.deps.db, recoveryCase.id), []);
        assert.equal(
          (await auditEventsFor(t.deps, 'recovery.account_linked', recoveryCase.reference)).length,
          1,
        );
      });

      it('raises type, hint, name and new-email flags, each audited, and keeps them on re-linking', async () => {
        const { account: company } = await createTestAccount(t.deps, {
          type: 'company',
          legalName: 'Atelier Morel SARL',
          siren: '732829320',
          firstName: 'Paul',
          lastName: 'Morel',
        });
        const { account: holderOfNewEmail } = await createTestAccount(t.deps);
        const { recoveryCase } = await seedRecoveryCase(t.deps, {
          status: 'in_review',
          accountType: 'individual',
          newEmail: holderOfNewEmail.email,
          hints: { domain: 'nowhere.example' },
        });
        const response = await agent.client.staffApi(
          'POST',
          staffCaseUrl(recoveryCase.reference, '/account'),
          {
            accountId: company.id,
          },
        );
        assert.equal(response.statusCode, 200);
        const codes = (await listRecoveryFlags(t.deps.db, recoveryCase.id)).map((f) => f.code).sort();
        assert.deepEqual(codes, [
          'account_hint_mismatch',
          'account_type_mismatch',
          'claimant_name_mismatch',
          'new_email_in_use',
        ]);
        assert.equal(
          (await auditEventsFor(t.deps, 'recovery.flag_raised', recoveryCase.reference)).length,
          4,
        );
        // Linking the same account again raises nothing new; the open flags stay.
        await agent.client.staffApi('POST', staffCaseUrl(recoveryCase.reference, '/account'), {
          accountId: company.id,
        });
        assert.equal((await listRecoveryFlags(t.deps.db, recoveryCase.id)).length, 4);
      });

      it('refuses to link outside review (409) and an unknown account (404)', async () => {
        const { account } = await createTestAccount(t.deps);
        const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'submitted' });
        const url = staffCaseUrl(recoveryCase.reference, '/account');
        assert.equal((await agent.client.staffApi('POST', url, { accountId: account.id })).statusCode, 409);
        const inReview = await seedRecoveryCase(t.deps, { status: 'in_review' });
        const unknown = await agent.client.staffApi(
          'POST',
          staffCaseUrl(inReview.recoveryCase.reference, '/account'),
          {
            accountId: crypto.randomUUID(),
          },
        );
        assert.equal(unknown.statusCode, 404);
      });
    });
  });
}
