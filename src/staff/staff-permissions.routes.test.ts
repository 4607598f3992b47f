import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { can, staffPermissions } from './core/permissions.ts';
import type { StaffRole } from './core/staff.ts';

const roles: StaffRole[] = ['agent', 'supervisor', 'admin'];

describe('staff permission policy', () => {
  it('orders the roles: whatever an agent may do, a supervisor may, and whatever a supervisor may, an admin may', () => {
    for (const action of Object.keys(staffPermissions) as (keyof typeof staffPermissions)[]) {
      if (can('agent', action)) assert.ok(can('supervisor', action), action);
      if (can('supervisor', action)) assert.ok(can('admin', action), action);
    }
  });
  it('keeps the audit log from agents and staff management for admins', () => {
    assert.deepEqual(
      roles.map((r) => [
        can(r, 'audit.view'),
        can(r, 'audit.export'),
        can(r, 'staff.manage'),
        can(r, 'staff.reenrol_totp'),
      ]),
      [
        [false, false, false, false],
        [true, true, false, false],
        [true, true, true, true],
      ],
    );
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`staff routes per role [${kind}]`, () => {
    let t: TestApp;
    let accountId: string;
    let clients: Record<StaffRole, Awaited<ReturnType<typeof signedInStaff>>['client']>;
    before(async () => {
      t = await buildTestApp(kind);
      accountId = (await createTestAccount(t.deps)).account.id;
      clients = {
        agent: (await signedInStaff(t.app, t.deps, 'agent')).client,
        supervisor: (await signedInStaff(t.app, t.deps, 'supervisor')).client,
        admin: (await signedInStaff(t.app, t.deps, 'admin')).client,
      };
    });
    after(() => t.close());

    // Each row: a request and the status each role gets (agent, supervisor, admin).
    const table: { name: string; request: () => [string, string]; expected: [number, number, number] }[] = [
      {
        name: 'search accounts',
        request: () => ['GET', '/api/v1/staff/accounts?q=Lef'],
        expected: [200, 200, 200],
      },
      {
        name: 'view an account',
        request: () => ['GET', `/api/v1/staff/accounts/${accountId}`],
        expected: [200, 200, 200],
      },
      {
        name: 'send a reset link',
        request: () => ['POST', `/api/v1/staff/accounts/${accountId}/send-reset`],
        expected: [202, 202, 202],
      },
      {
        name: 'read the audit log',
        request: () => ['GET', '/api/v1/staff/audit/events'],
        expected: [403, 200, 200],
      },
      {
        name: 'export the audit log',
        request: () => ['GET', '/api/v1/staff/audit/events.csv'],
        expected: [403, 200, 200],
      },
      { name: 'list the team', request: () => ['GET', '/api/v1/staff/team'], expected: [403, 403, 200] },
      { name: 'audit page', request: () => ['GET', '/staff/audit'], expected: [403, 200, 200] },
      { name: 'team page', request: () => ['GET', '/staff/team'], expected: [403, 403, 200] },
    ];
    for (const row of table) {
      it(`${row.name}: ${roles.map((r, i) => `${r} ${row.expected[i]}`).join(', ')}`, async () => {
        const [method, url] = row.request();
        const statuses = [];
        for (const role of roles) statuses.push((await clients[role].staffApi(method, url)).statusCode);
        assert.deepEqual(statuses, row.expected);
      });
    }

    it('every team action, page and API: agent and supervisor get 403', async () => {
      const target = (await signedInStaff(t.app, t.deps, 'agent')).staff.user.id;
      const actions: [string, string, unknown?][] = [
        ['GET', '/api/v1/staff/team'],
        ['POST', '/api/v1/staff/team', { name: 'Refusé', email: 'refused@support.example', role: 'agent' }],
        ['POST', `/api/v1/staff/team/${target}/role`, { role: 'admin' }],
        ['POST', `/api/v1/staff/team/${target}/disable`],
        ['POST', `/api/v1/staff/team/${target}/enable`],
        ['POST', `/api/v1/staff/team/${target}/enrolment-link`],
        ['DELETE', `/api/v1/staff/team/${target}/sessions`],
        ['POST', `/api/v1/staff/team/${target}/totp`],
        ['GET', '/staff/team'],
        ['POST', '/staff/team', { name: 'Refusé', email: 'refused@support.example', role: 'agent' }],
        ['POST', `/staff/team/${target}/role`, { role: 'admin' }],
        ['POST', `/staff/team/${target}/disable`],
        ['POST', `/staff/team/${target}/enable`],
        ['POST', `/staff/team/${target}/enrolment-link`],
        ['POST', `/staff/team/${target}/sessions/revoke`],
        ['POST', `/staff/team/${target}/totp`],
      ];
      for (const role of ['agent', 'supervisor'] as const) {
        for (const [method, url, body] of actions) {
          const response = await clients[role].staffApi(method, url, body);
          assert.equal(response.statusCode, 403, `${role} ${method} ${url}`);
        }
      }
      // Nothing changed: no member was added, the target is still an enabled agent.
      const row = await t.deps.db
        .selectFrom('staff_users')
        .select(['role', 'disabled_at'])
        .where('id', '=', target)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.role, row.disabled_at], ['agent', null]);
      const added = await t.deps.db
        .selectFrom('staff_users')
        .select('id')
        .where('email_normalized', '=', 'refused@support.example')
        .execute();
      assert.equal(added.length, 0);
      // The same requests pass the CSRF check: an admin's page action goes through.
      const allowed = await clients.admin.staffApi('POST', `/staff/team/${target}/sessions/revoke`);
      assert.equal(allowed.statusCode, 303);
      const apiAllowed = await clients.admin.staffApi('DELETE', `/api/v1/staff/team/${target}/sessions`);
      assert.equal(apiAllowed.statusCode, 204);
    });

    it('revoke a customer session: every role may, and it is audited as a staff action', async () => {
      for (const role of roles) {
        const { account } = await createTestAccount(t.deps);
        const customer = createClient(t.app);
        await customer.signIn(account.email, STRONG_PASSWORD);
        const session = await t.deps.db
          .selectFrom('sessions')
          .select('id')
          .where('account_id', '=', account.id)
          .executeTakeFirstOrThrow();
        const response = await clients[role].staffApi(
          'DELETE',
          `/api/v1/staff/accounts/${account.id}/sessions/${session.id}`,
        );
        assert.equal(response.statusCode, 204, role);
        assert.equal((await customer.request({ method: 'GET', url: '/api/v1/account' })).statusCode, 401);
        const event = await t.deps.db
          .selectFrom('audit_events')
          .selectAll()
          .where('account_id', '=', account.id)
          .where('action', '=', 'session.revoked')
          .executeTakeFirstOrThrow();
        assert.equal(event.actor_type, 'staff');
      }
    });

    it('re-enrol TOTP: only an admin; the secret is answered once and the member’s sessions end', async () => {
      const target = await signedInStaff(t.app, t.deps, 'agent');
      const url = `/api/v1/staff/team/${target.staff.user.id}/totp`;
      assert.equal((await clients.agent.staffApi('POST', url)).statusCode, 403);
      assert.equal((await clients.supervisor.staffApi('POST', url)).statusCode, 403);
      const response = await clients.admin.staffApi('POST', url);
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(response.headers['cache-control'], 'no-store');
      const body = response.json();
      assert.match(body.otpauthUri, /^otpauth:\/\/totp\//);
      assert.match(body.qrCode, /^data:image\/png;base64,/);
      assert.notEqual(body.secret, target.staff.secret);
      assert.equal((await target.client.request({ method: 'GET', url: '/api/v1/staff/me' })).statusCode, 401);
      const stored = await t.deps.db
        .selectFrom('staff_users')
        .select('totp_secret')
        .where('id', '=', target.staff.user.id)
        .executeTakeFirstOrThrow();
      assert.notEqual(stored.totp_secret, target.staff.secret);
      const event = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'staff.totp_reenrolled')
        .executeTakeFirstOrThrow();
      assert.equal(event.details.staffId, target.staff.user.id);
    });

    it('answers 404 for an unknown account and 401 without a staff session', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      assert.equal(
        (await clients.agent.staffApi('GET', `/api/v1/staff/accounts/${unknown}`)).statusCode,
        404,
      );
      assert.equal(
        (await clients.agent.staffApi('POST', `/api/v1/staff/accounts/${unknown}/send-reset`)).statusCode,
        404,
      );
      const anonymous = createClient(t.app);
      assert.equal(
        (await anonymous.request({ method: 'POST', url: `/api/v1/staff/accounts/${accountId}/send-reset` }))
          .statusCode,
        401,
      );
    });
  });
}
