import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createService } from '../accounts/services.repository.ts';

for (const kind of testDatabaseKinds()) {
  describe(`back office accounts [${kind}]`, () => {
    let t: TestApp;
    let agent: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      agent = await signedInStaff(t.app, t.deps, 'agent');
    });
    after(() => t.close());

    describe('GET /api/v1/staff/accounts', () => {
      it('finds an account by email, client number, name, SIREN and domain', async () => {
        const { account } = await createTestAccount(t.deps, {
          type: 'company',
          legalName: 'Fromagerie Vasseur SAS',
          siren: '732829320',
          firstName: 'Odile',
          lastName: 'Vasseur',
        });
        await t.deps.db.transaction().execute((tx) =>
          createService(tx, {
            id: crypto.randomUUID(),
            accountId: account.id,
            kind: 'domain',
            name: 'fromagerie-vasseur.example',
            panelUsername: null,
            createdAt: t.clock.now(),
          }),
        );
        const queries = [
          account.email.toUpperCase(),
          account.clientNumber.toLowerCase(),
          'odile vass',
          'vasseur odile',
          'fromagerie vasseur',
          '732 829 320',
          'www.fromagerie-vasseur.example',
        ];
        for (const q of queries) {
          const response = await agent.client.staffApi(
            'GET',
            `/api/v1/staff/accounts?q=${encodeURIComponent(q)}`,
          );
          assert.equal(response.statusCode, 200);
          assert.deepEqual(
            response.json().accounts.map((a: { id: string }) => a.id),
            [account.id],
            q,
          );
        }
        const searched = await t.deps.db
          .selectFrom('audit_events')
          .selectAll()
          .where('action', '=', 'staff.accounts.searched')
          .where('actor_id', '=', agent.staff.user.id)
          .execute();
        assert.equal(searched.length, queries.length);
      });

      it('treats LIKE wildcards as text', async () => {
        await createTestAccount(t.deps, { firstName: 'Odile', lastName: 'Vasseur' });
        for (const q of ['%%%', '___', 'o%e', 'v_sseur']) {
          const response = await agent.client.staffApi(
            'GET',
            `/api/v1/staff/accounts?q=${encodeURIComponent(q)}`,
          );
          assert.deepEqual(response.json().accounts, [], q);
        }
      });

      it('matches parts of a name or an address from 3 characters, never across two fields', async () => {
        const { account } = await createTestAccount(t.deps, {
          email: 'ab.contact@example.org',
          firstName: 'Li',
          lastName: 'Ba',
        });
        const search = async (q: string) =>
          (await agent.client.staffApi('GET', `/api/v1/staff/accounts?q=${encodeURIComponent(q)}`))
            .json()
            .accounts.map((a: { id: string }) => a.id);
        assert.deepEqual(await search('li ba'), [account.id]);
        assert.deepEqual(await search('ba li'), [account.id]);
        assert.deepEqual(await search('b.cont'), [account.id]);
        // Two characters: too short for a part (it would match a good share of any customer base).
        assert.deepEqual(await search('ab'), []);
        // The end of the email and the start of the names are two fields: no match across them.
        assert.deepEqual(await search('orgli'), []);
        // A whole address is that address, not a part of a longer one.
        const { account: longer } = await createTestAccount(t.deps, { email: 'xab.contact@example.org' });
        assert.deepEqual(await search('AB.Contact@example.org'), [account.id]);
        assert.deepEqual((await search('b.contact@')).sort(), [longer.id, account.id].sort());
      });
    });

    describe('POST /api/v1/staff/accounts/{id}/send-reset', () => {
      it('answers 202, issues a reset link for the fiche and audits the staff action', async () => {
        const { account } = await createTestAccount(t.deps);
        const response = await agent.client.staffApi(
          'POST',
          `/api/v1/staff/accounts/${account.id}/send-reset`,
          {
            email: 'attacker@evil.example',
          },
        );
        assert.equal(response.statusCode, 202, response.body);
        const tokens = await t.deps.db
          .selectFrom('password_reset_tokens')
          .selectAll()
          .where('account_id', '=', account.id)
          .execute();
        assert.equal(tokens.length, 1);
        // Queued to the address on the fiche, whatever the request body said.
        const queued = await t.deps.db
          .selectFrom('email_outbox')
          .select(['recipient', 'kind'])
          .where('account_id', '=', account.id)
          .execute();
        assert.deepEqual(queued, [{ recipient: account.email, kind: 'password-reset' }]);
        const event = await t.deps.db
          .selectFrom('audit_events')
          .selectAll()
          .where('account_id', '=', account.id)
          .where('action', '=', 'staff.reset_link_sent')
          .executeTakeFirstOrThrow();
        assert.equal(event.actor_type, 'staff');
        assert.equal(event.actor_id, agent.staff.user.id);
      });
    });

    describe('GET /staff/accounts/{id}', () => {
      it('shows the fiche, the services, the send-reset button and recent events, and audits the view', async () => {
        const { account } = await createTestAccount(t.deps, { firstName: 'Aurélien', lastName: 'Roux' });
        await agent.client.staffApi('POST', `/api/v1/staff/accounts/${account.id}/send-reset`);
        const page = await agent.client.request({ method: 'GET', url: `/staff/accounts/${account.id}` });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Aurélien Roux/);
        assert.match(page.body, new RegExp(account.clientNumber));
        assert.match(page.body, /Envoyer un lien de réinitialisation/);
        assert.match(page.body, /staff\.reset_link_sent/);
        const viewed = await t.deps.db
          .selectFrom('audit_events')
          .select('actor_id')
          .where('account_id', '=', account.id)
          .where('action', '=', 'staff.account.viewed')
          .execute();
        assert.deepEqual(viewed, [{ actor_id: agent.staff.user.id }]);
      });
    });
  });
}
