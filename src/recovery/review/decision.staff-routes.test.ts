import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import { seedRecoveryCase } from '../../../test/support/recovery.ts';
import { auditEventsFor, seedReadyCase, staffCaseUrl } from '../../../test/support/recovery-review.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { listRecoveryCaseEvents } from '../case-timeline.repository.ts';
import { getRecoveryCaseById } from '../cases.repository.ts';

type Staff = Awaited<ReturnType<typeof signedInStaff>>;
const decide = (staff: Staff, reference: string, body: Record<string, unknown>) =>
  staff.client.staffApi('POST', staffCaseUrl(reference, '/decision'), body);

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/staff/recovery/cases/{reference}/decision [${kind}]`, () => {
    let t: TestApp;
    let agent: Staff;
    let otherAgent: Staff;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
      otherAgent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    it('request_info sends the case to the claimant with the message, emailed and visible to them', async () => {
      const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id);
      const message = 'Votre pièce d’identité est illisible : merci d’en envoyer une copie nette.';
      const response = await decide(agent, recoveryCase.reference, {
        decision: 'request_info',
        reason: message,
      });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().status, 'awaiting_claimant');
      const after = await getRecoveryCaseById(t.deps.db, recoveryCase.id);
      assert.equal(after?.infoRequestMessage, message);
      const [email] = await queuedEmails(t, { to: recoveryCase.newEmail, kind: 'recovery-info-requested' });
      assert.ok(email?.text.includes(message));
      assert.ok(email?.text.includes(recoveryCase.reference));
      const events = await listRecoveryCaseEvents(t.deps.db, recoveryCase.id, { claimantOnly: true });
      assert.deepEqual(
        events.map((e) => [e.event, e.message]),
        [['info_requested', message]],
      );
      const audits = await auditEventsFor(t.deps, 'recovery.info_requested', recoveryCase.reference);
      assert.equal(audits.length, 1);
      // The message goes to the timeline, never to the audit log.
      assert.equal(JSON.stringify(audits[0]?.details).includes('illisible'), false);
    });

    it('reject closes the case and emails the reason', async () => {
      const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id);
      const reason = 'Le courrier n’est pas manuscrit.';
      const response = await decide(agent, recoveryCase.reference, { decision: 'reject', reason });
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().status, 'rejected');
      const after = await getRecoveryCaseById(t.deps.db, recoveryCase.id);
      assert.equal(after?.decisionReason, reason);
      assert.ok(after?.closedAt);
      const [email] = await queuedEmails(t, { to: recoveryCase.newEmail, kind: 'recovery-rejected' });
      assert.ok(email?.text.includes(reason));
      assert.equal((await auditEventsFor(t.deps, 'recovery.rejected', recoveryCase.reference)).length, 1);
    });

    it('requires the message or the reason (422) and leaves the case in review', async () => {
      const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id);
      for (const decision of ['reject', 'request_info']) {
        const response = await decide(agent, recoveryCase.reference, { decision, reason: ' ' });
        assert.equal(response.statusCode, 422);
      }
      assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'in_review');
    });

    for (const status of [
      'draft',
      'submitted',
      'awaiting_claimant',
      'approved',
      'rejected',
      'completed',
      'expired',
    ] as const) {
      it(`refuses every decision on a case that is ${status} (409)`, async () => {
        const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id, { status });
        for (const decision of ['approve', 'reject', 'request_info']) {
          const response = await decide(agent, recoveryCase.reference, { decision, reason: 'Motif.' });
          assert.equal(response.statusCode, 409, decision);
          assert.equal(response.json().code, 'recovery-state-conflict');
        }
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, status);
      });
    }

    it('approves a case with everything verified, audited, and opens the objection window', async () => {
      const { recoveryCase, account } = await seedReadyCase(t.deps, agent.staff.user.id);
      const response = await decide(agent, recoveryCase.reference, { decision: 'approve' });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.json().status, 'approved');
      const after = await getRecoveryCaseById(t.deps.db, recoveryCase.id);
      assert.equal(after?.approvedBy, agent.staff.user.id);
      assert.equal(after?.previousEmail, account.email);
      assert.ok(after?.objectionDeadline);
      assert.equal((await auditEventsFor(t.deps, 'recovery.approved', recoveryCase.reference)).length, 1);
    });

    const blocked: [string, Parameters<typeof seedReadyCase>[2], Record<string, unknown>][] = [
      ['no account is linked', { withoutAccount: true }, { kind: 'no_account' }],
      [
        'an item is unverified',
        { unverifiedItem: 'pieces_coherent' },
        { kind: 'checklist', item: 'pieces_coherent' },
      ],
      ['a flag is open', { openFlag: 'new_email_in_use' }, { kind: 'flag', code: 'new_email_in_use' }],
    ];
    for (const [label, options, blocker] of blocked) {
      it(`refuses to approve while ${label} (409 with the blocker)`, async () => {
        const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id, options);
        const response = await decide(agent, recoveryCase.reference, { decision: 'approve' });
        assert.equal(response.statusCode, 409);
        assert.equal(response.json().code, 'approval-blocked');
        const blockers = response.json().blockers as Record<string, unknown>[];
        assert.equal(blockers.length, 1);
        assert.deepEqual({ ...blockers[0], id: undefined }, { ...blocker, id: undefined });
        assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'in_review');
        assert.equal((await auditEventsFor(t.deps, 'recovery.approved', recoveryCase.reference)).length, 0);
      });
    }

    it('lets exactly one of two concurrent decisions win (approve vs reject, approve vs approve)', async () => {
      for (const second of ['reject', 'approve']) {
        const { recoveryCase } = await seedReadyCase(t.deps, agent.staff.user.id);
        const responses = await Promise.all([
          decide(agent, recoveryCase.reference, { decision: 'approve' }),
          decide(otherAgent, recoveryCase.reference, { decision: second, reason: 'Doute sur la signature.' }),
        ]);
        const codes = responses.map((r) => r.statusCode).sort();
        assert.deepEqual(codes, [200, 409], second);
        const decided = [
          ...(await auditEventsFor(t.deps, 'recovery.approved', recoveryCase.reference)),
          ...(await auditEventsFor(t.deps, 'recovery.rejected', recoveryCase.reference)),
        ];
        assert.equal(decided.length, 1, second);
      }
    });
  });

  describe(`second approval (RECOVERY_REQUIRE_SECOND_APPROVAL) [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_REQUIRE_SECOND_APPROVAL: 'true' });
    });
    after(() => t.close());

    it('records the first approval, refuses the same member again, and approves on another member', async () => {
      const first = await signedInStaff(t.app, t.deps, 'agent');
      const second = await signedInStaff(t.app, t.deps, 'supervisor');
      const { recoveryCase } = await seedReadyCase(t.deps, first.staff.user.id);
      const one = await decide(first, recoveryCase.reference, { decision: 'approve' });
      assert.equal(one.statusCode, 200);
      assert.deepEqual([one.json().status, one.json().firstApprovalOnly], ['in_review', true]);
      assert.equal(
        (await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.firstApprovedBy,
        first.staff.user.id,
      );
      assert.equal(
        (await auditEventsFor(t.deps, 'recovery.first_approval', recoveryCase.reference)).length,
        1,
      );

      const again = await decide(first, recoveryCase.reference, { decision: 'approve' });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(again.json().blockers, [{ kind: 'second_approver_required' }]);

      const two = await decide(second, recoveryCase.reference, { decision: 'approve' });
      assert.equal(two.statusCode, 200, two.body);
      assert.equal(two.json().status, 'approved');
      const after = await getRecoveryCaseById(t.deps.db, recoveryCase.id);
      assert.equal(after?.approvedBy, second.staff.user.id);
      assert.equal(after?.firstApprovedBy, first.staff.user.id);
    });

    it('voids a first approval when an item is un-verified afterwards', async () => {
      const first = await signedInStaff(t.app, t.deps, 'agent');
      const second = await signedInStaff(t.app, t.deps, 'agent');
      const { recoveryCase } = await seedReadyCase(t.deps, first.staff.user.id);
      assert.equal((await decide(first, recoveryCase.reference, { decision: 'approve' })).statusCode, 200);
      const unverify = await second.client.staffApi(
        'POST',
        staffCaseUrl(recoveryCase.reference, '/checklist'),
        {
          item: 'pieces_coherent',
          verified: false,
          note: 'La date du courrier ne colle pas.',
        },
      );
      assert.equal(unverify.statusCode, 200);
      assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.firstApprovedBy, null);
      assert.equal((await decide(second, recoveryCase.reference, { decision: 'approve' })).statusCode, 409);
    });
  });

  describe(`decision permissions [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('answers 401 without a staff session and leaves the case alone', async () => {
      const { recoveryCase } = await seedRecoveryCase(t.deps, { status: 'in_review' });
      const response = await t.app.inject({
        method: 'POST',
        url: staffCaseUrl(recoveryCase.reference, '/decision'),
        payload: { decision: 'reject', reason: 'x' },
      });
      assert.ok([401, 403].includes(response.statusCode));
      assert.equal((await getRecoveryCaseById(t.deps.db, recoveryCase.id))?.status, 'in_review');
    });
  });
}
