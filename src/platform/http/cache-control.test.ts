import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../../test/support/factories.ts';
import { signedInStaff } from '../../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';

for (const kind of testDatabaseKinds()) {
  describe(`Cache-Control on authenticated responses [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('is no-store on the signed-in customer’s pages and API', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      assert.equal((await client.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
      for (const url of [
        '/account',
        '/account/sessions',
        '/support',
        '/api/v1/account',
        '/api/v1/account/sessions',
      ]) {
        const response = await client.request({ method: 'GET', url });
        assert.equal(response.statusCode, 200, url);
        assert.equal(response.headers['cache-control'], 'no-store', url);
      }
    });

    it('is no-store on staff pages, the staff API and the audit CSV', async () => {
      const { client } = await signedInStaff(t.app, t.deps, 'admin');
      for (const url of [
        '/staff/accounts',
        '/staff/audit',
        '/staff/audit.csv',
        '/api/v1/staff/me',
        '/api/v1/staff/audit/events.csv',
      ]) {
        const response = await client.request({ method: 'GET', url });
        assert.equal(response.statusCode, 200, url);
        assert.equal(response.headers['cache-control'], 'no-store', url);
      }
    });

    it('leaves the static files their own caching', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/static/app.css' });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['cache-control']), /max-age=3600/);
    });
  });
}
