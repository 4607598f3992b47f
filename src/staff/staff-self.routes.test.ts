import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createStaffClient, signedInStaff, totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../test/support/test-app.ts';

const NEW_PASSWORD = 'Horizon-Balise-Tamarin-93';

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/staff/me/password and own sessions [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('needs the current password and a TOTP code; then the other sessions end and this one stays', async () => {
      const { staff, client } = await signedInStaff(t.app, t.deps, 'agent');
      t.clock.advance(30_000);
      const other = createStaffClient(t.app);
      assert.equal(
        (await other.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock)))
          .statusCode,
        200,
      );
      const listed = await client.staffApi('GET', '/api/v1/staff/me/sessions');
      assert.equal(listed.json().sessions.length, 2);
      t.clock.advance(30_000);
      const wrongCode = await client.staffApi('POST', '/api/v1/staff/me/password', {
        currentPassword: staff.password,
        newPassword: NEW_PASSWORD,
        totp: '000000',
      });
      assert.equal(wrongCode.statusCode, 422);
      const code = await totpCodeAt(staff.secret, t.clock);
      const changed = await client.staffApi('POST', '/api/v1/staff/me/password', {
        currentPassword: staff.password,
        newPassword: NEW_PASSWORD,
        totp: code,
      });
      assert.equal(changed.statusCode, 204, changed.body);
      assert.equal((await client.staffApi('GET', '/api/v1/staff/me')).statusCode, 200);
      assert.equal((await other.staffApi('GET', '/api/v1/staff/me')).statusCode, 401);
      t.clock.advance(30_000);
      const again = await createStaffClient(t.app).staffSignIn(
        staff.email,
        NEW_PASSWORD,
        await totpCodeAt(staff.secret, t.clock),
      );
      assert.equal(again.statusCode, 200);
    });

    it('a member ends one of their own sessions, and not another member’s', async () => {
      const { staff, client } = await signedInStaff(t.app, t.deps, 'agent');
      t.clock.advance(30_000);
      const second = createStaffClient(t.app);
      await second.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock));
      const sessions = (await client.staffApi('GET', '/api/v1/staff/me/sessions')).json().sessions as {
        id: string;
        current: boolean;
      }[];
      const notCurrent = sessions.find((s) => !s.current);
      assert.ok(notCurrent);
      const stranger = await signedInStaff(t.app, t.deps, 'agent');
      assert.equal(
        (await stranger.client.staffApi('DELETE', `/api/v1/staff/me/sessions/${notCurrent.id}`)).statusCode,
        404,
      );
      assert.equal(
        (await client.staffApi('DELETE', `/api/v1/staff/me/sessions/${notCurrent.id}`)).statusCode,
        204,
      );
      assert.equal((await second.staffApi('GET', '/api/v1/staff/me')).statusCode, 401);
    });
  });
}
