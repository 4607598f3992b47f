import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount } from '../../test/support/factories.ts';
import { signedInStaff } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { DAY } from '../platform/clock.ts';

for (const kind of testDatabaseKinds()) {
  describe(`back office audit view [${kind}]`, () => {
    let t: TestApp;
    let supervisor: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      supervisor = await signedInStaff(t.app, t.deps, 'supervisor');
    });
    after(() => t.close());

    describe('GET /api/v1/staff/audit/events', () => {
      it('filters by account, action, actor and date range', async () => {
        const { account } = await createTestAccount(t.deps);
        await createClient(t.app).signIn(account.email, 'Wrong-Password-123');
        const byAccount = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events?account=${account.clientNumber}`,
        );
        assert.equal(byAccount.statusCode, 200, byAccount.body);
        assert.deepEqual(
          byAccount.json().events.map((e: { action: string }) => e.action),
          ['signin.failed', 'account.created'],
        );
        const byAction = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events?account=${account.id}&action=signin.failed&actorType=anonymous`,
        );
        assert.equal(byAction.json().events.length, 1);
        const byActor = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events?actor=${supervisor.staff.user.id}`,
        );
        assert.ok(
          byActor.json().events.every((e: { actorId: string }) => e.actorId === supervisor.staff.user.id),
        );
        assert.ok(
          byActor.json().events.some((e: { action: string }) => e.action === 'staff.signin.succeeded'),
        );
        const today = t.clock.now().toISOString().slice(0, 10);
        const tomorrow = new Date(t.clock.now().getTime() + DAY).toISOString().slice(0, 10);
        const inRange = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events?account=${account.id}&from=${today}&to=${today}`,
        );
        assert.equal(inRange.json().events.length, 2);
        const outOfRange = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events?account=${account.id}&from=${tomorrow}`,
        );
        assert.equal(outOfRange.json().events.length, 0);
      });

      it('pages through events with the nextBefore cursor', async () => {
        const { account } = await createTestAccount(t.deps);
        for (let i = 0; i < 55; i++)
          await createClient(t.app, undefined, `192.0.2.${i}`).signIn(account.email, `Wrong-${i}`);
        const first = (
          await supervisor.client.staffApi('GET', `/api/v1/staff/audit/events?account=${account.id}`)
        ).json();
        assert.equal(first.events.length, 50);
        assert.ok(first.nextBefore);
        const second = (
          await supervisor.client.staffApi(
            'GET',
            `/api/v1/staff/audit/events?account=${account.id}&before=${first.nextBefore}`,
          )
        ).json();
        assert.equal(second.events.length, 6);
        assert.equal(second.nextBefore, null);
        assert.equal(second.events.at(-1).action, 'account.created');
      });

      it('refuses a malformed date with 422', async () => {
        const response = await supervisor.client.staffApi(
          'GET',
          '/api/v1/staff/audit/events?from=2026-13-45x',
        );
        assert.equal(response.statusCode, 422);
      });
    });

    describe('GET /api/v1/staff/audit/events.csv', () => {
      it('exports escaped, formula-safe CSV and audits the export', async () => {
        const { account } = await createTestAccount(t.deps);
        await createClient(t.app, '=HYPERLINK("http://evil.example","x")').signIn(
          account.email,
          'Wrong-Password-1',
        );
        const response = await supervisor.client.staffApi(
          'GET',
          `/api/v1/staff/audit/events.csv?account=${account.id}`,
        );
        assert.equal(response.statusCode, 200);
        assert.match(String(response.headers['content-type']), /^text\/csv/);
        assert.match(String(response.headers['content-disposition']), /^attachment; filename="sesame-audit-/);
        const lines = response.body
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n');
        assert.equal(
          lines[0],
          '"seq","occurred_at","actor_type","actor_id","account_id","action","ip","user_agent","details","hash"',
        );
        assert.equal(lines.length, 3);
        assert.ok(lines[1]?.includes(`"'=HYPERLINK(""http://evil.example"",""x"")"`), lines[1]);
        const exported = await t.deps.db
          .selectFrom('audit_events')
          .selectAll()
          .where('action', '=', 'staff.audit.exported')
          .executeTakeFirstOrThrow();
        assert.equal(exported.actor_id, supervisor.staff.user.id);
        assert.equal(exported.details.account, account.id);
      });
    });

    describe('GET /staff/audit', () => {
      it('renders the filters and the events', async () => {
        const page = await supervisor.client.request({
          method: 'GET',
          url: '/staff/audit?action=staff.signin.succeeded',
        });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Journal d’audit/);
        assert.match(page.body, /data-action="staff.signin.succeeded"/);
        assert.match(page.body, /<td>Connexion au back-office réussie<\/td>/);
        assert.match(page.body, /href="\/staff\/audit.csv\?action=staff.signin.succeeded"/);
      });
    });
  });
}
