import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

const PARALLEL = 10;

/** Ten browsers, each past the password (each its own pending sign-in), from distinct addresses. */
async function pendingClients(t: TestApp, email: string) {
  const clients = Array.from({ length: PARALLEL }, (_, i) =>
    createClient(t.app, undefined, `203.0.113.${i + 1}`),
  );
  for (const client of clients)
    assert.equal((await client.signIn(email, STRONG_PASSWORD)).json().mfaRequired, true);
  return clients;
}

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/auth/mfa in parallel [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('accepts the same TOTP code posted 10 times at once exactly once (ten pending sign-ins)', async () => {
      const { account } = await createTestAccount(t.deps);
      const { secret } = await enrolTestTotp(t, account);
      const clients = await pendingClients(t, account.email);
      const code = await totpCodeAt(secret, t.clock);
      const responses = await Promise.all(
        clients.map((c) => c.api('POST', '/api/v1/auth/mfa', { method: 'totp', code })),
      );
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual(statuses, [200, ...Array(PARALLEL - 1).fill(401)]);
    });

    it('opens one session when one pending sign-in posts the right code 10 times at once', async () => {
      const { account } = await createTestAccount(t.deps);
      const { secret } = await enrolTestTotp(t, account);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const code = await totpCodeAt(secret, t.clock);
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, () =>
          client.api('POST', '/api/v1/auth/mfa', { method: 'totp', code }),
        ),
      );
      assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
      const sessions = await t.deps.db
        .selectFrom('sessions')
        .select('id')
        .where('account_id', '=', account.id)
        .where('auth_method', '=', 'password+totp')
        .execute();
      assert.equal(sessions.length, 1);
    });

    it('accepts the same recovery code posted 10 times at once exactly once', async () => {
      const { account } = await createTestAccount(t.deps);
      const { recoveryCodes } = await enrolTestTotp(t, account);
      const clients = await pendingClients(t, account.email);
      const code = recoveryCodes[0] ?? '';
      const responses = await Promise.all(
        clients.map((c) => c.api('POST', '/api/v1/auth/mfa', { method: 'recovery_code', code })),
      );
      assert.equal(responses.filter((r) => r.statusCode === 200).length, 1);
      assert.equal(responses.filter((r) => r.statusCode === 401).length, PARALLEL - 1);
    });

    it('lets at most 6 of 60 parallel wrong guesses from one IP reach the code check, the rest 429', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      const client = createClient(t.app, undefined, '198.51.100.20');
      await client.signIn(account.email, STRONG_PASSWORD);
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          client.api('POST', '/api/v1/auth/mfa', { method: 'totp', code: String(100000 + i) }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      assert.deepEqual(
        statuses.filter((s) => s !== 401 && s !== 429),
        [],
        'only 401 and 429',
      );
      const checked = await t.deps.db
        .selectFrom('audit_events')
        .select('id')
        .where('account_id', '=', account.id)
        .where('action', '=', 'signin.mfa_failed')
        .execute();
      // 5 free failures per account and IP, the 6th sets the first block (mfa-throttle.ts).
      assert.ok(checked.length <= 6, `${checked.length} guesses reached the check`);
      assert.ok(responses.find((r) => r.statusCode === 429)?.headers['retry-after']);
    });
  });
}
