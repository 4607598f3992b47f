import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCliSandbox } from '../../test/support/cli.ts';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';
import { createApiToken } from '../admin-api/api-tokens.service.ts';
import { buildApp } from '../app.ts';
import { createOidcProviderHolder } from './oidc-provider.ts';
import { loadSigningKeys, rotateSigningKeys } from './signing-keys.ts';

for (const kind of testDatabaseKinds()) {
  describe(`OpenID Connect clients and signing keys, on ${kind}`, () => {
    let t: TestApp;
    let bearer: string;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
      bearer = `Bearer ${(await createApiToken(t.deps, 'provisioning', { type: 'system', id: 'test' })).token}`;
    });
    after(() => t.close());

    const admin = (method: 'GET' | 'POST', url: string, payload?: object, authorization = bearer) =>
      t.app.inject({ method, url: `/api/v1/admin/oidc${url}`, headers: { authorization }, payload });

    test('the admin API registers, lists and disables clients; the secret is shown once and kept sealed', async () => {
      const created = await admin('POST', '/clients', {
        name: 'Facturation',
        redirectUris: ['https://facturation.example.fr/oidc/callback'],
        backchannelLogoutUri: 'https://facturation.example.fr/oidc/logout',
      });
      assert.equal(created.statusCode, 201);
      const { clientId, clientSecret, client } = created.json();
      assert.match(clientId, /^sesame-[A-Za-z0-9_-]{16}$/);
      assert.ok(clientSecret.length >= 43);
      assert.equal(client.tokenEndpointAuthMethod, 'client_secret_basic');
      const row = await t.deps.db
        .selectFrom('oidc_clients')
        .selectAll()
        .where('client_id', '=', clientId)
        .executeTakeFirstOrThrow();
      assert.ok(row.sealed_secret?.startsWith('v1.'));
      assert.ok(!JSON.stringify(row).includes(clientSecret), 'the secret is never stored in clear');

      const listed = await admin('GET', '/clients');
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.json().clients.some((c: { clientId: string }) => c.clientId === clientId));
      assert.ok(!listed.body.includes(clientSecret), 'never listed');

      const disabled = await admin('POST', `/clients/${clientId}/disable`);
      assert.equal(disabled.statusCode, 200);
      assert.ok(disabled.json().disabledAt);
      assert.equal((await admin('POST', '/clients/sesame-unknown/disable')).statusCode, 404);
      const audit = await t.deps.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'in', ['sso.client_created', 'sso.client_disabled'])
        .execute();
      assert.deepEqual(audit.map((e) => e.action).sort(), ['sso.client_created', 'sso.client_disabled']);
    });

    test('bad registrations are refused field by field, and nothing is stored', async () => {
      const before = await t.deps.db.selectFrom('oidc_clients').select('client_id').execute();
      const refused = await admin('POST', '/clients', {
        name: ' ',
        redirectUris: ['not a url', 'https://panel.example.fr/cb#frag', 'http://panel.example.fr/cb'],
        public: true,
        jwksUri: 'https://panel.example.fr/jwks',
      });
      assert.equal(refused.statusCode, 422);
      const codes = refused.json().errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`);
      assert.deepEqual(codes, [
        'name:required',
        'redirectUris:invalid_url',
        'redirectUris:fragment_not_allowed',
        'public:conflict',
      ]);
      assert.equal(
        (await t.deps.db.selectFrom('oidc_clients').select('client_id').execute()).length,
        before.length,
      );
      assert.equal((await admin('GET', '/clients', undefined, 'Bearer ses_nope')).statusCode, 401);
    });

    test('keys: first start under concurrency makes one key; a rotation publishes the new one first and keeps the old', async () => {
      // Four instances starting at once on an empty key table agree on a single key.
      await t.deps.db.deleteFrom('oidc_signing_keys').execute();
      const started = await Promise.all(
        Array.from({ length: 4 }, () => loadSigningKeys(t.deps.db, t.deps.masterKey, new Date())),
      );
      const kids = new Set(started.map((keys) => keys.map((key) => key.kid).join()));
      assert.equal(kids.size, 1);
      assert.equal((await t.deps.db.selectFrom('oidc_signing_keys').select('kid').execute()).length, 1);
      const [first] = started[0] ?? [];
      assert.ok(first?.d, 'a private key, opened with the master key');
      const sealed = await t.deps.db
        .selectFrom('oidc_signing_keys')
        .select('sealed_jwk')
        .executeTakeFirstOrThrow();
      assert.ok(!sealed.sealed_jwk.includes(String(first.d)), 'sealed at rest');

      const app = await buildApp(t.deps, { oidcProviders: createOidcProviderHolder(t.deps, 0) });
      try {
        const jwks = async () =>
          (await app.inject({ method: 'GET', url: '/oidc/jwks' })).json().keys as {
            kid: string;
            d?: string;
          }[];
        assert.deepEqual(
          (await jwks()).map((key) => key.kid),
          [first.kid],
        );
        assert.ok(
          (await jwks()).every((key) => key.d === undefined),
          'only public keys are published',
        );
        const { kid, retired } = await rotateSigningKeys(t.deps, { type: 'system', id: 'test' });
        assert.deepEqual(retired, [first.kid]);
        assert.deepEqual(
          (await jwks()).map((key) => key.kid),
          [kid, first.kid],
          'the new key signs, the old still verifies',
        );
      } finally {
        await app.close();
      }
    });
  });
}

describe('sesame oidc … on the command line', () => {
  const cli = createCliSandbox('oidc');
  after(() => cli.remove());

  test('client create prints {clientId, clientSecret} once; list and disable; keys rotate', () => {
    const created = cli.run(
      'oidc',
      'client',
      'create',
      '--name',
      'Webmail',
      '--redirect-uri',
      'https://webmail.example.fr/oidc/callback',
      '--redirect-uri',
      'https://webmail.example.fr/oidc/callback2',
      '--first-party',
    );
    assert.equal(created.code, 0, created.stderr);
    const { clientId, clientSecret } = JSON.parse(created.stdout);
    assert.ok(clientId && clientSecret);
    assert.match(created.stderr, /cannot be shown again/);

    const listed = cli.run('oidc', 'client', 'list');
    assert.equal(listed.code, 0);
    assert.match(listed.stdout, new RegExp(`${clientId}\\s+Webmail`));
    assert.match(listed.stdout, /first-party\s+active/);
    assert.ok(!listed.stdout.includes(clientSecret));

    // Each run starts a process (seconds): refusals and the disabled state are tested on the API above.
    const disabled = cli.run('oidc', 'client', 'disable', '--id', clientId);
    assert.equal(disabled.code, 0, disabled.stderr);
    assert.match(disabled.stdout, /disabled/);

    const rotated = cli.run('oidc', 'keys', 'rotate');
    assert.equal(rotated.code, 0, rotated.stderr);
    assert.ok(JSON.parse(rotated.stdout).kid);
  });
});
