import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { loadDemoAccounts } from '../demo/demo-accounts.ts';
import { noRequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { findAccountIdsByDomain, listServicesByAccount } from './services.repository.ts';
import { addServiceToAccount } from './services.service.ts';

const system = { type: 'system', id: 'test' } as const;

for (const kind of testDatabaseKinds()) {
  describe(`services and domains [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    describe('addServiceToAccount', () => {
      it('stores a domain in its lower-case ASCII form and writes an audit event', async () => {
        const { account } = await createTestAccount(t.deps);
        const service = await addServiceToAccount(
          t.deps,
          account.id,
          { kind: 'domain', name: ' Pâtisserie-Lefèvre.EXAMPLE ' },
          system,
          noRequestMeta,
        );
        assert.equal(service.name, 'xn--ptisserie-lefvre-wmb4j.example');
        const audit = await t.deps.db
          .selectFrom('audit_events')
          .select(['action', 'details', 'actor_type'])
          .where('account_id', '=', account.id)
          .orderBy('seq', 'desc')
          .executeTakeFirstOrThrow();
        assert.equal(audit.action, 'service.created');
        assert.deepEqual(audit.details, { serviceId: service.id, kind: 'domain', name: service.name });
      });

      it('refuses a domain another account already holds, whatever its spelling, with a 409', async () => {
        const first = await createTestAccount(t.deps);
        const second = await createTestAccount(t.deps);
        await addServiceToAccount(
          t.deps,
          first.account.id,
          { kind: 'domain', name: 'velo.example' },
          system,
          noRequestMeta,
        );
        await assert.rejects(
          addServiceToAccount(
            t.deps,
            second.account.id,
            { kind: 'domain', name: 'VELO.example.' },
            system,
            noRequestMeta,
          ),
          (error: unknown) => error instanceof AppError && error.status === 409,
        );
        assert.deepEqual(await listServicesByAccount(t.deps.db, second.account.id), []);
      });

      it('lets hosting plans share a name, and refuses a panel user on a domain', async () => {
        const a = await createTestAccount(t.deps);
        const b = await createTestAccount(t.deps);
        const plan = { kind: 'hosting', name: 'Hébergement Perso', panelUsername: 'Jlefevre' } as const;
        const created = await addServiceToAccount(t.deps, a.account.id, plan, system, noRequestMeta);
        assert.equal(created.panelUsername, 'jlefevre');
        await addServiceToAccount(t.deps, b.account.id, plan, system, noRequestMeta);
        await assert.rejects(
          addServiceToAccount(
            t.deps,
            a.account.id,
            { kind: 'domain', name: 'ok.example', panelUsername: 'web' },
            system,
            noRequestMeta,
          ),
          (error: unknown) => error instanceof AppError && error.status === 422,
        );
      });

      it('answers NOT_FOUND for an unknown or malformed account id', async () => {
        for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
          await assert.rejects(
            addServiceToAccount(t.deps, id, { kind: 'domain', name: 'x.example' }, system, noRequestMeta),
            (error: unknown) => error instanceof AppError && error.code === 'NOT_FOUND',
          );
        }
      });
    });

    describe('findAccountIdsByDomain', () => {
      it('finds the holder from a domain, a URL, a subdomain or an email address', async () => {
        const { account } = await createTestAccount(t.deps);
        await addServiceToAccount(
          t.deps,
          account.id,
          { kind: 'domain', name: 'atelier-bois.example' },
          system,
          noRequestMeta,
        );
        for (const hint of [
          'atelier-bois.example',
          'ATELIER-BOIS.example',
          'https://www.atelier-bois.example/contact',
          'gerant@atelier-bois.example',
        ]) {
          assert.deepEqual(await findAccountIdsByDomain(t.deps.db, hint), [account.id], hint);
        }
        assert.deepEqual(await findAccountIdsByDomain(t.deps.db, 'autre-atelier.example'), []);
        assert.deepEqual(await findAccountIdsByDomain(t.deps.db, 'pas un domaine'), []);
      });
    });

    describe('the customer area', () => {
      it('shows « Mes services » on the fiche, with the panel user meant for a webmaster', async () => {
        const { account } = await createTestAccount(t.deps);
        await addServiceToAccount(
          t.deps,
          account.id,
          { kind: 'hosting', name: 'Hébergement Perso', panelUsername: 'jlefevre-web' },
          system,
          noRequestMeta,
        );
        await addServiceToAccount(
          t.deps,
          account.id,
          { kind: 'domain', name: 'café-jeanne.example' },
          system,
          noRequestMeta,
        );
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const page = await client.request({ method: 'GET', url: '/account' });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<h2 id="services-title">Mes services<\/h2>/);
        assert.match(page.body, /Hébergement Perso/);
        assert.match(page.body, /<code>jlefevre-web<\/code>/);
        assert.match(page.body, /café-jeanne\.example/);
        assert.match(page.body, /xn--caf-jeanne-d7a\.example/);
        assert.match(page.body, /jamais celui de votre espace client/);
      });

      it('says so when the account holds no service yet', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const page = await client.request({ method: 'GET', url: '/account' });
        assert.match(page.body, /Aucun service n’est rattaché/);
      });

      it('lists the services in GET /api/v1/account', async () => {
        const { account } = await createTestAccount(t.deps);
        const domain = await addServiceToAccount(
          t.deps,
          account.id,
          { kind: 'domain', name: 'jeanne.example' },
          system,
          noRequestMeta,
        );
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const body = (await client.api('GET', '/api/v1/account')).json();
        assert.deepEqual(body.services, [
          {
            id: domain.id,
            kind: 'domain',
            name: 'jeanne.example',
            panelUsername: null,
            createdAt: domain.createdAt.toISOString(),
          },
        ]);
      });
    });

    describe('demo', () => {
      it('gives the demo accounts their services, once however often it runs', async () => {
        await loadDemoAccounts(t.deps);
        await loadDemoAccounts(t.deps);
        const [company] = await findAccountIdsByDomain(t.deps.db, 'boulangerie-durand.example');
        assert.ok(company);
        const services = await listServicesByAccount(t.deps.db, company);
        assert.deepEqual(
          services.map((s) => `${s.kind}:${s.name}:${s.panelUsername}`),
          ['hosting:Hébergement Pro:boulangerie-durand', 'domain:boulangerie-durand.example:null'],
        );
        assert.equal((await findAccountIdsByDomain(t.deps.db, 'amis-du-velo.example')).length, 1);
      });
    });
  });
}
