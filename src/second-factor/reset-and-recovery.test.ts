import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { approvedRecoveryCase, auditEventsOf } from '../../test/support/recovery-objection.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { resolvePasswordResetRequests } from '../password-reset/password-reset.service.ts';
import { HOUR } from '../platform/clock.ts';
import { completeDueRecoveryCases } from '../recovery/completion/completion.service.ts';

const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });

async function resetPasswordByLink(t: TestApp, to: string, newPassword: string): Promise<void> {
  const emails = await queuedEmails(t, { to, kind: 'password-reset' });
  const latest = emails.at(-1);
  assert.ok(latest, 'a reset link was sent');
  const done = await t.app.inject({
    method: 'POST',
    url: '/api/v1/password/reset',
    payload: { token: tokenFromLink(latest.text), newPassword },
  });
  assert.equal(done.statusCode, 204, done.body);
}

for (const kind of testDatabaseKinds()) {
  describe(`the second factor through reset and recovery [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { RECOVERY_OBJECTION_HOURS: '24' });
    });
    after(() => t.close());

    it('a password reset by email link keeps the factor: sign-in still asks for it', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/password/forgot',
        payload: { email: account.email },
      });
      await resolvePasswordResetRequests(t.deps);
      await resetPasswordByLink(t, account.email, OTHER_STRONG_PASSWORD);
      const response = await login(t, account.email, OTHER_STRONG_PASSWORD);
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().mfaRequired, true);
      assert.equal(response.json().account, undefined, 'no account, no session before the factor');
      const row = await t.deps.db
        .selectFrom('customer_totp')
        .select('confirmed_at')
        .where('account_id', '=', account.id)
        .executeTakeFirst();
      assert.ok(row?.confirmed_at);
    });

    it('a recovery completion removes every factor, says so to both addresses and in the audit log', async () => {
      const { account, password, newEmail } = await approvedRecoveryCase(t);
      await enrolTestTotp(t, account, password);
      // A sign-in left half-way before completion must not survive it either.
      const halfWay = createClient(t.app);
      assert.equal((await halfWay.signIn(account.email, password)).json().mfaRequired, true);
      t.clock.advance(25 * HOUR);
      assert.ok((await completeDueRecoveryCases(t.deps)).completed >= 1);

      const totp = await t.deps.db
        .selectFrom('customer_totp')
        .select('account_id')
        .where('account_id', '=', account.id)
        .execute();
      const codes = await t.deps.db
        .selectFrom('recovery_codes')
        .select('id')
        .where('account_id', '=', account.id)
        .execute();
      assert.deepEqual([totp.length, codes.length], [0, 0]);
      const pending = await t.deps.db
        .selectFrom('mfa_pending_sign_ins')
        .select('used_at')
        .where('account_id', '=', account.id)
        .execute();
      assert.ok(
        pending.every((p) => p.used_at !== null),
        'pending sign-ins ended',
      );

      const [notice] = await queuedEmails(t, { to: account.email, kind: 'recovery-completed-notice' });
      assert.match(notice?.text ?? '', /double authentification|two-factor/i);
      const [reset] = await queuedEmails(t, { to: newEmail, kind: 'password-reset' });
      assert.match(reset?.text ?? '', /double authentification|two-factor/i);
      const [audit] = await auditEventsOf(t, 'recovery.completed', account.id);
      const details = audit?.details as Record<string, unknown>;
      assert.equal(details.totpRemoved, true);
      assert.equal(details.unusedRecoveryEntriesRemoved, 10);

      await resetPasswordByLink(t, newEmail, OTHER_STRONG_PASSWORD);
      const signedIn = await login(t, newEmail, OTHER_STRONG_PASSWORD);
      assert.equal(signedIn.statusCode, 200);
      assert.ok(signedIn.json().account, 'no second factor asked any more');
    });
    it('after a recovery of a company, the reset link greets the person named on the fiche and says the account is given back', async () => {
      const { newEmail, recoveryCase } = await approvedRecoveryCase(t, {
        account: { type: 'company', legalName: 'Boulangerie Lefèvre SARL', siren: '732829320' },
      });
      t.clock.advance(25 * HOUR);
      assert.ok((await completeDueRecoveryCases(t.deps)).completed >= 1);
      const [reset] = await queuedEmails(t, { to: newEmail, kind: 'password-reset' });
      assert.ok(reset);
      assert.match(reset.text, /^Bonjour Jeanne Lefèvre,/);
      assert.doesNotMatch(reset.text, /Boulangerie/);
      assert.match(reset.text, new RegExp(`dossier de récupération ${recoveryCase.reference} est terminé`));
      assert.doesNotMatch(reset.text, /rien demandé/);
    });
  });
}
