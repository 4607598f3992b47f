import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { loadConfig } from '../../config.ts';
import { isAddressInList } from '../net/client-address.ts';

// Access rules only, no database work: PGlite alone is enough.
describe('/metrics and /api/docs behind OPERATIONS_ALLOWED_CLIENTS', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp('pglite', { OPERATIONS_ALLOWED_CLIENTS: '10.0.0.0/8, ::1' });
  });
  after(() => t.close());

  it('serves them to an allowed address', async () => {
    for (const url of ['/metrics', '/api/docs/']) {
      const response = await t.app.inject({ method: 'GET', url, remoteAddress: '10.1.2.3' });
      assert.equal(response.statusCode, 200, url);
    }
  });

  it('answers 404 to any other address, and keeps /api/openapi.json and /healthz public', async () => {
    for (const url of ['/metrics', '/api/docs', '/api/docs/', '/api/docs/static/index.html']) {
      const response = await t.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.5' });
      assert.equal(response.statusCode, 404, url);
      assert.doesNotMatch(response.body, /sesame_http_requests_total|swagger/i);
    }
    for (const url of ['/api/openapi.json', '/healthz']) {
      const response = await t.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.5' });
      assert.equal(response.statusCode, 200, url);
    }
  });

  it('is the loopback only by default in production', () => {
    const allowed = loadConfig({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://relay.example:587',
    }).operationsAllowedClients;
    assert.ok(allowed);
    assert.equal(isAddressInList('127.0.0.1', allowed), true);
    assert.equal(isAddressInList('::1', allowed), true);
    assert.equal(isAddressInList('192.0.2.10', allowed), false);
    assert.equal(loadConfig({}).operationsAllowedClients, null, 'anyone outside production');
  });
});
