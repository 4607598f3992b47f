import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { createStaffClient, createTestStaff, totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';

async function staffEvents(t: TestApp, action: string) {
  return t.deps.db
    .selectFrom('audit_events')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq')
    .execute();
}

for (const kind of testDatabaseKinds()) {
  describe(`staff sign-in [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    describe('POST /api/v1/staff/auth/login', () => {
      it('signs in with password and TOTP, sets an HttpOnly staff cookie and audits it', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app);
        const response = await client.staffSignIn(
          staff.email,
          staff.password,
          await totpCodeAt(staff.secret, t.clock),
        );
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().staff.role, 'agent');
        const cookie = response.cookies.find((c) => c.name === 'sesame_staff_session');
        assert.ok(cookie, 'staff session cookie set');
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.ok(!response.cookies.some((c) => c.name === 'sesame_session'), 'no customer cookie');
        const events = await staffEvents(t, 'staff.signin.succeeded');
        assert.equal(events.at(-1)?.actor_type, 'staff');
        assert.equal(events.at(-1)?.actor_id, staff.user.id);
        assert.equal((await client.request({ method: 'GET', url: '/api/v1/staff/me' })).statusCode, 200);
      });

      it('answers the same 401 for a wrong TOTP, a wrong password and an unknown email', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const code = await totpCodeAt(staff.secret, t.clock);
        const wrongCode = code === '123456' ? '654321' : '123456';
        const answers = [
          await createStaffClient(t.app, '198.51.100.1').staffSignIn(staff.email, staff.password, wrongCode),
          await createStaffClient(t.app, '198.51.100.2').staffSignIn(staff.email, 'Not-The-Password-1', code),
          await createStaffClient(t.app, '198.51.100.3').staffSignIn(
            'nobody@support.example',
            staff.password,
            code,
          ),
        ];
        for (const answer of answers) assert.equal(answer.statusCode, 401);
        assert.deepEqual(answers[0]?.json(), answers[1]?.json());
        assert.deepEqual(answers[1]?.json(), answers[2]?.json());
        const reasons = (await staffEvents(t, 'staff.signin.failed')).slice(-3).map((e) => e.details.reason);
        assert.deepEqual(reasons, ['wrong_totp', 'wrong_password', 'unknown_staff']);
        // The right code was not burnt by the wrong-password attempt.
        const ok = await createStaffClient(t.app).staffSignIn(staff.email, staff.password, code);
        assert.equal(ok.statusCode, 200);
      });

      it('refuses a TOTP code used once already, and accepts the next one', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const code = await totpCodeAt(staff.secret, t.clock);
        assert.equal(
          (await createStaffClient(t.app).staffSignIn(staff.email, staff.password, code)).statusCode,
          200,
        );
        const replay = await createStaffClient(t.app).staffSignIn(staff.email, staff.password, code);
        assert.equal(replay.statusCode, 401);
        assert.equal((await staffEvents(t, 'staff.signin.failed')).at(-1)?.details.reason, 'totp_replayed');
        t.clock.advance(30_000);
        const next = await totpCodeAt(staff.secret, t.clock);
        assert.equal(
          (await createStaffClient(t.app).staffSignIn(staff.email, staff.password, next)).statusCode,
          200,
        );
      });

      it('lets exactly one of two concurrent sign-ins with the same code through', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const code = await totpCodeAt(staff.secret, t.clock);
        const results = await Promise.all(
          [1, 2].map(() => createStaffClient(t.app).staffSignIn(staff.email, staff.password, code)),
        );
        assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 401]);
      });

      it('throttles repeated failures with 429 and Retry-After', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app, '203.0.113.50');
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++)
          statuses.push((await client.staffSignIn(staff.email, `Wrong-${i}`, '000000')).statusCode);
        assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
        const last = await client.staffSignIn(
          staff.email,
          staff.password,
          await totpCodeAt(staff.secret, t.clock),
        );
        assert.equal(last.statusCode, 429);
        assert.ok(Number(last.headers['retry-after']) >= 1);
        assert.ok((await staffEvents(t, 'staff.signin.throttled')).length >= 1);
      });
    });

    describe('staff and customer sessions stay apart', () => {
      it('does not accept a staff cookie as a customer session, nor a customer cookie on staff routes', async () => {
        const staff = await createTestStaff(t.deps, 'admin');
        const staffClient = createStaffClient(t.app);
        await staffClient.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock));
        const asCustomer = await staffClient.request({ method: 'GET', url: '/api/v1/account' });
        assert.equal(asCustomer.statusCode, 401);

        const { account } = await createTestAccount(t.deps);
        const customer = createClient(t.app);
        assert.equal((await customer.signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
        for (const url of ['/api/v1/staff/me', '/api/v1/staff/accounts?q=client']) {
          assert.equal((await customer.request({ method: 'GET', url })).statusCode, 401, url);
        }
        const page = await customer.request({ method: 'GET', url: '/staff/accounts' });
        assert.equal(page.statusCode, 303);
        assert.equal(page.headers.location, '/staff/login?next=%2Fstaff%2Faccounts');
      });

      it('checks CSRF against the staff session on staff routes', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app);
        await client.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock));
        const { account } = await createTestAccount(t.deps);
        const noToken = await client.request({
          method: 'POST',
          url: `/api/v1/staff/accounts/${account.id}/send-reset`,
        });
        assert.equal(noToken.statusCode, 403);
        assert.equal(noToken.json().code, 'csrf-failed');
      });

      it('ends a staff session after 15 idle minutes', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app);
        await client.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock));
        t.clock.advance(14 * MINUTE);
        assert.equal((await client.request({ method: 'GET', url: '/api/v1/staff/me' })).statusCode, 200);
        t.clock.advance(15 * MINUTE);
        assert.equal((await client.request({ method: 'GET', url: '/api/v1/staff/me' })).statusCode, 401);
      });

      it('signs out: the session is revoked and audited', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app);
        await client.staffSignIn(staff.email, staff.password, await totpCodeAt(staff.secret, t.clock));
        assert.equal((await client.staffApi('POST', '/api/v1/staff/auth/logout')).statusCode, 204);
        assert.equal((await client.request({ method: 'GET', url: '/api/v1/staff/me' })).statusCode, 401);
        assert.equal((await staffEvents(t, 'staff.signout')).at(-1)?.actor_id, staff.user.id);
      });
    });

    describe('GET and POST /staff/login', () => {
      it('signs in through the form and lands on the account search', async () => {
        const staff = await createTestStaff(t.deps, 'agent');
        const client = createStaffClient(t.app);
        const form = await client.request({ method: 'GET', url: '/staff/login' });
        assert.equal(form.statusCode, 200);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
        const totp = await totpCodeAt(staff.secret, t.clock);
        const posted = await client.request({
          method: 'POST',
          url: '/staff/login',
          form: { _csrf: csrf, email: staff.email, password: staff.password, totp },
        });
        assert.equal(posted.statusCode, 303, posted.body);
        assert.equal(posted.headers.location, '/staff/accounts');
        const page = await client.request({ method: 'GET', url: '/staff/accounts' });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /Comptes clients/);
      });
    });
  });
}
