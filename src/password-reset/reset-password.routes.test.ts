import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';
import { resolvePasswordResetRequests } from './password-reset.service.ts';

let ipCounter = 0;

/** Asks for a reset link as a stranger would, and returns the token from the queued email. */
async function requestResetToken(t: TestApp, email: string): Promise<string> {
  ipCounter += 1;
  // Queued emails are listed by creation time: a tick apart, the newest is the last.
  t.clock.advance(1000);
  const client = createClient(t.app, 'test', `203.0.113.${ipCounter}`);
  const response = await client.request({
    method: 'POST',
    url: '/api/v1/password/forgot',
    payload: { email },
  });
  await resolvePasswordResetRequests(t.deps);
  assert.equal(response.statusCode, 202);
  const emails = await queuedEmails(t, { to: email, kind: 'password-reset' });
  return tokenFromLink(emails.at(-1)?.text ?? '');
}

const reset = (t: TestApp, token: string, newPassword = OTHER_STRONG_PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/v1/password/reset', payload: { token, newPassword } });

const signInStatus = async (t: TestApp, email: string, password: string) =>
  (await createClient(t.app).signIn(email, password)).statusCode;

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/password/reset [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('sets the password, revokes every session, verifies the email, tells the customer and audits', async () => {
      const { account } = await createTestAccount(t.deps);
      const signedIn = createClient(t.app);
      await signedIn.signIn(account.email, STRONG_PASSWORD);
      const token = await requestResetToken(t, account.email);
      const response = await reset(t, token);
      assert.equal(response.statusCode, 204);
      assert.equal((await signedIn.api('GET', '/api/v1/account')).statusCode, 401, 'sessions revoked');
      assert.equal(await signInStatus(t, account.email, STRONG_PASSWORD), 401);
      assert.equal(await signInStatus(t, account.email, OTHER_STRONG_PASSWORD), 200);
      const [notice] = await queuedEmails(t, { accountId: account.id, kind: 'password-changed' });
      assert.equal(notice?.to, account.email);
      const row = await t.deps.db
        .selectFrom('accounts')
        .select('email_verified_at')
        .where('id', '=', account.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.email_verified_at?.getTime(), t.clock.now().getTime());
      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select('details')
        .where('account_id', '=', account.id)
        .where('action', '=', 'password_reset.completed')
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.details.sessionsRevoked, 1);
    });

    it('refuses a token that was already used, with the same answer as an unknown one', async () => {
      const { account } = await createTestAccount(t.deps);
      const token = await requestResetToken(t, account.email);
      assert.equal((await reset(t, token)).statusCode, 204);
      const used = await reset(t, token, 'Troisieme-Essai-Valable-77');
      const unknown = await reset(t, 'x'.repeat(43));
      assert.equal(used.statusCode, 400);
      assert.equal(used.json().code, 'invalid-token');
      assert.deepEqual(used.json(), unknown.json());
      assert.equal(await signInStatus(t, account.email, OTHER_STRONG_PASSWORD), 200);
    });

    it('refuses an expired token: valid at 29 minutes, refused at 30', async () => {
      const { account } = await createTestAccount(t.deps);
      const late = await requestResetToken(t, account.email);
      t.clock.advance(30 * MINUTE);
      assert.equal((await reset(t, late)).statusCode, 400);
      const inTime = await requestResetToken(t, account.email);
      t.clock.advance(29 * MINUTE);
      assert.equal((await reset(t, inTime)).statusCode, 204);
    });

    it('refuses a token superseded by a newer one', async () => {
      const { account } = await createTestAccount(t.deps);
      const older = await requestResetToken(t, account.email);
      const newer = await requestResetToken(t, account.email);
      assert.notEqual(older, newer);
      assert.equal((await reset(t, older)).statusCode, 400);
      assert.equal((await reset(t, newer)).statusCode, 204);
    });

    it('refuses a token issued before the password was changed while signed in', async () => {
      const { account } = await createTestAccount(t.deps);
      const token = await requestResetToken(t, account.email);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const changed = await client.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: OTHER_STRONG_PASSWORD,
      });
      assert.equal(changed.statusCode, 204);
      assert.equal((await reset(t, token, 'Troisieme-Essai-Valable-77')).statusCode, 400);
    });

    it('lets exactly one of two concurrent uses of one token win', async () => {
      const { account } = await createTestAccount(t.deps);
      const token = await requestResetToken(t, account.email);
      const results = await Promise.all([
        reset(t, token, OTHER_STRONG_PASSWORD),
        reset(t, token, 'Troisieme-Essai-Valable-77'),
      ]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [204, 400]);
      const winner = results[0]?.statusCode === 204 ? OTHER_STRONG_PASSWORD : 'Troisieme-Essai-Valable-77';
      assert.equal(await signInStatus(t, account.email, winner), 200);
      const completed = await t.deps.db
        .selectFrom('audit_events')
        .select('id')
        .where('account_id', '=', account.id)
        .where('action', '=', 'password_reset.completed')
        .execute();
      assert.equal(completed.length, 1);
    });

    it('enforces the password policy with 422, and the link still works afterwards', async () => {
      const { account } = await createTestAccount(t.deps, { lastName: 'Vercingetorix' });
      const token = await requestResetToken(t, account.email);
      const weak = await reset(t, token, 'motdepasse');
      assert.equal(weak.statusCode, 422);
      const codes = (weak.json().errors as { field: string; code: string }[]).map(
        (e) => `${e.field}:${e.code}`,
      );
      assert.ok(codes.includes('newPassword:password_too_short'));
      const personal = await reset(t, token, 'Vercingetorix-Alesia-52!');
      assert.ok(
        (personal.json().errors as { code: string }[]).some(
          (e) => e.code === 'password_contains_personal_info',
        ),
      );
      assert.equal((await reset(t, token)).statusCode, 204);
    });

    it('documents the four routes in the OpenAPI document, tagged customer', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const route of [
        '/api/v1/password/forgot',
        '/api/v1/password/reset',
        '/api/v1/account/email',
        '/api/v1/account/email/confirm',
      ]) {
        assert.deepEqual(doc.paths[route]?.post?.tags, ['customer'], route);
      }
    });

    it('sets a first password on an account that had none', async () => {
      const { account } = await createTestAccount(t.deps, { password: undefined });
      assert.equal(account.hasPassword, false);
      const token = await requestResetToken(t, account.email);
      assert.equal((await reset(t, token)).statusCode, 204);
      assert.equal(await signInStatus(t, account.email, OTHER_STRONG_PASSWORD), 200);
    });
  });
}
