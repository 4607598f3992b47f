import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { enrolTestTotp } from '../../test/support/second-factor.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { openTicket } from './tickets.service.ts';

async function emailTicket(t: TestApp, accountId: string, from: string, verified: boolean) {
  const { ticket } = await t.deps.db.transaction().execute((tx) =>
    openTicket(
      tx,
      t.deps,
      {
        accountId,
        channel: 'email',
        category: 'general',
        subject: 'J’ai perdu mon téléphone',
        body: 'Mon application d’authentification était sur mon téléphone, volé hier.',
        requesterEmail: from,
        requesterName: null,
        serviceId: null,
        senderVerified: verified,
        verification: verified ? 'dmarc_pass' : 'dmarc_fail',
        email: { rfcMessageId: `<${crypto.randomUUID()}@mail.example>`, inReplyTo: null, fromAddress: from },
      },
      { type: 'anonymous', id: null, meta: noRequestMeta },
    ),
  );
  return ticket;
}

for (const kind of testDatabaseKinds()) {
  describe(`a supervisor removes a customer's second factors from a verified ticket [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    const factorRows = async (accountId: string) => ({
      totp: (
        await t.deps.db
          .selectFrom('customer_totp')
          .select('account_id')
          .where('account_id', '=', accountId)
          .execute()
      ).length,
      codes: (
        await t.deps.db
          .selectFrom('recovery_codes')
          .select('id')
          .where('account_id', '=', accountId)
          .execute()
      ).length,
    });

    it('only a supervisor, only for a verified sender; audited and told to the fiche address', async () => {
      const { account } = await createTestAccount(t.deps);
      await enrolTestTotp(t, account);
      const verified = await emailTicket(t, account.id, account.email, true);
      const forged = await emailTicket(t, account.id, account.email, false);
      const agent = await signedInStaff(t.app, t.deps, 'agent');
      const supervisor = await signedInStaff(t.app, t.deps, 'supervisor');
      const url = (reference: string) => `/staff/tickets/${reference}/remove-factors`;

      const agentPage = await agent.client.request({
        method: 'GET',
        url: `/staff/tickets/${verified.reference}`,
      });
      assert.doesNotMatch(agentPage.body, /remove-factors/, 'an agent is not offered the removal');
      const byAgent = await agent.client.staffApi('POST', url(verified.reference));
      assert.match(byAgent.headers.location as string, /problem=forbidden/);

      const forgedPage = await supervisor.client.request({
        method: 'GET',
        url: `/staff/tickets/${forged.reference}`,
      });
      assert.doesNotMatch(forgedPage.body, /remove-factors/, 'not offered for an unverified sender');
      const refused = await supervisor.client.staffApi('POST', url(forged.reference));
      assert.equal(refused.statusCode, 303);
      assert.match(refused.headers.location as string, /problem=conflict/);
      assert.deepEqual(await factorRows(account.id), { totp: 1, codes: 10 }, 'nothing removed');

      const page = await supervisor.client.request({
        method: 'GET',
        url: `/staff/tickets/${verified.reference}`,
      });
      assert.match(page.body, /remove-factors/);
      const done = await supervisor.client.staffApi('POST', url(verified.reference));
      assert.equal(done.statusCode, 303);
      assert.match(done.headers.location as string, /done=factors_removed/);
      assert.deepEqual(await factorRows(account.id), { totp: 0, codes: 0 });

      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select(['actor_type', 'actor_id', 'details'])
        .where('action', '=', 'mfa.factors_removed_by_staff')
        .where('account_id', '=', account.id)
        .execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]?.actor_type, 'staff');
      assert.equal(audit[0]?.actor_id, supervisor.staff.user.id);
      const notice = (await queuedEmails(t, { to: account.email, kind: 'second-factor-changed' })).at(-1);
      assert.match(notice?.text ?? '', /notre support a retiré tous les facteurs/);
      assert.doesNotMatch(
        notice?.text ?? '',
        /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/,
        'no secret in the email',
      );

      // Nothing left to remove: refused rather than audited twice.
      const again = await supervisor.client.staffApi('POST', url(verified.reference));
      assert.match(again.headers.location as string, /problem=conflict/);
    });
  });
}
