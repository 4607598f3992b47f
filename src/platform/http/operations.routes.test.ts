import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { pino } from 'pino';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { buildApp } from '../../app.ts';
import { createDatabase, migrateToLatest } from '../db/database.ts';
import { loggerOptions } from './logger.ts';

for (const kind of testDatabaseKinds()) {
  describe(`operations [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('GET /healthz and GET /readyz answer when the database is migrated', async () => {
      assert.equal((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().status, 'ready');
    });

    it('GET /metrics counts requests by route pattern and sign-in outcomes', async () => {
      const { account } = await createTestAccount(t.deps);
      await createClient(t.app).signIn(account.email, 'Wrong-Password-123');
      await createClient(t.app).signIn(account.email, STRONG_PASSWORD);
      const metrics = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
      assert.match(metrics, /sesame_signin_total\{realm="customer",outcome="success"\} [1-9]/);
      assert.match(metrics, /sesame_signin_total\{realm="customer",outcome="invalid_credentials"\} [1-9]/);
      assert.match(
        metrics,
        /sesame_http_request_duration_seconds_bucket\{le="[^"]+",method="POST",route="\/api\/v1\/auth\/login"\}/,
      );
    });

    it('serves the OpenAPI document with the customer routes and the docs page', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
      for (const route of [
        '/api/v1/auth/login',
        '/api/v1/auth/logout',
        '/api/v1/account',
        '/api/v1/account/password',
        '/api/v1/account/sessions',
        '/api/v1/account/sessions/{id}',
        '/api/v1/account/sessions/revoke-others',
        '/api/v1/account/email',
        '/api/v1/tickets/{reference}/close',
        '/api/v1/tickets/{reference}/attachments',
      ]) {
        assert.ok(doc.paths[route], `${route} documented`);
      }
      assert.equal(doc.paths['/login'], undefined, 'pages are not part of the API');
      // Every $ref points at a schema the document defines (named schemas such as Problem).
      const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
        (m) => m[1],
      );
      assert.ok(refs.includes('Problem'));
      for (const name of new Set(refs))
        assert.ok(doc.components.schemas?.[name as string], `${name} defined`);
      assert.equal((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode, 200);
    });

    it('caps the password policy check at 60 a minute per IP with 429 and Retry-After', async () => {
      const client = createClient(t.app, 'test', '192.0.2.77');
      let last = await client.request({
        method: 'POST',
        url: '/api/v1/password/policy-check',
        payload: { password: 'x' },
      });
      for (let i = 0; i < 60; i++)
        last = await client.request({
          method: 'POST',
          url: '/api/v1/password/policy-check',
          payload: { password: `x${i}` },
        });
      assert.equal(last.statusCode, 429);
      assert.equal(last.json().code, 'too-many-requests');
      assert.ok(Number(last.headers['retry-after']) >= 1);
    });
  });
}

describe('GET /readyz', () => {
  it('answers 503 while migrations are pending, 200 once they are applied, 503 once the database is gone', async () => {
    const t = await buildTestApp('pglite');
    const db = createDatabase({ pgliteDir: 'memory://' });
    const app = await buildApp({ ...t.deps, db });
    try {
      await sql`SELECT 1`.execute(db); // PGlite's start-up is not what this test is about
      const pending = await app.inject({ method: 'GET', url: '/readyz' });
      assert.deepEqual([pending.statusCode, pending.json().status], [503, 'migrations_pending']);
      await migrateToLatest(db);
      const ready = await app.inject({ method: 'GET', url: '/readyz' });
      assert.deepEqual([ready.statusCode, ready.json().status], [200, 'ready']);
      await db.destroy();
      const gone = await app.inject({ method: 'GET', url: '/readyz' });
      assert.deepEqual([gone.statusCode, gone.json().status], [503, 'database_unreachable']);
    } finally {
      await app.close();
      await t.close();
    }
  });
});

describe('logs', () => {
  it('never contain a password, a cookie or a query-string token', async () => {
    const t = await buildTestApp('pglite');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ ...t.deps, log: pino(loggerOptions('trace') as object, sink) });
    const { account } = await createTestAccount(t.deps);
    const client = createClient(app);
    await client.signIn(account.email, STRONG_PASSWORD);
    await client.request({ method: 'GET', url: '/password/reset?token=SECRET-TOKEN-IN-URL' });
    await client.api('POST', '/api/v1/account/password', {
      currentPassword: STRONG_PASSWORD,
      newPassword: 'Another-Secret-Passw0rd!',
    });
    await app.close();
    await t.close();
    const log = lines.join('');
    assert.ok(log.includes('/api/v1/auth/login'), 'requests are logged');
    for (const secret of [
      STRONG_PASSWORD,
      'SECRET-TOKEN-IN-URL',
      'Another-Secret-Passw0rd!',
      client.jar.sesame_session ?? 'no-cookie',
    ]) {
      assert.equal(log.includes(secret), false, `${secret.slice(0, 6)}… must not be logged`);
    }
  });
});
