import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`/account/security and /login/mfa pages [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('enrols with a QR code and a confirmation code, shows ten codes once, then sign-in asks for the code', async () => {
      const { account } = await createTestAccount(t.deps);
      const browser = createClient(t.app);
      await browser.signIn(account.email, STRONG_PASSWORD);
      const page = await browser.request({ method: 'GET', url: '/account/security' });
      assert.equal(page.statusCode, 200);
      const enrolling = await browser.request({
        method: 'POST',
        url: '/account/security/totp',
        form: { _csrf: csrfIn(page.body), currentPassword: STRONG_PASSWORD },
      });
      assert.equal(enrolling.statusCode, 200, enrolling.body);
      assert.match(enrolling.body, /<img src="data:image\/png;base64,/);
      const secret = /data-totp-secret[^>]*>([A-Z2-7]+)</.exec(enrolling.body)?.[1] ?? '';
      const wrong = await browser.request({
        method: 'POST',
        url: '/account/security/totp/confirm',
        form: { _csrf: csrfIn(enrolling.body), code: '000000' },
      });
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /data-totp-secret/, 'the QR code is shown again');
      const codes = await browser.request({
        method: 'POST',
        url: '/account/security/totp/confirm',
        form: { _csrf: csrfIn(wrong.body), code: await totpCodeAt(secret, t.clock) },
      });
      assert.equal(codes.statusCode, 200, codes.body);
      assert.equal([...codes.body.matchAll(/<li><code>[A-Z0-9-]{14}<\/code><\/li>/g)].length, 10);
      const again = await browser.request({ method: 'GET', url: '/account/security' });
      assert.doesNotMatch(again.body, /<li><code>/, 'the codes are not shown again');
      t.clock.advance(30_000);

      const next = createClient(t.app);
      const login = await next.request({ method: 'GET', url: '/login' });
      const posted = await next.request({
        method: 'POST',
        url: '/login',
        form: {
          _csrf: csrfIn(login.body),
          email: account.email,
          password: STRONG_PASSWORD,
          next: '/account/sessions',
        },
      });
      assert.equal(posted.statusCode, 303);
      assert.equal(posted.headers.location, '/login/mfa?next=%2Faccount%2Fsessions');
      const mfa = await next.request({ method: 'GET', url: posted.headers.location });
      assert.equal(mfa.statusCode, 200);
      assert.match(mfa.body, /autocomplete="one-time-code"/);
      const done = await next.request({
        method: 'POST',
        url: '/login/mfa',
        form: {
          _csrf: csrfIn(mfa.body),
          method: 'totp',
          code: await totpCodeAt(secret, t.clock),
          next: '/account/sessions',
        },
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(done.headers.location, '/account/sessions');
      const sessions = await next.request({ method: 'GET', url: '/account/sessions' });
      assert.match(sessions.body, /data-auth-method="password\+totp"/);
    });

    it('sends /login/mfa without a pending sign-in back to /login', async () => {
      const response = await createClient(t.app).request({ method: 'GET', url: '/login/mfa' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/login');
    });
  });
}
