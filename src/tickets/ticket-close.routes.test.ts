import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { customerWithPortalTicket } from '../../test/support/portal-tickets.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`the customer closes their own ticket [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    const customerWithTicket = () =>
      customerWithPortalTicket(t, {
        subject: 'Boîte mail pleine',
        body: 'Bonjour, ma boîte est pleine.',
        category: 'general',
      });

    it('« Clore la demande » closes it, says so, audits it, and staff see it closed by the customer', async () => {
      const { account, client, reference } = await customerWithTicket();
      const thread = await client.request({ method: 'GET', url: `/support/${reference}` });
      assert.match(thread.body, /Clore la demande/);
      const closed = await client.request({
        method: 'POST',
        url: `/support/${reference}/close`,
        form: { _csrf: csrfOf(thread.body) },
      });
      assert.equal(closed.statusCode, 303);
      assert.equal(closed.headers.location, `/support/${reference}?closed=1`);
      const after = await client.request({ method: 'GET', url: `/support/${reference}?closed=1` });
      assert.match(after.body, /Votre demande est close/);
      assert.doesNotMatch(after.body, /Clore la demande/, 'nothing left to close');
      const events = await t.deps.db
        .selectFrom('audit_events')
        .select(['action', 'actor_type'])
        .where('account_id', '=', account.id)
        .where('action', '=', 'ticket.closed_by_customer')
        .execute();
      assert.deepEqual(events, [{ action: 'ticket.closed_by_customer', actor_type: 'customer' }]);

      const staffThread = await agent.client.request({ method: 'GET', url: `/staff/tickets/${reference}` });
      assert.match(staffThread.body, /Clos par le client/);
      const staffJson = (await agent.client.staffApi('GET', `/api/v1/staff/tickets/${reference}`)).json();
      assert.equal(staffJson.ticket.status, 'closed');
      assert.equal(staffJson.ticket.closedBy, 'customer');
    });

    it('POST /api/v1/tickets/{reference}/close: 200, then 409; a new message reopens it and clears who closed it', async () => {
      const { client, reference } = await customerWithTicket();
      const closed = await client.api('POST', `/api/v1/tickets/${reference}/close`);
      assert.equal(closed.statusCode, 200);
      assert.deepEqual(closed.json(), { status: 'closed' });
      assert.equal((await client.api('POST', `/api/v1/tickets/${reference}/close`)).statusCode, 409);
      await client.api('POST', `/api/v1/tickets/${reference}/messages`, {
        body: 'Finalement, ça recommence.',
      });
      const staffJson = (await agent.client.staffApi('GET', `/api/v1/staff/tickets/${reference}`)).json();
      assert.equal(staffJson.ticket.status, 'open');
      assert.equal(staffJson.ticket.closedBy, null);
    });

    it('a ticket closed by staff says « Clos », not « par le client »', async () => {
      const { reference } = await customerWithTicket();
      const set = await agent.client.staffApi('POST', `/api/v1/staff/tickets/${reference}/status`, {
        status: 'closed',
      });
      assert.ok(set.statusCode < 300, set.body);
      const staffJson = (await agent.client.staffApi('GET', `/api/v1/staff/tickets/${reference}`)).json();
      assert.equal(staffJson.ticket.closedBy, 'staff');
      const page = await agent.client.request({ method: 'GET', url: `/staff/tickets/${reference}` });
      assert.doesNotMatch(page.body, /Clos par le client/);
    });

    it('cannot close another account’s ticket (404, like a missing one), nor without a session', async () => {
      const { reference } = await customerWithTicket();
      const { account: other } = await createTestAccount(t.deps);
      const stranger = createClient(t.app);
      await stranger.signIn(other.email, STRONG_PASSWORD);
      assert.equal((await stranger.api('POST', `/api/v1/tickets/${reference}/close`)).statusCode, 404);
      assert.equal(
        (await createClient(t.app).api('POST', `/api/v1/tickets/${reference}/close`)).statusCode,
        401,
      );
      const row = await t.deps.db
        .selectFrom('tickets')
        .select('status')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'open');
    });
  });
}
