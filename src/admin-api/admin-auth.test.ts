import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { createApiToken, revokeApiToken } from './api-tokens.service.ts';

const cli = { type: 'system', id: 'cli' } as const;
const newAccount = {
  type: 'individual',
  email: 'nouveau.client@example.org',
  firstName: 'Nina',
  lastName: 'Roux',
};

for (const kind of testDatabaseKinds()) {
  describe(`admin API authentication [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    function post(headers: Record<string, string>, payload: object = newAccount) {
      return t.app.inject({ method: 'POST', url: '/api/v1/admin/accounts', headers, payload });
    }

    it('answers 401 problem+json with a bare Bearer challenge when no token comes', async () => {
      for (const headers of [{}, { authorization: 'Basic YWRtaW46YWRtaW4=' }] as Record<string, string>[]) {
        const response = await post(headers);
        assert.equal(response.statusCode, 401);
        assert.equal(response.headers['www-authenticate'], 'Bearer realm="sesame-admin"');
        assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
        assert.equal(response.json().type, '/problems/unauthenticated');
      }
    });

    it('answers 401 invalid_token for a garbled, unknown or overlong token', async () => {
      const { apiToken } = await createApiToken(t.deps, 'billing', cli);
      for (const value of [
        'Bearer ',
        'Bearer garbage',
        `Bearer ses_${apiToken.id}_${'x'.repeat(43)}`,
        `Bearer ${'a'.repeat(5000)}`,
      ]) {
        const response = await post({ authorization: value });
        assert.equal(response.statusCode, 401, value.slice(0, 40));
        assert.match(String(response.headers['www-authenticate']), /^Bearer realm="sesame-admin"/);
      }
      const garbled = await post({ authorization: 'Bearer garbage' });
      assert.equal(garbled.headers['www-authenticate'], 'Bearer realm="sesame-admin", error="invalid_token"');
    });

    it('refuses a revoked token with 401', async () => {
      const { apiToken, token } = await createApiToken(t.deps, 'soon-revoked', cli);
      const before = await post(
        { authorization: `Bearer ${token}` },
        { ...newAccount, email: 'avant.revocation@example.org' },
      );
      assert.equal(before.statusCode, 201);
      await revokeApiToken(t.deps, apiToken.id, cli);
      const afterRevocation = await post(
        { authorization: `Bearer ${token}` },
        { ...newAccount, email: 'apres.revocation@example.org' },
      );
      assert.equal(afterRevocation.statusCode, 401);
      assert.match(String(afterRevocation.headers['www-authenticate']), /invalid_token/);
    });

    it('needs no CSRF token with a bearer token, even when a session cookie rides along', async () => {
      const { token } = await createApiToken(t.deps, 'no-csrf', cli);
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.request({
        method: 'POST',
        url: '/api/v1/admin/accounts',
        headers: { authorization: `Bearer ${token}` },
        payload: { ...newAccount, email: 'sans.csrf@example.org' },
      });
      assert.equal(response.statusCode, 201, response.body);
    });

    it('answers 401 to a signed-in customer’s cookie, CSRF token or not', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const withCsrf = await client.api('POST', '/api/v1/admin/accounts', {
        ...newAccount,
        email: 'par.cookie@example.org',
      });
      assert.equal(withCsrf.statusCode, 401);
      const withoutCsrf = await client.request({
        method: 'POST',
        url: `/api/v1/admin/accounts/${account.id}/services`,
        payload: { kind: 'domain', name: 'cookie.example' },
      });
      assert.equal(withoutCsrf.statusCode, 401);
      assert.equal(withoutCsrf.headers['www-authenticate'], 'Bearer realm="sesame-admin"');
    });

    it('is documented in the OpenAPI document with the bearerAuth scheme', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
        type: 'http',
        scheme: 'bearer',
        description: 'Admin API token (`ses_…`) from `sesame token create`',
      });
      for (const path of ['/api/v1/admin/accounts', '/api/v1/admin/accounts/{id}/services']) {
        const operation = doc.paths[path]?.post;
        assert.ok(operation, path);
        assert.deepEqual(operation.tags, ['admin']);
        assert.deepEqual(operation.security, [{ bearerAuth: [] }]);
        assert.ok(operation.requestBody, `${path} documents its body`);
      }
    });
  });
}
