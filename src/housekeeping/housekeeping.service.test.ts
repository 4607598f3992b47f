import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { resolvePasswordResetRequests } from '../password-reset/password-reset.service.ts';
import { DAY, HOUR } from '../platform/clock.ts';
import { runHousekeeping } from './housekeeping.service.ts';
import { startHousekeeping } from './housekeeping-worker.ts';

for (const kind of testDatabaseKinds()) {
  describe(`runHousekeeping [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    const count = async (table: 'sessions' | 'throttles' | 'password_reset_tokens') =>
      Number(
        (
          await t.deps.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('keeps live rows and deletes those that ended more than a week (throttles: a day) ago', async () => {
      const { account } = await createTestAccount(t.deps);
      const old = createClient(t.app);
      await old.signIn(account.email, STRONG_PASSWORD);
      await createClient(t.app).signIn(account.email, 'Wrong-Password-1');
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/password/forgot',
        payload: { email: account.email },
      });
      await resolvePasswordResetRequests(t.deps);
      assert.equal(await count('sessions'), 1);
      assert.ok((await count('throttles')) > 0);
      assert.equal(await count('password_reset_tokens'), 1);

      t.clock.advance(2 * DAY);
      const fresh = createClient(t.app);
      await fresh.signIn(account.email, STRONG_PASSWORD);
      const early = await runHousekeeping(t.deps);
      assert.equal(early.sessions, 0, 'the idle session ended only two days ago');
      assert.ok(early.throttles > 0, 'day-old throttle counters go');

      t.clock.advance(6 * DAY);
      await fresh.api('GET', '/api/v1/account');
      const report = await runHousekeeping(t.deps);
      assert.equal(report.sessions, 1, 'the first session, idle for eight days, goes');
      assert.equal(report.passwordResetTokens, 1, 'the reset token expired eight days ago');
      assert.equal(await count('sessions'), 1, 'the session in use stays');
      t.clock.advance(HOUR);
      assert.equal(
        (await fresh.api('GET', '/api/v1/account')).statusCode,
        401,
        'idle past 30 min, yet still on record for a week',
      );
    });

    it('deletes pending sign-ins and WebAuthn challenges a day after they expired, keeps live ones', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      assert.equal(
        (await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).json().mfaRequired,
        true,
      );
      const anonymous = createClient(t.app);
      await anonymous.refreshCsrf();
      assert.equal((await anonymous.api('POST', '/api/v1/auth/passkey/options')).statusCode, 200);
      const rows = async () => ({
        pending: (await t.deps.db.selectFrom('mfa_pending_sign_ins').select('id').execute()).length,
        challenges: (await t.deps.db.selectFrom('webauthn_challenges').select('id').execute()).length,
      });
      const before = await rows();
      assert.ok(before.pending >= 1 && before.challenges >= 1);
      t.clock.advance(HOUR);
      const early = await runHousekeeping(t.deps);
      assert.deepEqual([early.pendingSignIns, early.webauthnChallenges], [0, 0], 'expired an hour ago: kept');
      t.clock.advance(DAY);
      const late = await runHousekeeping(t.deps);
      assert.equal(late.pendingSignIns, before.pending);
      assert.equal(late.webauthnChallenges, before.challenges);
      assert.deepEqual(await rows(), { pending: 0, challenges: 0 });
    });

    it('deletes single sign-on state a day past its expiry and settled back-channel notices after a month', async () => {
      const now = t.clock.now().getTime();
      const payload = (id: string, expiresAt: Date) => ({
        model: 'AccessToken',
        id,
        payload: '{}',
        expires_at: expiresAt,
      });
      await t.deps.db
        .insertInto('oidc_payloads')
        .values([
          payload('old', new Date(now - 2 * DAY)),
          payload('recent', new Date(now - HOUR)),
          payload('live', new Date(now + HOUR)),
        ])
        .execute();
      const notice = (id: string, status: 'delivered' | 'queued', createdAt: Date) => ({
        id,
        client_id: 'sesame-x',
        account_id: 'a',
        reason: 'access_revoked',
        status,
        next_attempt_at: createdAt,
        created_at: createdAt,
      });
      await t.deps.db
        .insertInto('oidc_backchannel_logouts')
        .values([
          notice(randomUUID(), 'delivered', new Date(now - 31 * DAY)),
          notice(randomUUID(), 'queued', new Date(now - 31 * DAY)),
          notice(randomUUID(), 'delivered', new Date(now - DAY)),
        ])
        .execute();
      assert.equal((await runHousekeeping(t.deps)).singleSignOn, 2);
      const left = await t.deps.db.selectFrom('oidc_payloads').select('id').orderBy('id').execute();
      assert.deepEqual(
        left.map((row) => row.id),
        ['live', 'recent'],
      );
      assert.equal(
        (await t.deps.db.selectFrom('oidc_backchannel_logouts').select('id').execute()).length,
        2,
        'a queued notice is never dropped',
      );
    });

    it('runs by itself in the worker, and stops cleanly', async () => {
      await createClient(t.app).signIn('somebody@example.org', 'Wrong-Password-2');
      assert.ok((await count('throttles')) > 0);
      t.clock.advance(2 * DAY);
      const worker = startHousekeeping(t.deps, 20);
      // Bounded wait for the first round (it starts after 20 ms): no assertion on time itself.
      for (let i = 0; i < 100 && (await count('throttles')) > 0; i++)
        await new Promise((r) => setTimeout(r, 20));
      await worker.stop();
      assert.equal(await count('throttles'), 0);
    });
  });
}
