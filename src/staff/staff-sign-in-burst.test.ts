import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestStaff, totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

const BURST = 200;
// Same keys as customer sign-in: 5 free failures per account from one IP, the 6th sets the first block.
const ALLOWED = 6;

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/staff/auth/login, a parallel burst [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('lets at most the allowed number of 200 parallel guesses be checked, none a 5xx', async () => {
      const staff = await createTestStaff(t.deps);
      const totp = await totpCodeAt(staff.secret, t.clock);
      const responses = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          t.app.inject({
            method: 'POST',
            url: '/api/v1/staff/auth/login',
            remoteAddress: '198.51.100.8',
            payload: {
              email: staff.email,
              password: i === 150 ? staff.password : `Wrong-Guess-${i}-x!`,
              totp,
            },
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      assert.deepEqual(
        statuses.filter((s) => ![200, 401, 429].includes(s)),
        [],
      );
      const checked = statuses.filter((s) => s === 200 || s === 401).length;
      assert.ok(checked >= 1 && checked <= ALLOWED, `${checked} guesses were checked`);
      const audited = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'in', ['staff.signin.failed', 'staff.signin.succeeded'])
        .execute();
      assert.ok(audited.length <= ALLOWED);
    });
  });
}
