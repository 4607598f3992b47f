import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/account/password [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('changes the password and revokes every other session, keeping this one', async () => {
      const { account } = await createTestAccount(t.deps);
      const here = createClient(t.app);
      const elsewhere = createClient(t.app);
      await here.signIn(account.email, STRONG_PASSWORD);
      await elsewhere.signIn(account.email, STRONG_PASSWORD);
      const response = await here.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: OTHER_STRONG_PASSWORD,
      });
      assert.equal(response.statusCode, 204);
      assert.equal((await here.api('GET', '/api/v1/account')).statusCode, 200);
      assert.equal((await elsewhere.api('GET', '/api/v1/account')).statusCode, 401);
      assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 401);
      assert.equal((await createClient(t.app).signIn(account.email, OTHER_STRONG_PASSWORD)).statusCode, 200);
      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('account_id', '=', account.id)
        .where('action', '=', 'password.changed')
        .execute();
      assert.equal(audit.length, 1);
    });

    it('answers 401 for a wrong current password and changes nothing', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.api('POST', '/api/v1/account/password', {
        currentPassword: 'Wrong-Current-Password-1',
        newPassword: OTHER_STRONG_PASSWORD,
      });
      assert.equal(response.statusCode, 401);
      assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
    });

    it('answers 422 with the policy reasons for a weak password', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: 'motdepasse',
      });
      assert.equal(response.statusCode, 422);
      const codes = (response.json().errors as { code: string }[]).map((e) => e.code);
      assert.ok(codes.includes('password_too_short'));
      assert.ok(codes.includes('password_needs_digit'));
      assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
    });

    it('refuses a password that contains the customer’s own name', async () => {
      const { account } = await createTestAccount(t.deps, { lastName: 'Vercingetorix' });
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: 'Vercingetorix-Alesia-52!',
      });
      assert.equal(response.statusCode, 422);
      assert.ok(
        (response.json().errors as { code: string }[]).some(
          (e) => e.code === 'password_contains_personal_info',
        ),
      );
    });
  });
}
