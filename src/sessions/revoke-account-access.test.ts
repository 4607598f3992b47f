import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { sourceFilesMatching } from '../../test/support/source-files.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { requestEmailChange } from '../accounts/email-change.service.ts';
import {
  requestPasswordReset,
  resolvePasswordResetRequests,
} from '../password-reset/password-reset.service.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { invalidateAccountLinks, revokeAccountAccess } from './revoke-account-access.ts';
import { listSessions, signIn } from './sessions.service.ts';

describe('revokeAccountAccess', () => {
  it('is the only code that revokes every session of an account', () => {
    // revoke-other-sessions keeps the customer's own session and ends no link: not an end of access.
    assert.deepEqual(sourceFilesMatching(/\brevokeSessionsOfAccount\b/), [
      'src/sessions/revoke-account-access.ts',
      'src/sessions/revoke-other-sessions.service.ts',
      'src/sessions/sessions.repository.ts',
    ]);
  });

  for (const kind of testDatabaseKinds()) {
    describe(`on ${kind}`, () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(kind);
      });
      after(() => t.close());

      async function accountWithEveryAccess() {
        const { account, password } = await createTestAccount(t.deps);
        const sessions = [];
        for (let i = 0; i < 3; i++) {
          const signedIn = await signIn(t.deps, { email: account.email, password }, noRequestMeta, {
            previousToken: null,
            deviceToken: null,
          });
          assert.ok(signedIn.ok);
          sessions.push(signedIn.session.id);
        }
        await requestPasswordReset(t.deps, { email: account.email }, noRequestMeta);
        await resolvePasswordResetRequests(t.deps);
        await requestEmailChange(
          t.deps,
          { account },
          { newEmail: `n-${account.id}@example.net`, password },
          noRequestMeta,
        );
        return { account, sessions };
      }

      it('ends sessions but the one kept, reset links and email changes, and says how many', async () => {
        const { account, sessions } = await accountWithEveryAccess();
        const revoked = await t.deps.db
          .transaction()
          .execute((tx) =>
            revokeAccountAccess(tx, account.id, { now: t.clock.now(), keepSessionId: sessions[0] }),
          );
        assert.deepEqual(revoked, { sessions: 2, applicationsSignedOut: 0, resetLinks: 1, emailChanges: 1 });
        assert.deepEqual(
          (await listSessions(t.deps, account.id)).map((s) => s.id),
          [sessions[0]],
        );
        const again = await t.deps.db
          .transaction()
          .execute((tx) => revokeAccountAccess(tx, account.id, { now: t.clock.now() }));
        assert.deepEqual(again, { sessions: 1, applicationsSignedOut: 0, resetLinks: 0, emailChanges: 0 });
      });

      it('kills only the emailed links when the address changes: sessions stay', async () => {
        const { account } = await accountWithEveryAccess();
        const links = await t.deps.db
          .transaction()
          .execute((tx) => invalidateAccountLinks(tx, account.id, t.clock.now()));
        assert.deepEqual(links, { resetLinks: 1, emailChanges: 1 });
        assert.equal((await listSessions(t.deps, account.id)).length, 3);
      });
    });
  }
});
