import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { RouteOptions } from 'fastify';
import { createApiToken } from '../../src/admin-api/api-tokens.service.ts';
import { isStaffPath } from '../../src/staff/core/staff-session.plugin.ts';
import { testDatabaseKinds } from '../support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../support/factories.ts';
import { openCase } from '../support/recovery-claimant.ts';
import { signedInStaff } from '../support/staff.ts';
import { buildTestApp, cookieHeader, createClient, type TestApp } from '../support/test-app.ts';

/**
 * Every JSON and form route of the route table, a handful of hostile strings each: NUL, a lone
 * surrogate, overlong UTF-8, long strings and a 1 MB one. Nothing may answer 5xx.
 * Field names come from the routes' own schemas, so the strings land where the handlers read.
 */

type Route = { method: string; url: string; fields: Set<string> };
type Payload = { name: string; value: string } | { name: string; raw: 'overlong' };

const payloads: Payload[] = [
  { name: 'NUL', value: 'a\u0000b' },
  { name: 'lone surrogate', value: 'x\uD800y' },
  { name: 'overlong UTF-8', raw: 'overlong' },
  { name: 'long strings', value: 'x'.repeat(8_000) },
];

/** The keys of a zod object schema, nested objects as `a.b` (a body schema is zod here). */
function schemaFields(schema: unknown, prefix = ''): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  if (!shape || typeof shape !== 'object') return [];
  return Object.entries(shape).flatMap(([key, child]) => {
    const nested = schemaFields(child, `${prefix}${key}.`);
    return nested.length ? nested : [`${prefix}${key}`];
  });
}

function bodyOf(fields: Iterable<string>, value: string): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const parts = field.split('.');
    let target = body;
    for (const part of parts.slice(0, -1)) {
      target[part] ??= {};
      target = target[part] as Record<string, unknown>;
    }
    target[parts.at(-1) as string] = value;
  }
  return body;
}

// Replaced by C0 AF, an overlong encoding of '/': never valid UTF-8.
const OVERLONG_MARK = 'OVERLONG';

function encode(route: Route, payload: Payload, json: boolean): Buffer {
  const value = 'value' in payload ? payload.value : OVERLONG_MARK;
  const fields = route.fields.size ? route.fields : new Set(['email', 'body', 'subject', 'name', 'q']);
  const body = bodyOf(fields, value);
  const text = json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString();
  if ('value' in payload) return Buffer.from(text, 'utf8');
  // The text is ASCII apart from the marks: latin1 writes C0 AF as those two bytes.
  if (!json) return Buffer.from(text.replaceAll(OVERLONG_MARK, '%C0%AF'), 'latin1');
  return Buffer.from(text.replaceAll(OVERLONG_MARK, '\u00c0\u00af'), 'latin1');
}

