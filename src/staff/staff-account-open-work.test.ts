import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { seedRecoveryCase } from '../../test/support/recovery.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

for (const kind of testDatabaseKinds()) {
  describe(`staff account page: open recovery cases and tickets [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    async function accountWithOpenWork() {
      const { account } = await createTestAccount(t.deps);
      const other = await createTestAccount(t.deps);
      const cases = {
        inReview: (await seedRecoveryCase(t.deps, { status: 'in_review', accountId: account.id }))
          .recoveryCase,
        awaiting: (await seedRecoveryCase(t.deps, { status: 'awaiting_claimant', accountId: account.id }))
          .recoveryCase,
        rejected: (await seedRecoveryCase(t.deps, { status: 'rejected', accountId: account.id }))
          .recoveryCase,
        elsewhere: (await seedRecoveryCase(t.deps, { status: 'submitted', accountId: other.account.id }))
          .recoveryCase,
      };
      const customer = createClient(t.app);
      await customer.signIn(account.email, STRONG_PASSWORD);
      const open = async (subject: string) => {
        const created = await customer.api('POST', '/api/v1/tickets', {
          subject,
          body: 'Bonjour, pouvez-vous m’aider ?',
          category: 'general',
        });
        assert.equal(created.statusCode, 201, created.body);
        return created.json().reference as string;
      };
      const tickets = { open: await open('Mon site est lent'), closed: await open('Facture en double') };
      await t.deps.db
        .updateTable('tickets')
        .set({ status: 'closed' })
        .where('reference', '=', tickets.closed)
        .execute();
      return { account, cases, tickets };
    }

    it('lists the open cases (reference, status in words, link) and the open tickets (subject, status, link)', async () => {
      const { account, cases, tickets } = await accountWithOpenWork();
      const page = await agent.client.request({ method: 'GET', url: `/staff/accounts/${account.id}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Dossiers de récupération en cours/);
      assert.ok(
        page.body.includes(
          `<a href="/staff/recovery/${cases.inReview.reference}">${cases.inReview.reference}</a>`,
        ),
      );
      assert.ok(page.body.includes(`/staff/recovery/${cases.awaiting.reference}`));
      assert.match(page.body, /En cours d’examen/);
      assert.match(page.body, /En attente du demandeur/);
      assert.ok(!page.body.includes(cases.rejected.reference), 'a finished case is not listed');
      assert.ok(!page.body.includes(cases.elsewhere.reference), 'another account’s case is not listed');
      assert.match(page.body, /Tickets ouverts/);
      assert.ok(page.body.includes(`<a href="/staff/tickets/${tickets.open}">Mon site est lent</a>`));
      assert.match(page.body, /Ouvert \(à nous de répondre\)/);
      assert.doesNotMatch(page.body, /Facture en double/, 'a closed ticket is not listed');
    });

    it('says so when there is none, and answers the same lists in GET /api/v1/staff/accounts/{id}', async () => {
      const { account: quiet } = await createTestAccount(t.deps);
      const page = await agent.client.request({ method: 'GET', url: `/staff/accounts/${quiet.id}` });
      assert.match(page.body, /Aucun dossier de récupération en cours n’est rattaché à ce compte/);
      assert.match(page.body, /Aucun ticket ouvert/);

      const { account, cases, tickets } = await accountWithOpenWork();
      const json = (await agent.client.staffApi('GET', `/api/v1/staff/accounts/${account.id}`)).json();
      assert.deepEqual(
        json.openRecoveryCases
          .map((c: { reference: string; status: string }) => [c.reference, c.status])
          .sort(),
        [
          [cases.awaiting.reference, 'awaiting_claimant'],
          [cases.inReview.reference, 'in_review'],
        ].sort(),
      );
      assert.deepEqual(
        json.openTickets.map((ticket: { reference: string; subject: string; status: string }) => [
          ticket.reference,
          ticket.subject,
          ticket.status,
        ]),
        [[tickets.open, 'Mon site est lent', 'open']],
      );
    });
  });
}
