import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

for (const kind of testDatabaseKinds()) {
  describe(`sign-in when argon2 is saturated [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      // One verification at a time, none waiting: a burst overflows at once.
      t = await buildTestApp(kind, { ARGON2_MAX_CONCURRENCY: '1', ARGON2_MAX_QUEUE: '0' });
    });
    after(() => t.close());

    it('answers 503 with Retry-After beyond the queue, and hands the reserved attempts back', async () => {
      const { account } = await createTestAccount(t.deps);
      const responses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: `192.0.2.${i + 1}`,
            payload: { email: account.email, password: `Wrong-Guess-${i}-x!` },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      assert.ok(statuses.includes(503), statuses.join(','));
      assert.ok(
        statuses.every((s) => s === 401 || s === 503),
        statuses.join(','),
      );
      const busy = responses.find((r) => r.statusCode === 503);
      assert.equal(busy?.headers['retry-after'], '1');
      assert.equal(busy?.json().code, 'server-busy');
      // Only the guesses that were checked still count on the account-wide key.
      const row = await t.deps.db
        .selectFrom('throttles')
        .select('failures')
        .where('key', 'like', 'customer-signin:account:%')
        .executeTakeFirstOrThrow();
      assert.equal(row.failures, statuses.filter((s) => s === 401).length);
    });
  });
}
