import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { queuedEmails, tokenFromLink } from '../../../test/support/queued-emails.ts';
import { createStaffClient, signedInStaff, totpCodeAt } from '../../../test/support/staff.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { noRequestMeta } from '../../platform/deps.ts';
import { completeStaffEnrolment, openStaffEnrolment } from './staff-enrolment.service.ts';

const NEW_PASSWORD = 'Horizon-Balise-Tamarin-93';

for (const kind of testDatabaseKinds()) {
  describe(`staff enrolment link [${kind}]`, () => {
    let t: TestApp;
    let admin: Awaited<ReturnType<typeof signedInStaff>>;
    before(async () => {
      t = await buildTestApp(kind);
      admin = await signedInStaff(t.app, t.deps, 'admin');
    });
    after(() => t.close());

    let n = 0;
    /** An admin adds a member through the API; returns their address and the emailed token. */
    async function invite() {
      n += 1;
      const email = `new${n}-${Date.now()}@support.example`;
      const response = await admin.client.staffApi('POST', '/api/v1/staff/team', {
        name: `Nouvelle Recrue ${n}`,
        email,
        role: 'agent',
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.doesNotMatch(response.body, /password/i, 'no password is ever shown to the admin');
      const [mail] = await queuedEmails(t, { to: email, kind: 'staff-enrolment' });
      assert.ok(mail);
      return { email, token: tokenFromLink(mail.text), id: response.json().staff.id as string };
    }

    it('POST /staff/enrol: sets password and TOTP once; the member then signs in', async () => {
      const { email, token } = await invite();
      const browser = createStaffClient(t.app);
      const landing = await browser.request({ method: 'GET', url: `/staff/enrol/open?token=${token}` });
      assert.equal(landing.statusCode, 200);
      assert.equal(landing.headers['referrer-policy'], 'no-referrer');
      assert.equal(landing.headers['cache-control'], 'no-store');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(landing.body)?.[1] ?? '';
      const opened = await browser.request({
        method: 'POST',
        url: '/staff/enrol/open',
        form: { _csrf: csrf, token },
      });
      assert.equal(opened.statusCode, 303);
      assert.equal(opened.headers.location, '/staff/enrol', 'a clean URL: the token is in the cookie only');
      const page = await browser.request({ method: 'GET', url: '/staff/enrol' });
      assert.equal(page.statusCode, 200);
      const secret = /data-totp-secret[^>]*>\s*([A-Z2-7]+)\s*</.exec(page.body)?.[1] ?? '';
      assert.ok(secret.length >= 16, 'the pending secret is shown');
      const done = await browser.request({
        method: 'POST',
        url: '/staff/enrol',
        form: { _csrf: csrf, password: NEW_PASSWORD, totp: await totpCodeAt(secret, t.clock) },
      });
      assert.equal(done.statusCode, 303, done.body);
      assert.equal(done.headers.location, '/staff/login?enrolled=1');
      // Used: the link and the cookie are dead.
      const reused = await createStaffClient(t.app).request({
        method: 'GET',
        url: `/staff/enrol/open?token=${token}`,
      });
      assert.equal(reused.statusCode, 400);
      const signIn = await createStaffClient(t.app).staffSignIn(
        email,
        NEW_PASSWORD,
        await totpCodeAt(secret, t.clock, 1),
      );
      assert.equal(signIn.statusCode, 200, signIn.body);
      const event = await t.deps.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'staff.enrolled')
        .where('actor_id', '=', signIn.json().staff.id)
        .executeTakeFirst();
      assert.ok(event);
    });

    it('parallel uses of one link: exactly one wins', async () => {
      const { token } = await invite();
      const opened = await openStaffEnrolment(t.deps, token);
      assert.ok(opened);
      const code = await totpCodeAt(opened.secret, t.clock);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, () =>
          completeStaffEnrolment(t.deps, token, { password: NEW_PASSWORD, totp: code }, noRequestMeta),
        ),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.match(String(r.reason), /INVALID_TOKEN/);
    });

    it('a new link sent by an admin supersedes the old one', async () => {
      const { token: first, id, email } = await invite();
      const resend = await admin.client.staffApi('POST', `/api/v1/staff/team/${id}/enrolment-link`);
      assert.equal(resend.statusCode, 202);
      assert.equal(await openStaffEnrolment(t.deps, first), null);
      const mails = await queuedEmails(t, { to: email, kind: 'staff-enrolment' });
      assert.equal(mails.length, 2);
      const opened = await Promise.all(mails.map((m) => openStaffEnrolment(t.deps, tokenFromLink(m.text))));
      assert.equal(opened.filter(Boolean).length, 1, 'only the newest link works');
    });

    // Last: it moves the clock a day on, past the admin's session too.
    it('a wrong TOTP code burns nothing; an expired link (24 h) opens nothing', async () => {
      const { token } = await invite();
      const opened = await openStaffEnrolment(t.deps, token);
      assert.ok(opened);
      await assert.rejects(
        completeStaffEnrolment(t.deps, token, { password: NEW_PASSWORD, totp: '000000' }, noRequestMeta),
        /VALIDATION_FAILED/,
      );
      assert.ok(await openStaffEnrolment(t.deps, token), 'still usable after a typo');
      t.clock.advance(24 * 3_600_000);
      assert.equal(await openStaffEnrolment(t.deps, token), null);
      await assert.rejects(
        completeStaffEnrolment(
          t.deps,
          token,
          { password: NEW_PASSWORD, totp: await totpCodeAt(opened.secret, t.clock) },
          noRequestMeta,
        ),
        /INVALID_TOKEN/,
      );
    });
  });
}
