import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails } from '../../test/support/queued-emails.ts';
import { totpCodeAt } from '../../test/support/staff.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { DAY } from '../platform/clock.ts';

for (const kind of testDatabaseKinds()) {
  describe(`MFA_REQUIRED with a grace period [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { MFA_REQUIRED: 'true', MFA_GRACE_DAYS: '7' });
    });
    after(() => t.close());

    it('leads to enrolment during the grace period, then allows nothing else until a factor is on', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      const first = await client.signIn(account.email, STRONG_PASSWORD);
      assert.equal(first.statusCode, 200);
      const deadline = new Date(first.json().mfaEnrolment.deadline);
      assert.equal(
        deadline.getTime(),
        t.clock.now().getTime() + 7 * DAY,
        'seven days from the first sign-in',
      );
      assert.equal(first.json().mfaEnrolment.overdue, false);

      // The page sign-in goes to the security page first, which says by when and offers "later".
      const browser = createClient(t.app);
      await browser.request({ method: 'GET', url: '/login' });
      const csrf = (await browser.refreshCsrf()) as string;
      const page = await browser.request({
        method: 'POST',
        url: '/login',
        form: { email: account.email, password: STRONG_PASSWORD, next: '/account/services', _csrf: csrf },
      });
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, '/account/security?enrol=1&next=%2Faccount%2Fservices');
      const security = await browser.request({ method: 'GET', url: page.headers.location as string });
      assert.match(security.body, /data-mfa-enrolment/);
      assert.match(security.body, /href="\/account\/services"[^>]*>Plus tard</);
      // Within the grace period the rest of the area answers.
      assert.equal((await client.api('GET', '/api/v1/account')).statusCode, 200);

      // A later sign-in keeps the first deadline; once it passed, only enrolment is allowed.
      t.clock.advance(8 * DAY);
      const late = createClient(t.app);
      const again = await late.signIn(account.email, STRONG_PASSWORD);
      assert.equal(new Date(again.json().mfaEnrolment.deadline).getTime(), deadline.getTime());
      assert.equal(again.json().mfaEnrolment.overdue, true);
      const held = await late.api('GET', '/api/v1/account');
      assert.equal(held.statusCode, 403);
      assert.equal(held.json().code, 'mfa-enrolment-required');
      const fiche = await late.request({ method: 'GET', url: '/account' });
      assert.equal(fiche.statusCode, 303);
      assert.equal(fiche.headers.location, '/account/security?enrol=1');
      const overdue = await late.request({ method: 'GET', url: '/account/security' });
      assert.equal(overdue.statusCode, 200);
      assert.doesNotMatch(overdue.body, />Plus tard</, 'no putting it off any more');

      // Enrolling is allowed, and once the factor is on, the next sign-in asks for it as usual.
      const started = await late.api('POST', '/api/v1/account/totp', { currentPassword: STRONG_PASSWORD });
      assert.equal(started.statusCode, 200, started.body);
      const confirmed = await late.api('POST', '/api/v1/account/totp/confirm', {
        code: await totpCodeAt(started.json().secret, t.clock),
      });
      assert.equal(confirmed.statusCode, 200, confirmed.body);
      assert.equal(
        (await late.api('GET', '/api/v1/account')).statusCode,
        200,
        'the factor is on: free again',
      );
      const [notice] = await queuedEmails(t, { to: account.email, kind: 'second-factor-changed' });
      assert.match(notice?.subject ?? '', /un facteur a été ajouté/);
      assert.equal(
        (await createClient(t.app).signIn(account.email, STRONG_PASSWORD)).json().mfaRequired,
        true,
      );
    });
  });
}
