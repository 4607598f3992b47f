import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { MINUTE } from '../platform/clock.ts';

async function auditActions(t: TestApp, accountId: string): Promise<string[]> {
  const rows = await t.deps.db
    .selectFrom('audit_events')
    .select('action')
    .where('account_id', '=', accountId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => r.action);
}

for (const kind of testDatabaseKinds()) {
  describe(`sign-in and sessions [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    describe('POST /api/v1/auth/login', () => {
      it('signs in, sets an HttpOnly SameSite=Lax session cookie and returns the fiche', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        const response = await client.signIn(account.email, STRONG_PASSWORD);
        assert.equal(response.statusCode, 200);
        assert.equal(response.json().account.clientNumber, account.clientNumber);
        const cookie = response.cookies.find((c) => c.name === 'sesame_session');
        assert.ok(cookie, 'session cookie set');
        assert.equal(cookie.httpOnly, true);
        assert.equal(cookie.sameSite, 'Lax');
        assert.ok(Buffer.from(cookie.value, 'base64url').length >= 32, 'at least 256 bits');
        const stored = await t.deps.db
          .selectFrom('sessions')
          .select('token_hash')
          .where('account_id', '=', account.id)
          .execute();
        assert.equal(stored.length, 1);
        assert.notEqual(stored[0]?.token_hash, cookie.value, 'only the hash is stored');
        assert.deepEqual((await auditActions(t, account.id)).slice(-1), ['signin.succeeded']);
      });

      it('answers the same 401 body for an unknown email and a wrong password', async () => {
        const { account } = await createTestAccount(t.deps);
        const wrong = await createClient(t.app).signIn(account.email, 'Not-The-Password-123');
        const unknown = await createClient(t.app).signIn('nobody-here@example.org', 'Not-The-Password-123');
        assert.equal(wrong.statusCode, 401);
        assert.equal(unknown.statusCode, 401);
        assert.deepEqual(wrong.json(), unknown.json());
        assert.equal(wrong.headers['content-type'], 'application/problem+json; charset=utf-8');
        assert.ok(!wrong.cookies.some((c) => c.name === 'sesame_session'));
        assert.deepEqual((await auditActions(t, account.id)).slice(-1), ['signin.failed']);
      });

      it('gives a new session id at each sign-in and revokes the one the browser had', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const first = client.jar.sesame_session;
        const again = await client.signIn(account.email, STRONG_PASSWORD);
        assert.equal(again.statusCode, 200, again.body);
        assert.notEqual(client.jar.sesame_session, first);
        const live = await t.deps.db
          .selectFrom('sessions')
          .select('id')
          .where('account_id', '=', account.id)
          .where('revoked_at', 'is', null)
          .execute();
        assert.equal(live.length, 1);
      });

      it('throttles repeated failures with 429 and Retry-After, for unknown emails too', async () => {
        for (const email of [
          'throttled-unknown@example.org',
          (await createTestAccount(t.deps)).account.email,
        ]) {
          const client = createClient(t.app);
          const statuses: number[] = [];
          let last = await client.signIn(email, 'Wrong-Password-0');
          for (let i = 1; i < 7; i++) {
            statuses.push(last.statusCode);
            last = await client.signIn(email, `Wrong-Password-${i}`);
          }
          assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
          assert.equal(last.statusCode, 429);
          assert.ok(Number(last.headers['retry-after']) >= 1);
        }
      });

      it('lets the owner in again once the delay is over, and a stranger on another IP cannot keep them out', async () => {
        const { account } = await createTestAccount(t.deps);
        const stranger = createClient(t.app, 'curl/8', '203.0.113.9');
        const strangerStatuses: number[] = [];
        for (let i = 0; i < 8; i++)
          strangerStatuses.push((await stranger.signIn(account.email, `Wrong-${i}`)).statusCode);
        assert.equal(strangerStatuses.at(-1), 429, 'the stranger is slowed down');
        // The owner, on another IP, is not blocked by the stranger's failures.
        assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
        // Even 25 failures from many IPs keep the owner out for at most a minute.
        for (let i = 0; i < 25; i++)
          await createClient(t.app, 'curl/8', `198.51.100.${i}`).signIn(account.email, `Wrong-${i}`);
        const blocked = await createClient(t.app).signIn(account.email, STRONG_PASSWORD);
        assert.equal(blocked.statusCode, 429);
        assert.ok(Number(blocked.headers['retry-after']) <= 60);
        t.clock.advance(MINUTE + 1000);
        assert.equal((await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).statusCode, 200);
      });
    });

    describe('sessions', () => {
      it('expires after 30 minutes idle', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        t.clock.advance(29 * MINUTE);
        assert.equal((await client.api('GET', '/api/v1/account')).statusCode, 200);
        t.clock.advance(29 * MINUTE);
        assert.equal((await client.api('GET', '/api/v1/account')).statusCode, 200, 'activity keeps it alive');
        t.clock.advance(31 * MINUTE);
        assert.equal((await client.api('GET', '/api/v1/account')).statusCode, 401);
      });

      it('expires after 12 hours whatever the activity', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        for (let i = 0; i < 24; i++) {
          t.clock.advance(25 * MINUTE);
          await client.api('GET', '/api/v1/account');
        }
        assert.equal((await client.api('GET', '/api/v1/account')).statusCode, 200);
        t.clock.advance(25 * MINUTE);
        t.clock.advance(25 * MINUTE);
        const response = await client.api('GET', '/api/v1/account');
        assert.equal(response.statusCode, 401);
      });

      it('lists sessions with device and IP, and revokes another one', async () => {
        const { account } = await createTestAccount(t.deps);
        const laptop = createClient(t.app);
        const phone = createClient(
          t.app,
          'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
        );
        await laptop.signIn(account.email, STRONG_PASSWORD);
        await phone.signIn(account.email, STRONG_PASSWORD);
        const list = (await laptop.api('GET', '/api/v1/account/sessions')).json().sessions as {
          id: string;
          current: boolean;
          ip: string;
          userAgent: string;
        }[];
        assert.equal(list.length, 2);
        assert.equal(list.filter((s) => s.current).length, 1);
        assert.ok(list.every((s) => s.ip === '127.0.0.1'));
        const other = list.find((s) => !s.current);
        assert.ok(other?.userAgent.includes('iPhone'));
        const page = await laptop.request({ method: 'GET', url: '/account/sessions' });
        assert.match(page.body, /Safari 17 sur iOS/);
        assert.equal((await laptop.api('DELETE', `/api/v1/account/sessions/${other?.id}`)).statusCode, 204);
        assert.equal((await phone.api('GET', '/api/v1/account')).statusCode, 401);
        assert.ok((await auditActions(t, account.id)).includes('session.revoked'));
      });

      it('signs out every other session in one go, keeps this one, and audits it', async () => {
        const { account } = await createTestAccount(t.deps);
        const stranger = await createTestAccount(t.deps);
        const laptop = createClient(t.app);
        const phone = createClient(t.app);
        const tablet = createClient(t.app);
        const other = createClient(t.app);
        for (const client of [laptop, phone, tablet]) await client.signIn(account.email, STRONG_PASSWORD);
        await other.signIn(stranger.account.email, STRONG_PASSWORD);
        const page = await laptop.request({ method: 'GET', url: '/account/sessions' });
        assert.match(page.body, /Déconnecter toutes les autres sessions/);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
        const posted = await laptop.request({
          method: 'POST',
          url: '/account/sessions/revoke-others',
          form: { _csrf: csrf },
        });
        assert.equal(posted.statusCode, 303);
        assert.equal(posted.headers.location, '/account/sessions?revokedOthers=1');
        assert.equal((await phone.api('GET', '/api/v1/account')).statusCode, 401);
        assert.equal((await tablet.api('GET', '/api/v1/account')).statusCode, 401);
        assert.equal((await laptop.api('GET', '/api/v1/account')).statusCode, 200, 'this session stays');
        assert.equal(
          (await other.api('GET', '/api/v1/account')).statusCode,
          200,
          'another account is untouched',
        );
        const after = await laptop.request({ method: 'GET', url: '/account/sessions?revokedOthers=1' });
        assert.match(after.body, /Toutes vos autres sessions ont été déconnectées/);
        assert.doesNotMatch(after.body, /Déconnecter toutes les autres sessions/, 'nothing left to sign out');
        const event = await t.deps.db
          .selectFrom('audit_events')
          .select(['action', 'details'])
          .where('account_id', '=', account.id)
          .where('action', '=', 'sessions.revoked_others')
          .executeTakeFirstOrThrow();
        assert.equal((event.details as { sessions: number }).sessions, 2);
      });

      it('POST /api/v1/account/sessions/revoke-others answers 204 and needs a session and CSRF', async () => {
        const { account } = await createTestAccount(t.deps);
        const mine = createClient(t.app);
        const phone = createClient(t.app);
        await mine.signIn(account.email, STRONG_PASSWORD);
        await phone.signIn(account.email, STRONG_PASSWORD);
        const anonymous = await createClient(t.app).api('POST', '/api/v1/account/sessions/revoke-others');
        assert.equal(anonymous.statusCode, 401);
        const noCsrf = await mine.request({ method: 'POST', url: '/api/v1/account/sessions/revoke-others' });
        assert.equal(noCsrf.statusCode, 403);
        assert.equal((await phone.api('GET', '/api/v1/account')).statusCode, 200);
        assert.equal((await mine.api('POST', '/api/v1/account/sessions/revoke-others')).statusCode, 204);
        assert.equal((await phone.api('GET', '/api/v1/account')).statusCode, 401);
        const list = (await mine.api('GET', '/api/v1/account/sessions')).json().sessions;
        assert.equal(list.length, 1);
        assert.equal(list[0].current, true);
      });

      it('refuses to revoke another account’s session', async () => {
        const a = await createTestAccount(t.deps);
        const b = await createTestAccount(t.deps);
        const clientA = createClient(t.app);
        const clientB = createClient(t.app);
        await clientA.signIn(a.account.email, STRONG_PASSWORD);
        await clientB.signIn(b.account.email, STRONG_PASSWORD);
        const bSession = (await clientB.api('GET', '/api/v1/account/sessions')).json().sessions[0].id;
        assert.equal((await clientA.api('DELETE', `/api/v1/account/sessions/${bSession}`)).statusCode, 404);
        assert.equal((await clientB.api('GET', '/api/v1/account')).statusCode, 200);
      });

      it('signs out: 204, the session no longer works, an audit event is written', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const token = client.jar.sesame_session;
        assert.equal((await client.api('POST', '/api/v1/auth/logout')).statusCode, 204);
        const replay = await t.app.inject({
          method: 'GET',
          url: '/api/v1/account',
          headers: { cookie: `sesame_session=${token}` },
        });
        assert.equal(replay.statusCode, 401);
        assert.ok((await auditActions(t, account.id)).includes('signout'));
      });
    });

    describe('CSRF', () => {
      it('refuses a cookie-authenticated change without the token', async () => {
        const { account } = await createTestAccount(t.deps);
        const client = createClient(t.app);
        await client.signIn(account.email, STRONG_PASSWORD);
        const response = await client.request({
          method: 'PATCH',
          url: '/api/v1/account',
          payload: { phone: '0612345678' },
        });
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().code, 'csrf-failed');
      });

      it('refuses a form post without the token, even signed out', async () => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/login',
          payload: 'email=a%40b.fr&password=x',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        assert.equal(response.statusCode, 403);
      });
    });
  });
}
