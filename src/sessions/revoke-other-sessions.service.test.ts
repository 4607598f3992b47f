import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { revokeOtherSessions } from './revoke-other-sessions.service.ts';
import { listSessions, signIn } from './sessions.service.ts';

for (const kind of testDatabaseKinds()) {
  describe(`revokeOtherSessions [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('ends the other sessions and the other browsers’ single sign-on, keeping this browser’s', async () => {
      const { account, password } = await createTestAccount(t.deps);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const opened = await signIn(t.deps, { email: account.email, password }, noRequestMeta, {
          previousToken: null,
          deviceToken: null,
        });
        assert.ok(opened.ok);
        ids.push(opened.session.id);
      }
      const providerSession = (id: string) => ({
        model: 'Session',
        id,
        account_id: account.id,
        payload: JSON.stringify({ accountId: account.id, authorizations: {} }),
      });
      await t.deps.db
        .insertInto('oidc_payloads')
        .values([providerSession(`here-${account.id}`), providerSession(`there-${account.id}`)])
        .execute();
      const count = await revokeOtherSessions(
        t.deps,
        { accountId: account.id, sessionId: ids[1] as string, providerSessionId: `here-${account.id}` },
        noRequestMeta,
      );
      assert.equal(count, 2);
      assert.deepEqual(
        (await listSessions(t.deps, account.id)).map((s) => s.id),
        [ids[1]],
      );
      const left = await t.deps.db
        .selectFrom('oidc_payloads')
        .select('id')
        .where('account_id', '=', account.id)
        .execute();
      assert.deepEqual(
        left.map((row) => row.id),
        [`here-${account.id}`],
      );
      const again = await revokeOtherSessions(
        t.deps,
        { accountId: account.id, sessionId: ids[1] as string },
        noRequestMeta,
      );
      assert.equal(again, 0, 'nothing left to end');
    });
  });
}
