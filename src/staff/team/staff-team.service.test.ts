import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import { createTestStaff, signedInStaff, totpCodeAt } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { noRequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { runStaffDisable } from '../staff.command.ts';
import { changeStaffRole, disableStaffMember, type TeamActor } from './staff-team.service.ts';

const asActor = (user: { id: string; role: 'admin' | 'agent' | 'supervisor' }): TeamActor => ({
  type: 'staff',
  id: user.id,
  role: user.role,
});

async function activeAdmins(t: TestApp): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('staff_users')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .execute();
  return rows.length;
}

/** Makes every admin but `keep` an agent, so each test starts from a known set of admins. */
async function onlyAdmins(t: TestApp, keep: string[]): Promise<void> {
  await t.deps.db
    .updateTable('staff_users')
    .set({ role: 'agent' })
    .where('role', '=', 'admin')
    .where('id', 'not in', keep)
    .execute();
}

const isLastAdmin = (error: unknown) => error instanceof AppError && error.code === 'LAST_ADMIN';

for (const kind of testDatabaseKinds()) {
  describe(`staff team rules [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('refuses to demote or disable the last active admin, even by themselves', async () => {
      const admin = await createTestStaff(t.deps, 'admin');
      await onlyAdmins(t, [admin.user.id]);
      await assert.rejects(
        changeStaffRole(t.deps, asActor(admin.user), admin.user.id, 'agent', noRequestMeta),
        isLastAdmin,
      );
      await assert.rejects(
        disableStaffMember(t.deps, asActor(admin.user), admin.user.id, noRequestMeta),
        isLastAdmin,
      );
      await assert.rejects(
        disableStaffMember(t.deps, { type: 'system', id: 'cli' }, admin.user.id, noRequestMeta),
        isLastAdmin,
      );
      assert.equal(await activeAdmins(t), 1);
    });

    it('lets an admin step down when another admin remains, audited with actor and target and emailed', async () => {
      const first = await createTestStaff(t.deps, 'admin');
      const second = await createTestStaff(t.deps, 'admin');
      await onlyAdmins(t, [first.user.id, second.user.id]);
      const updated = await changeStaffRole(
        t.deps,
        asActor(first.user),
        first.user.id,
        'supervisor',
        noRequestMeta,
      );
      assert.equal(updated.role, 'supervisor');
      const event = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'staff.role_changed')
        .where('actor_id', '=', first.user.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [event.actor_type, event.details.staffId, event.details.from, event.details.to],
        ['staff', first.user.id, 'admin', 'supervisor'],
      );
      const [mail] = await queuedEmails(t, { to: first.email, kind: 'staff-role-changed' });
      assert.ok(mail, 'the member is told');
      assert.ok(mail.text.indexOf('superviseur') < mail.text.indexOf('supervisor'), 'French, then English');
    });

    it('two admins demoting each other at once: exactly one wins and one admin remains', async () => {
      const a = await createTestStaff(t.deps, 'admin');
      const b = await createTestStaff(t.deps, 'admin');
      await onlyAdmins(t, [a.user.id, b.user.id]);
      const results = await Promise.allSettled([
        changeStaffRole(t.deps, asActor(a.user), b.user.id, 'agent', noRequestMeta),
        changeStaffRole(t.deps, asActor(b.user), a.user.id, 'agent', noRequestMeta),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      const refused = results.filter((r) => r.status === 'rejected');
      assert.equal(refused.length, 1);
      assert.ok(isLastAdmin((refused[0] as PromiseRejectedResult).reason));
      assert.equal(await activeAdmins(t), 1);
    });

    it('two admins disabling each other at once: exactly one wins and one admin remains', async () => {
      const a = await createTestStaff(t.deps, 'admin');
      const b = await createTestStaff(t.deps, 'admin');
      await onlyAdmins(t, [a.user.id, b.user.id]);
      const results = await Promise.allSettled([
        disableStaffMember(t.deps, asActor(a.user), b.user.id, noRequestMeta),
        disableStaffMember(t.deps, asActor(b.user), a.user.id, noRequestMeta),
      ]);
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.equal(await activeAdmins(t), 1);
    });

    it('disabling a member ends their sessions at once and refuses their sign-in', async () => {
      const admin = await createTestStaff(t.deps, 'admin');
      const { staff, client } = await signedInStaff(t.app, t.deps, 'agent');
      assert.equal((await client.staffApi('GET', '/api/v1/staff/me')).statusCode, 200);
      await disableStaffMember(t.deps, asActor(admin.user), staff.user.id, noRequestMeta);
      assert.equal((await client.staffApi('GET', '/api/v1/staff/me')).statusCode, 401);
      const open = await t.deps.db
        .selectFrom('staff_sessions')
        .select('id')
        .where('staff_user_id', '=', staff.user.id)
        .where('revoked_at', 'is', null)
        .execute();
      assert.equal(open.length, 0);
      t.clock.advance(30_000);
      const again = await client.staffSignIn(
        staff.email,
        staff.password,
        await totpCodeAt(staff.secret, t.clock),
      );
      assert.equal(again.statusCode, 401);
      const event = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'staff.disabled')
        .where('actor_id', '=', admin.user.id)
        .executeTakeFirstOrThrow();
      assert.equal(event.details.staffId, staff.user.id);
      assert.equal(event.details.sessionsRevoked, 1);
      assert.equal((await queuedEmails(t, { to: staff.email, kind: 'staff-disabled' })).length, 1);
    });

    it('sesame staff disable --email: disables (audited as the CLI), refuses an unknown address and the last admin', async () => {
      const lines: string[] = [];
      const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) };
      const agent = await createTestStaff(t.deps, 'agent');
      assert.equal(await runStaffDisable(t.deps, agent.email.toUpperCase(), out), 0);
      assert.equal(JSON.parse(lines.join('\n')).disabled, true);
      const event = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'staff.disabled')
        .where('actor_id', '=', 'cli')
        .executeTakeFirstOrThrow();
      assert.equal(event.details.staffId, agent.user.id);
      assert.equal(await runStaffDisable(t.deps, 'nobody@support.example', out), 1);
      const admin = await createTestStaff(t.deps, 'admin');
      await onlyAdmins(t, [admin.user.id]);
      assert.equal(await runStaffDisable(t.deps, admin.email, out), 1);
      assert.equal(await activeAdmins(t), 1);
    });
  });
}
