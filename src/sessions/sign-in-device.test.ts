import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

for (const kind of testDatabaseKinds()) {
  describe(`sign-in: device cookie, IPv6 /64, next [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('keeps a browser that signed in before in, while strangers on many IPs lock the account-wide key', async () => {
      const { account } = await createTestAccount(t.deps);
      const owner = createClient(t.app);
      assert.equal((await owner.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
      assert.ok(owner.jar.sesame_device, 'the sign-in set a device cookie');
      for (let i = 0; i < 25; i++)
        await createClient(t.app, 'curl/8', `198.51.100.${i}`).signIn(account.email, `Wrong-${i}-x!`);
      // A new browser is held by the account-wide delay; the owner's known browser is not.
      assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 429);
      const known = createClient(t.app);
      known.jar.sesame_device = owner.jar.sesame_device as string;
      assert.equal((await known.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
    });

    it('trusts no device cookie made for another login, nor a tampered one', async () => {
      const { account: first } = await createTestAccount(t.deps);
      const { account: second } = await createTestAccount(t.deps);
      const browser = createClient(t.app);
      await browser.signIn(first.email, STRONG_PASSWORD);
      const cookie = browser.jar.sesame_device as string;
      for (let i = 0; i < 25; i++)
        await createClient(t.app, 'curl/8', `198.51.101.${i}`).signIn(second.email, `Wrong-${i}-x!`);
      for (const value of [cookie, `${cookie.slice(0, -2)}AA`]) {
        const other = createClient(t.app);
        other.jar.sesame_device = value;
        assert.equal((await other.signIn(second.email, STRONG_PASSWORD)).statusCode, 429);
      }
    });

    it('counts every address of one IPv6 /64 as the same client', async () => {
      const { account } = await createTestAccount(t.deps);
      const statuses: number[] = [];
      for (let i = 1; i <= 7; i++) {
        const client = createClient(t.app, 'curl/8', `2001:db8:77:1::${i.toString(16)}`);
        statuses.push((await client.signIn(account.email, `Wrong-${i}-x!`)).statusCode);
      }
      // 5 free failures from "one IP", the 6th sets the block: the 7th address of the /64 waits.
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429]);
      const elsewhere = createClient(t.app, 'curl/8', '2001:db8:77:2::1');
      assert.equal((await elsewhere.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
    });

    it('sends a signed-in customer to a non-ASCII next path instead of answering 500', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.request({ method: 'GET', url: '/login?next=/%E3%80%82' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/%E3%80%82');
    });
  });
}
