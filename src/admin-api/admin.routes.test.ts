import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createApiToken } from './api-tokens.service.ts';

type FieldErrors = { field: string; code: string; message: string }[];

for (const kind of testDatabaseKinds()) {
  describe(`admin API routes [${kind}]`, () => {
    let t: TestApp;
    let token: string;
    let tokenId: string;
    before(async () => {
      t = await buildTestApp(kind);
      const created = await createApiToken(t.deps, 'billing', { type: 'system', id: 'test' });
      token = created.token;
      tokenId = created.apiToken.id;
    });
    after(() => t.close());

    function post(url: string, payload: unknown) {
      return t.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    }

    async function lastAuditEvent(accountId: string) {
      return t.deps.db
        .selectFrom('audit_events')
        .select(['action', 'actor_type', 'actor_id', 'details'])
        .where('account_id', '=', accountId)
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
    }

    describe('POST /api/v1/admin/accounts', () => {
      it('creates the account like `sesame account create` (201) and audits it as the API token', async () => {
        const response = await post('/api/v1/admin/accounts', {
          type: 'company',
          email: 'Gerance@Garage-Moreau.example',
          legalName: 'Garage Moreau SAS',
          siren: '732 829 320',
          firstName: 'Luc',
          lastName: 'Moreau',
          phone: '04 72 00 00 00',
        });
        assert.equal(response.statusCode, 201, response.body);
        const body = response.json();
        assert.match(body.id, /^[0-9a-f-]{36}$/);
        assert.match(body.clientNumber, /^SE\d+$/);
        assert.equal(body.email, 'Gerance@garage-moreau.example');
        assert.equal(body.siren, '732829320');
        assert.equal(body.phone, '+33472000000');
        const event = await lastAuditEvent(body.id);
        assert.deepEqual(
          [event.action, event.actor_type, event.actor_id],
          ['account.created', 'api', tokenId],
        );
      });

      it('answers 409 email-taken for an address already on a fiche, whatever its case', async () => {
        const { account } = await createTestAccount(t.deps);
        const response = await post('/api/v1/admin/accounts', {
          type: 'individual',
          email: account.email.toUpperCase(),
          firstName: 'A',
          lastName: 'B',
        });
        assert.equal(response.statusCode, 409);
        assert.equal(response.json().type, '/problems/email-taken');
      });

      it('answers 422 with field errors, and creates nothing', async () => {
        const response = await post('/api/v1/admin/accounts', {
          type: 'company',
          email: 'pas-une-adresse',
          siren: '123456789',
          password: 'court',
        });
        assert.equal(response.statusCode, 422);
        const fields = (response.json().errors as FieldErrors).map((e) => `${e.field}:${e.code}`).sort();
        // Every problem at once: bad fields and the company's missing holder fields.
        assert.deepEqual(fields, [
          'email:invalid_email',
          'firstName:required',
          'lastName:required',
          'legalName:required',
          'siren:invalid_siren',
        ]);
        const missing = await post('/api/v1/admin/accounts', { type: 'company', email: 'ok@example.org' });
        assert.deepEqual((missing.json().errors as FieldErrors).map((e) => `${e.field}:${e.code}`).sort(), [
          'firstName:required',
          'lastName:required',
          'legalName:required',
          'siren:required',
        ]);
        const notJson = await post('/api/v1/admin/accounts', 'just a string');
        assert.equal(notJson.statusCode, 422);
        const count = await t.deps.db
          .selectFrom('accounts')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('email_normalized', 'in', ['pas-une-adresse', 'ok@example.org'])
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 0);
      });
    });

    describe('POST /api/v1/admin/accounts/{id}/services', () => {
      it('attaches a hosting plan (201) and audits it as the API token', async () => {
        const { account } = await createTestAccount(t.deps);
        const response = await post(`/api/v1/admin/accounts/${account.id}/services`, {
          kind: 'hosting',
          name: 'Hébergement Pro',
          panelUsername: 'Lefevre-Web',
        });
        assert.equal(response.statusCode, 201, response.body);
        const service = response.json();
        assert.deepEqual(
          { kind: service.kind, name: service.name, panelUsername: service.panelUsername },
          { kind: 'hosting', name: 'Hébergement Pro', panelUsername: 'lefevre-web' },
        );
        const event = await lastAuditEvent(account.id);
        assert.deepEqual(
          [event.action, event.actor_type, event.actor_id],
          ['service.created', 'api', tokenId],
        );
        assert.equal((event.details as { serviceId: string }).serviceId, service.id);
      });

      it('normalizes a domain (201), then refuses it for any account with 409', async () => {
        const first = await createTestAccount(t.deps);
        const second = await createTestAccount(t.deps);
        const created = await post(`/api/v1/admin/accounts/${first.account.id}/services`, {
          kind: 'domain',
          name: 'Crêperie-Bretonne.EXAMPLE.',
        });
        assert.equal(created.statusCode, 201, created.body);
        assert.equal(created.json().name, 'xn--crperie-bretonne-tqb.example');
        for (const accountId of [first.account.id, second.account.id]) {
          const again = await post(`/api/v1/admin/accounts/${accountId}/services`, {
            kind: 'domain',
            name: 'xn--crperie-bretonne-tqb.example',
          });
          assert.equal(again.statusCode, 409);
          assert.deepEqual(
            (again.json().errors as FieldErrors).map((e) => `${e.field}:${e.code}`),
            ['name:domain_taken'],
          );
        }
      });

      it('answers 404 for an unknown or malformed account id', async () => {
        for (const id of ['9b2f4a1e-0000-4000-8000-000000000000', 'SE100001']) {
          const response = await post(`/api/v1/admin/accounts/${id}/services`, {
            kind: 'domain',
            name: 'a.example',
          });
          assert.equal(response.statusCode, 404, id);
          assert.equal(response.json().type, '/problems/not-found');
        }
      });

      it('answers 422 with field errors for a bad kind, domain or panel user', async () => {
        const { account } = await createTestAccount(t.deps);
        const url = `/api/v1/admin/accounts/${account.id}/services`;
        const cases: [unknown, string[]][] = [
          [{ kind: 'vps', name: 'x' }, ['kind:invalid']],
          [{ kind: 'domain', name: 'https://exemple.fr/' }, ['name:invalid_domain']],
          [
            { kind: 'domain', name: 'ok.example', panelUsername: 'web' },
            ['panelUsername:panel_username_hosting_only'],
          ],
          [
            { kind: 'hosting', name: 'Perso', panelUsername: 'a b' },
            ['panelUsername:invalid_panel_username'],
          ],
          [{ kind: 'hosting' }, ['name:required']],
        ];
        for (const [payload, expected] of cases) {
          const response = await post(url, payload);
          assert.equal(response.statusCode, 422, JSON.stringify(payload));
          const fields = (response.json().errors as FieldErrors).map((e) => `${e.field}:${e.code}`);
          assert.deepEqual(fields, expected, JSON.stringify(payload));
          assert.ok(
            (response.json().errors as FieldErrors).every((e) => !e.message.startsWith('fieldError.')),
          );
        }
      });
    });
  });
}