for (const kind of testDatabaseKinds()) {
  describe(`hostile input on every route [${kind}]`, () => {
    let t: TestApp;
    const routes: Route[] = [];
    let ids: { ticket: string; case: string; account: string };
    let auth: {
      customer: string;
      customerCsrf: string;
      staff: string;
      staffCsrf: string;
      bearer: string;
      caseToken: string;
    };
    before(async () => {
      t = await buildTestApp(
        kind,
        {},
        {
          onRoute: (route: RouteOptions) => {
            const methods = [route.method].flat().filter((m) => m !== 'HEAD');
            const body = (route.schema as { body?: unknown } | undefined)?.body;
            for (const method of methods)
              routes.push({ method, url: route.url, fields: new Set(schemaFields(body)) });
          },
        },
      );
      const { account } = await createTestAccount(t.deps);
      const customer = createClient(t.app);
      await customer.signIn(account.email, STRONG_PASSWORD);
      const customerCsrf = await customer.refreshCsrf();
      const { client: staffClient } = await signedInStaff(t.app, t.deps, 'admin');
      const staffCsrf = (await staffClient.request({ method: 'GET', url: '/api/v1/staff/csrf' })).json()
        .token;
      const ticket = await customer.api('POST', '/api/v1/tickets', {
        subject: 'Sujet',
        body: 'Bonjour',
        category: 'general',
      });
      const recoveryCase = await openCase(t);
      const { token } = await createApiToken(t.deps, 'fuzz', { type: 'system', id: null });
      ids = { ticket: ticket.json().reference, case: recoveryCase.reference, account: account.id };
      auth = {
        customer: cookieHeader(customer.jar),
        customerCsrf,
        staff: cookieHeader(staffClient.jar),
        staffCsrf,
        bearer: token,
        caseToken: recoveryCase.caseToken,
      };
    });
    after(() => t.close());

    function pathOf(url: string): string {
      return url.replace(/:(\w+)/g, (_, name: string) => {
        if (name === 'reference') return url.includes('recovery') ? ids.case : ids.ticket;
        if (name === 'id' && url.includes('/admin/accounts')) return ids.account;
        return randomUUID();
      });
    }

    function headersFor(url: string, json: boolean): Record<string, string> {
      const headers: Record<string, string> = {
        'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded',
      };
      if (url.startsWith('/api/v1/admin')) return { ...headers, authorization: `Bearer ${auth.bearer}` };
      if (url.startsWith('/api/v1/recovery/cases/'))
        return { ...headers, authorization: `Bearer ${auth.caseToken}` };
      const staff = isStaffPath(url);
      return {
        ...headers,
        cookie: `${staff ? auth.staff : auth.customer}; sesame_recovery=${auth.caseToken}`,
        'x-csrf-token': staff ? auth.staffCsrf : auth.customerCsrf,
      };
    }

    it('names the field in its 422 when a NUL comes in', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: headersFor('/api/v1/tickets', true),
        payload: { subject: 'Sujet\u0000', body: 'Bonjour', category: 'general' },
      });
      assert.equal(response.statusCode, 422);
      assert.deepEqual(
        response.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [['subject', 'invalid_characters']],
      );
    });
    it('answers no 5xx to hostile query strings and path parameters', async () => {
      const failures: string[] = [];
      const hostile = ['%00', '%ED%A0%80', 'x'.repeat(4000)];
      for (const route of routes.filter((r) => r.method === 'GET' && !r.url.includes('*'))) {
        for (const value of hostile) {
          const withParams = route.url.replace(/:(\w+)/g, () => value);
          const query = ['q', 'status', 'next', 'email', 'token', 'page', 'type', 'notice']
            .map((k) => `${k}=${value}`)
            .join('&');
          for (const url of [`${pathOf(route.url)}?${query}`, withParams]) {
            const response = await t.app.inject({ method: 'GET', url, headers: headersFor(url, true) });
            if (response.statusCode >= 500) failures.push(`GET ${url.slice(0, 120)}: ${response.statusCode}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });

    it('answers no 5xx to hostile bodies on any JSON or form route', async () => {
      // Sign-outs last, so that the sessions live through every other route.
      const writes = routes
        .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !r.url.includes('*'))
        .sort((a, b) => Number(a.url.includes('logout')) - Number(b.url.includes('logout')));
      assert.ok(writes.length > 40, `the route table has ${writes.length} write routes`);
      const failures: string[] = [];
      for (const route of writes) {
        const url = pathOf(route.url);
        for (const payload of payloads) {
          for (const json of [true, false]) {
            const response = await t.app.inject({
              method: route.method as 'POST',
              url,
              headers: headersFor(url, json),
              payload: encode(route, payload, json),
            });
            if (response.statusCode >= 500)
              failures.push(
                `${route.method} ${route.url} ${payload.name} ${json ? 'json' : 'form'}: ${response.statusCode}`,
              );
          }
        }
        const huge = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: headersFor(url, true),
          payload: JSON.stringify({ body: 'x'.repeat(1_000_000), email: 'x'.repeat(1_000_000) }),
        });
        if (huge.statusCode >= 500) failures.push(`${route.method} ${route.url} 1 MB: ${huge.statusCode}`);
      }
      assert.deepEqual(failures, []);
    });
  });
}
