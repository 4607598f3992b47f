import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

async function auditActions(t: TestApp, accountId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('account_id', '=', accountId)
    .execute();
  return rows.map((r) => r.action);
}

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/auth/login and /api/v1/auth/mfa [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('answers {account} and a session for an account without a second factor', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      const response = await client.signIn(account.email, STRONG_PASSWORD);
      assert.equal(response.statusCode, 200);
      assert.ok(response.json().account);
      const sessions = await client.api('GET', '/api/v1/account/sessions');
      assert.equal(sessions.json().sessions[0].authMethod, 'password');
    });

    it('asks for the factor after the password: a pending cookie that is not a session', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      const client = createClient(t.app);
      const response = await client.signIn(account.email, STRONG_PASSWORD);
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { mfaRequired: true, methods: ['totp', 'recovery_code'] });
      assert.ok(Object.keys(client.jar).some((name) => name.includes('mfa_pending')));
      assert.ok(!Object.keys(client.jar).some((name) => /sesame_session$/.test(name)), 'no session cookie');
      assert.equal(
        (await client.api('GET', '/api/v1/account')).statusCode,
        401,
        'the pending cookie opens nothing',
      );
    });

    it('completes the sign-in with a right TOTP code, once, and records password+totp', async () => {
      const { account } = await createTestAccount(t.deps);
      const { secret } = await enrolTestTotp(t, account);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const code = await totpCodeAt(secret, t.clock);
      const done = await client.api('POST', '/api/v1/auth/mfa', { method: 'totp', code });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().account.email, account.email);
      await client.refreshCsrf();
      const sessions = await client.api('GET', '/api/v1/account/sessions');
      assert.equal(sessions.json().sessions[0].authMethod, 'password+totp');
      // The same code again, from a new pending sign-in: refused (single use by time step).
      const again = createClient(t.app);
      await again.signIn(account.email, STRONG_PASSWORD);
      assert.equal((await again.api('POST', '/api/v1/auth/mfa', { method: 'totp', code })).statusCode, 401);
      assert.ok((await auditActions(t, account.id)).includes('signin.mfa_failed'));
    });

    it('refuses a wrong code, and /auth/mfa without a pending sign-in', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      assert.equal(
        (await client.api('POST', '/api/v1/auth/mfa', { method: 'totp', code: '000000' })).statusCode,
        401,
      );
      const stranger = createClient(t.app);
      assert.equal(
        (await stranger.api('POST', '/api/v1/auth/mfa', { method: 'totp', code: '123456' })).statusCode,
        401,
      );
    });

    it('lets the pending sign-in expire after five minutes', async () => {
      const { account } = await createTestAccount(t.deps);
      const { secret } = await enrolTestTotp(t, account);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      t.clock.advance(5 * 60_000 + 1000);
      const code = await totpCodeAt(secret, t.clock);
      assert.equal((await client.api('POST', '/api/v1/auth/mfa', { method: 'totp', code })).statusCode, 401);
    });

    it('signs in with a recovery code once, emails the customer and audits it', async () => {
      const { account } = await createTestAccount(t.deps);
      const { recoveryCodes } = await enrolTestTotp(t, account);
      assert.equal(recoveryCodes.length, 10);
      assert.equal(new Set(recoveryCodes).size, 10);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const code = recoveryCodes[3]?.toLowerCase() ?? '';
      const done = await client.api('POST', '/api/v1/auth/mfa', { method: 'recovery_code', code });
      assert.equal(done.statusCode, 200, done.body);
      const again = createClient(t.app);
      await again.signIn(account.email, STRONG_PASSWORD);
      assert.equal(
        (await again.api('POST', '/api/v1/auth/mfa', { method: 'recovery_code', code })).statusCode,
        401,
      );
      const mails = await t.deps.db
        .selectFrom('email_outbox')
        .select('kind')
        .where('account_id', '=', account.id)
        .where('kind', '=', 'recovery-code-used')
        .execute();
      assert.equal(mails.length, 1);
      assert.ok((await auditActions(t, account.id)).includes('mfa.recovery_code_used'));
      const stored = await t.deps.db
        .selectFrom('recovery_codes')
        .select('code_hash')
        .where('account_id', '=', account.id)
        .execute();
      assert.ok(
        stored.every((r) => !recoveryCodes.some((c) => r.code_hash.includes(c))),
        'only hashes at rest',
      );
    });

    it('keeps the TOTP secret sealed at rest', async () => {
      const { account } = await createTestAccount(t.deps);
      const { secret } = await enrolTestTotp(t, account);
      const row = await t.deps.db
        .selectFrom('customer_totp')
        .select('sealed_secret')
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow();
      assert.ok(!row.sealed_secret.includes(secret));
    });
  });
}
