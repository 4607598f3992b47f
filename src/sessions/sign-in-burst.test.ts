import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

// The outside test's burst: 200 guesses sent at once from one IP, the real password among them.
const BURST = 200;
// Per account from one IP: 5 free failures, the 6th sets the first block (sign-in-throttle.ts).
const ALLOWED = 6;

async function passwordChecks(t: TestApp, accountId: string): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('account_id', '=', accountId)
    .where('action', 'in', ['signin.failed', 'signin.succeeded'])
    .execute();
  return rows.length;
}

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/auth/login, a parallel burst [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('lets at most the allowed number of 200 parallel guesses reach the password check, none a 5xx', async () => {
      const { account } = await createTestAccount(t.deps);
      const responses = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            remoteAddress: '198.51.100.7',
            payload: { email: account.email, password: i === 150 ? STRONG_PASSWORD : `Wrong-Guess-${i}-x!` },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      assert.deepEqual(
        statuses.filter((s) => ![200, 401, 429].includes(s)),
        [],
        'only 200, 401 and 429',
      );
      const checked = statuses.filter((s) => s === 200 || s === 401).length;
      assert.ok(checked <= ALLOWED, `${checked} guesses reached the password check`);
      assert.ok(checked >= 1);
      assert.ok(
        (await passwordChecks(t, account.id)) <= ALLOWED,
        'the audit log agrees: no more verifications than allowed',
      );
      const throttled = responses.find((r) => r.statusCode === 429);
      assert.ok(throttled?.headers['retry-after'], '429 carries Retry-After');
    });
  });
}
