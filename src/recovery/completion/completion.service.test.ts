import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD } from '../../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../../test/support/queued-emails.ts';
import {
  approvedRecoveryCase,
  auditEventsOf,
  flagsOf,
  freshRecoveryAddress,
  reloadRecoveryCase,
} from '../../../test/support/recovery-objection.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { resolvePasswordResetRequests } from '../../password-reset/password-reset.service.ts';
import { HOUR, MINUTE } from '../../platform/clock.ts';
import { completeDueRecoveryCases } from './completion.service.ts';

const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

const fiche = (t: TestApp, id: string) =>
  t.deps.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

for (const kind of testDatabaseKinds()) {
  describe(`recovery completion [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_OBJECTION_HOURS: '24' });
    });
    after(() => t.close());

    describe('openRecoveryObjectionWindow (approval with a 24-hour window)', () => {
      it('warns the previous address with a masked new email and a link, tells the claimant, and changes nothing on the fiche', async () => {
        const { account, newEmail, recoveryCase } = await approvedRecoveryCase(t);
        assert.equal(recoveryCase.status, 'approved');
        assert.equal(recoveryCase.previousEmail, account.email);
        assert.equal(recoveryCase.objectionDeadline?.getTime(), t.clock.now().getTime() + 24 * HOUR);
        const [notice] = await queuedEmails(t, { to: account.email, kind: 'recovery-objection-notice' });
        assert.ok(notice, 'the previous address is warned');
        assert.match(notice.text, /\/recovery\/objection\?token=[\w-]{43}\b/);
        assert.match(notice.text, /r•••@e•••\.net/);
        assert.doesNotMatch(
          notice.text,
          new RegExp(newEmail.replace(/[.]/g, '\\.')),
          'never the full new address',
        );
        const [approved] = await queuedEmails(t, { to: newEmail, kind: 'recovery-approved' });
        assert.ok(approved, 'the claimant is told');
        assert.doesNotMatch(approved.text, /token=/);
        const row = await fiche(t, account.id);
        assert.equal(row.email, account.email);
        assert.notEqual(row.password_hash, null);
        assert.equal((await queuedEmails(t, { to: newEmail, kind: 'password-reset' })).length, 0);
      });
    });

    describe('completeDueRecoveryCases', () => {
      it('does nothing before the deadline, then swaps the email, kills the password, sessions and old links, and sends the reset link to the new address', async () => {
        const { account, password, newEmail, recoveryCase } = await approvedRecoveryCase(t);
        const browser = createClient(t.app);
        assert.equal((await browser.signIn(account.email, password)).statusCode, 200);
        t.clock.advance(24 * HOUR - MINUTE);
        await completeDueRecoveryCases(t.deps);
        assert.equal(
          (await reloadRecoveryCase(t, recoveryCase.id)).status,
          'approved',
          'not before the deadline',
        );
        assert.equal((await fiche(t, account.id)).email, account.email);
        // Asked a minute before the deadline: still valid when the completion runs, unless it kills it.
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/password/forgot',
          payload: { email: account.email },
        });
        await resolvePasswordResetRequests(t.deps);
        const [oldReset] = await queuedEmails(t, { to: account.email, kind: 'password-reset' });
        const oldToken = tokenFromLink(oldReset?.text ?? '');

        t.clock.advance(2 * MINUTE);
        const report = await completeDueRecoveryCases(t.deps);
        assert.ok(report.completed >= 1);
        const after = await reloadRecoveryCase(t, recoveryCase.id);
        assert.equal(after.status, 'completed');
        assert.equal(after.closedAt?.getTime(), t.clock.now().getTime());
        const row = await fiche(t, account.id);
        assert.equal(row.email, newEmail);
        assert.equal(row.email_normalized, newEmail.toLowerCase());
        assert.equal(row.email_verified_at?.getTime(), t.clock.now().getTime());
        assert.equal(row.password_hash, null);

        assert.equal((await login(t, account.email, password)).statusCode, 401, 'old address and password');
        assert.equal((await login(t, newEmail, password)).statusCode, 401, 'old password at the new address');
        assert.equal((await browser.request({ method: 'GET', url: '/api/v1/account' })).statusCode, 401);
        const oldLink = await t.app.inject({
          method: 'POST',
          url: '/api/v1/password/reset',
          payload: { token: oldToken, newPassword: OTHER_STRONG_PASSWORD },
        });
        assert.equal(oldLink.statusCode, 400, 'a reset link sent to the old address is dead');

        const [notice] = await queuedEmails(t, { to: account.email, kind: 'recovery-completed-notice' });
        assert.ok(notice, 'the previous address gets a notice');
        assert.doesNotMatch(notice.text, /token=/);
        const [reset] = await queuedEmails(t, { to: newEmail, kind: 'password-reset' });
        assert.ok(reset, 'the reset link goes to the new address');
        const done = await t.app.inject({
          method: 'POST',
          url: '/api/v1/password/reset',
          payload: { token: tokenFromLink(reset.text), newPassword: OTHER_STRONG_PASSWORD },
        });
        assert.equal(done.statusCode, 204);
        assert.equal((await login(t, newEmail, OTHER_STRONG_PASSWORD)).statusCode, 200, 'first sign-in');

        const [audit] = await auditEventsOf(t, 'recovery.completed', account.id);
        assert.equal(audit?.actor_type, 'system');
        const details = audit?.details as Record<string, unknown>;
        assert.equal(details.newEmail, newEmail);
        assert.equal(details.previousEmail, account.email);
        assert.equal(details.sessionsRevoked, 1);
        assert.equal(details.resetLinksInvalidated, 1);
        const events = await t.deps.db
          .selectFrom('recovery_case_events')
          .selectAll()
          .where('case_id', '=', recoveryCase.id)
          .where('event', '=', 'completed')
          .execute();
        assert.equal(events[0]?.visible_to_claimant, true);
      });

      it('sends the case back to review, flagged, when the new email was taken by another fiche meanwhile', async () => {
        const newEmail = freshRecoveryAddress();
        const { account, recoveryCase } = await approvedRecoveryCase(t, { newEmail });
        await createTestAccount(t.deps, { email: newEmail.toUpperCase() });
        t.clock.advance(25 * HOUR);
        const report = await completeDueRecoveryCases(t.deps);
        assert.equal(report.blocked, 1);
        const after = await reloadRecoveryCase(t, recoveryCase.id);
        assert.equal(after.status, 'in_review');
        assert.equal(after.approvedAt, null);
        assert.equal((await fiche(t, account.id)).email, account.email);
        assert.notEqual((await fiche(t, account.id)).password_hash, null);
        const flags = await flagsOf(t, recoveryCase.id);
        assert.deepEqual(
          flags.map((f) => [f.code, f.resolved_at]),
          [['completion_failed', null]],
        );
        assert.equal((await auditEventsOf(t, 'recovery.completion_blocked', account.id)).length, 1);
        assert.equal((await queuedEmails(t, { to: newEmail, kind: 'password-reset' })).length, 0);
      });

      it('completes a case once when two workers run at the same instant', async () => {
        const { account, newEmail, recoveryCase } = await approvedRecoveryCase(t);
        t.clock.advance(25 * HOUR);
        const reports = await Promise.all([
          completeDueRecoveryCases(t.deps),
          completeDueRecoveryCases(t.deps),
        ]);
        assert.equal((await reloadRecoveryCase(t, recoveryCase.id)).status, 'completed');
        assert.equal(
          reports.reduce((n, r) => n + r.failed, 0),
          0,
        );
        assert.equal((await queuedEmails(t, { to: newEmail, kind: 'password-reset' })).length, 1);
        assert.equal((await auditEventsOf(t, 'recovery.completed', account.id)).length, 1);
      });
    });
  });

  describe(`recovery completion with RECOVERY_OBJECTION_HOURS=0 [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_OBJECTION_HOURS: '0' });
    });
    after(() => t.close());

    it('completes at once in the approval transaction, with no objection link', async () => {
      const { account, password, newEmail, recoveryCase } = await approvedRecoveryCase(t);
      assert.equal(recoveryCase.status, 'completed');
      assert.equal((await fiche(t, account.id)).email, newEmail);
      assert.equal((await login(t, account.email, password)).statusCode, 401);
      assert.equal((await queuedEmails(t, { kind: 'recovery-objection-notice' })).length, 0);
      assert.equal(
        (await queuedEmails(t, { to: account.email, kind: 'recovery-completed-notice' })).length,
        1,
      );
      assert.equal((await queuedEmails(t, { to: newEmail, kind: 'password-reset' })).length, 1);
      assert.equal((await queuedEmails(t, { to: newEmail, kind: 'recovery-approved' })).length, 1);
      const row = await t.deps.db
        .selectFrom('recovery_cases')
        .select('objection_token_hash')
        .where('id', '=', recoveryCase.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.objection_token_hash, null);
    });
  });
}
