import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { createService } from '../accounts/services.repository.ts';

async function signedInCustomer(t: TestApp) {
  const { account, password } = await createTestAccount(t.deps);
  const client = createClient(t.app);
  await client.refreshCsrf();
  const response = await client.signIn(account.email, password);
  assert.equal(response.statusCode, 200);
  return { account, client };
}

async function addService(t: TestApp, accountId: string) {
  const id = crypto.randomUUID();
  await t.deps.db.transaction().execute((tx) =>
    createService(tx, {
      id,
      accountId,
      kind: 'domain',
      name: `site-${id.slice(0, 8)}.example`,
      panelUsername: null,
      createdAt: t.clock.now(),
    }),
  );
  return id;
}

for (const kind of testDatabaseKinds()) {
  describe(`customer tickets [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    describe('POST /api/v1/tickets and GET /api/v1/tickets', () => {
      it('opens a verified portal ticket and lists it', async () => {
        const { account, client } = await signedInCustomer(t);
        const serviceId = await addService(t, account.id);
        const created = await client.api('POST', '/api/v1/tickets', {
          subject: '  Mon site ne répond plus  ',
          body: 'Bonjour, mon site affiche une erreur 500.',
          category: 'general',
          serviceId,
        });
        assert.equal(created.statusCode, 201);
        const { reference } = created.json();
        assert.match(reference, /^T-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        const row = await t.deps.db
          .selectFrom('tickets')
          .selectAll()
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow();
        assert.equal(row.account_id, account.id);
        assert.equal(row.channel, 'portal');
        assert.equal(row.sender_verified, true);
        assert.equal(row.verification, 'portal');
        assert.equal(row.requester_email, account.email);
        assert.equal(row.service_id, serviceId);
        const list = await client.api('GET', '/api/v1/tickets');
        assert.equal(list.statusCode, 200);
        assert.deepEqual(
          list
            .json()
            .tickets.map((x: { reference: string; subject: string; status: string }) => [
              x.reference,
              x.subject,
              x.status,
            ]),
          [[reference, 'Mon site ne répond plus', 'open']],
        );
        const audit = await t.deps.db
          .selectFrom('audit_events')
          .select('action')
          .where('account_id', '=', account.id)
          .where('action', '=', 'ticket.created')
          .execute();
        assert.equal(audit.length, 1);
      });

      it('refuses a short subject, an empty body, an unknown category and another account’s service (422)', async () => {
        const { client } = await signedInCustomer(t);
        const { account: other } = await createTestAccount(t.deps);
        const foreignService = await addService(t, other.id);
        const cases = [
          [{ subject: 'ab', body: 'x', category: 'general' }, 'subject'],
          [{ subject: 'Sujet', body: '   ', category: 'general' }, 'body'],
          [{ subject: 'Sujet', body: 'x', category: 'urgent' }, 'category'],
          [{ subject: 'Sujet', body: 'x', category: 'general', serviceId: foreignService }, 'serviceId'],
        ] as const;
        for (const [body, field] of cases) {
          const response = await client.api('POST', '/api/v1/tickets', body);
          assert.equal(response.statusCode, 422, field);
          assert.ok(
            response.json().errors.some((e: { field: string }) => e.field === field),
            field,
          );
        }
        assert.equal((await client.api('GET', '/api/v1/tickets')).json().tickets.length, 0);
      });

      it('answers 401 without a session', async () => {
        const client = createClient(t.app);
        assert.equal((await client.api('GET', '/api/v1/tickets')).statusCode, 401);
        const post = await client.api('POST', '/api/v1/tickets', {
          subject: 'Sujet',
          body: 'x',
          category: 'general',
        });
        assert.equal(post.statusCode, 401);
      });
    });

    describe('GET /api/v1/tickets/{reference} and POST …/messages', () => {
      it('shows the thread, takes a reply, and a reply reopens a closed ticket', async () => {
        const { client } = await signedInCustomer(t);
        const { reference } = (
          await client.api('POST', '/api/v1/tickets', {
            subject: 'Question',
            body: 'Première',
            category: 'billing',
          })
        ).json();
        await t.deps.db
          .updateTable('tickets')
          .set({ status: 'closed' })
          .where('reference', '=', reference)
          .execute();
        const sent = await client.api('POST', `/api/v1/tickets/${reference}/messages`, { body: 'Seconde' });
        assert.equal(sent.statusCode, 201);
        const thread = await client.api('GET', `/api/v1/tickets/${reference.toLowerCase()}`);
        assert.equal(thread.statusCode, 200);
        const json = thread.json();
        assert.equal(json.status, 'open');
        assert.deepEqual(
          json.messages.map((m: { author: string; body: string }) => [m.author, m.body]),
          [
            ['vous', 'Première'],
            ['vous', 'Seconde'],
          ],
        );
        assert.doesNotMatch(thread.body, /staff|verification/i);
        const empty = await client.api('POST', `/api/v1/tickets/${reference}/messages`, { body: '' });
        assert.equal(empty.statusCode, 422);
      });

      it('answers 404 for another account’s ticket, as for an unknown one', async () => {
        const owner = await signedInCustomer(t);
        const { reference } = (
          await owner.client.api('POST', '/api/v1/tickets', {
            subject: 'Privé',
            body: 'Secret',
            category: 'general',
          })
        ).json();
        const intruder = await signedInCustomer(t);
        assert.equal((await intruder.client.api('GET', `/api/v1/tickets/${reference}`)).statusCode, 404);
        const post = await intruder.client.api('POST', `/api/v1/tickets/${reference}/messages`, {
          body: 'Hop',
        });
        assert.equal(post.statusCode, 404);
        assert.equal(
          (await intruder.client.request({ method: 'GET', url: `/support/${reference}` })).statusCode,
          404,
        );
        assert.equal((await intruder.client.api('GET', '/api/v1/tickets/T-0000-0000')).statusCode, 404);
      });
    });

    describe('pages /support', () => {
      it('opens a request from the form, shows it, and takes a reply (303 each time)', async () => {
        const { account, client } = await signedInCustomer(t);
        const serviceId = await addService(t, account.id);
        const csrf = await client.refreshCsrf();
        const form = await client.request({ method: 'GET', url: '/support/new' });
        assert.equal(form.statusCode, 200);
        assert.match(form.body, /suppression d’un site, d’un service ou de données/i);
        assert.match(form.body, new RegExp(serviceId));
        const refused = await client.request({
          method: 'POST',
          url: '/support/new',
          form: { _csrf: csrf, subject: 'ab', category: 'general', serviceId: '', body: 'x' },
        });
        assert.equal(refused.statusCode, 422);
        assert.match(refused.body, /au moins 3/);
        const posted = await client.request({
          method: 'POST',
          url: '/support/new',
          form: {
            _csrf: csrf,
            subject: 'Résilier mon hébergement',
            category: 'sensitive',
            serviceId,
            body: 'Merci',
          },
        });
        assert.equal(posted.statusCode, 303);
        const location = String(posted.headers.location);
        assert.match(location, /^\/support\/T-/);
        const page = await client.request({ method: 'GET', url: location });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Résilier mon hébergement/);
        // The service the request is about, which the customer chose.
        assert.match(
          page.body,
          new RegExp(
            `<dt>Service concerné</dt><dd>site-${serviceId.slice(0, 8)}\\.example <span class="muted">\\(Nom de domaine\\)`,
          ),
        );
        const reference = location.split('/')[2]?.split('?')[0] ?? '';
        const replied = await client.request({
          method: 'POST',
          url: `/support/${reference}`,
          form: { _csrf: csrf, body: 'Un complément' },
        });
        assert.equal(replied.statusCode, 303);
        const list = await client.request({ method: 'GET', url: '/support' });
        assert.match(list.body, new RegExp(reference));
        assert.match(
          (await client.request({ method: 'GET', url: `/support/${reference}` })).body,
          /Un complément/,
        );
      });

      it('sends a visitor without a session to sign in', async () => {
        const response = await createClient(t.app).request({ method: 'GET', url: '/support' });
        assert.ok([302, 303].includes(response.statusCode));
      });
    });
  });
}
