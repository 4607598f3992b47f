import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { DAY } from '../platform/clock.ts';

for (const kind of testDatabaseKinds()) {
  describe(`the fiche [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    async function signedIn() {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      return { account, client };
    }

    describe('GET /api/v1/account', () => {
      it('answers 401 problem+json without a session', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/account' });
        assert.equal(response.statusCode, 401);
        assert.equal(response.json().type, '/problems/unauthenticated');
      });
      it('returns the fiche of the signed-in customer', async () => {
        const { account, client } = await signedIn();
        const body = (await client.api('GET', '/api/v1/account')).json();
        assert.equal(body.email, account.email);
        assert.equal(body.lastName, 'Lefèvre');
        assert.equal('passwordHash' in body || 'password_hash' in body, false);
      });
    });

    describe('PATCH /api/v1/account', () => {
      it('stores the phone in E.164 and the address, and writes an audit event', async () => {
        const { account, client } = await signedIn();
        const response = await client.api('PATCH', '/api/v1/account', {
          phone: '06 11 22 33 44',
          address: { line1: '5 avenue Foch', postalCode: '75116', city: 'Paris' },
        });
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().phone, '+33611223344');
        assert.equal(response.json().address.country, 'FR');
        const audit = await t.deps.db
          .selectFrom('audit_events')
          .select(['action', 'details'])
          .where('account_id', '=', account.id)
          .orderBy('seq', 'desc')
          .executeTakeFirst();
        assert.equal(audit?.action, 'account.updated');
        assert.equal((audit?.details as { fields: string } | undefined)?.fields, 'phone,address');
      });
      it('answers 422 with every field error and changes nothing', async () => {
        const { client } = await signedIn();
        const response = await client.api('PATCH', '/api/v1/account', {
          phone: '12',
          address: { line1: 'x', postalCode: 'ABC', city: '' },
        });
        assert.equal(response.statusCode, 422);
        const fields = (response.json().errors as { field: string; code: string; message: string }[])
          .map((e) => `${e.field}:${e.code}`)
          .sort();
        assert.deepEqual(fields, [
          'address.city:required',
          'address.postalCode:invalid_postal_code',
          'phone:invalid_phone',
        ]);
        assert.match(response.json().errors[0].message, /\S/);
        assert.equal((await client.api('GET', '/api/v1/account')).json().phone, null);
      });
      it('refuses fields the customer may not change (email, names)', async () => {
        const { client } = await signedIn();
        const response = await client.api('PATCH', '/api/v1/account', { email: 'other@example.org' });
        assert.equal(response.statusCode, 422);
      });
    });

    describe('GET /account (page)', () => {
      it('redirects to sign-in and back when signed out', async () => {
        const response = await t.app.inject({ method: 'GET', url: '/account/password' });
        assert.equal(response.statusCode, 303);
        assert.equal(response.headers.location, '/login?next=%2Faccount%2Fpassword');
      });
      it('shows the fiche in French, with a nudge when the phone is stale', async () => {
        const { account, client } = await signedIn();
        await client.api('PATCH', '/api/v1/account', { phone: '0611223344' });
        t.clock.advance(400 * DAY);
        assert.equal((await client.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
        const page = await client.request({ method: 'GET', url: '/account' });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /<html lang="fr"/);
        assert.match(page.body, /Ma fiche client/);
        assert.match(page.body, /n’a pas été confirmé depuis longtemps/);
      });
      it('shows the phone in the national format and the country by its French name', async () => {
        const { client } = await signedIn();
        await client.api('PATCH', '/api/v1/account', {
          phone: '+33698765432',
          address: { line1: '3 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'BE' },
        });
        const page = await client.request({ method: 'GET', url: '/account' });
        assert.match(page.body, /06 98 76 54 32/);
        assert.match(page.body, /3 rue des Lilas, 69003 Lyon, Belgique/);
        assert.doesNotMatch(page.body, /\+33698765432/);
      });
      it('offers the countries by name, the saved one selected, France when none is saved', async () => {
        const { client } = await signedIn();
        const blank = (await client.request({ method: 'GET', url: '/account/edit' })).body;
        assert.match(blank, /<select id="field-address\.country" name="address\.country"/);
        assert.match(blank, /<option value="FR" selected>France<\/option>/);
        assert.match(blank, /<option value="CI">Côte-d’Ivoire<\/option>/);
        // Sorted as a French reader expects: Égypte among the E, not after Z.
        const names = [...blank.matchAll(/<option value="[A-Z]{2}"[^>]*>([^<]+)</g)].map((m) => m[1]);
        assert.ok(names.length >= 249);
        assert.ok(names.indexOf('Égypte') < names.indexOf('Espagne'));
        await client.api('PATCH', '/api/v1/account', {
          address: { line1: '1 place Flagey', postalCode: '1050', city: 'Ixelles', country: 'BE' },
        });
        const saved = (await client.request({ method: 'GET', url: '/account/edit' })).body;
        assert.match(saved, /<option value="BE" selected>Belgique<\/option>/);
        assert.doesNotMatch(saved, /<option value="FR" selected>/);
      });
      it('refuses a country that is not an ISO 3166 code', async () => {
        const { client } = await signedIn();
        const response = await client.api('PATCH', '/api/v1/account', {
          address: { line1: '3 rue des Lilas', postalCode: '69003', city: 'Lyon', country: 'XX' },
        });
        assert.equal(response.statusCode, 422);
      });
      it('speaks English when the browser asks for it', async () => {
        const page = await t.app.inject({
          method: 'GET',
          url: '/login',
          headers: { 'accept-language': 'en-GB,en;q=0.9' },
        });
        assert.match(page.body, /<html lang="en"/);
        assert.match(page.body, /Sign in to your customer area/);
      });
      it('sends a strict CSP, nosniff and no framing', async () => {
        const page = await t.app.inject({ method: 'GET', url: '/login' });
        const csp = String(page.headers['content-security-policy']);
        assert.match(csp, /script-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.equal(page.headers['x-content-type-options'], 'nosniff');
        assert.ok(page.headers['referrer-policy']);
      });
    });
  });
}
