import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { testDatabaseKinds } from '../../test/support/database.ts';
import { createTestAccount, OTHER_STRONG_PASSWORD } from '../../test/support/factories.ts';
import { queuedEmails, tokenFromLink } from '../../test/support/queued-emails.ts';
import { buildTestApp, createClient, type TestApp } from '../../test/support/test-app.ts';
import { buildApp } from '../app.ts';
import { loggerOptions } from '../platform/http/logger.ts';
import { resolvePasswordResetRequests } from './password-reset.service.ts';

/** The hidden CSRF field of the page in `html`. */
const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

for (const kind of testDatabaseKinds()) {
  describe(`forgot-password and reset pages [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('GET /password/forgot → POST: the same confirmation page for a known and an unknown address', async () => {
      const { account } = await createTestAccount(t.deps);
      const pages: string[] = [];
      for (const email of [account.email, `ghost-${Date.now()}@example.org`]) {
        const browser = createClient(t.app, 'test', '192.0.2.10');
        const form = await browser.request({ method: 'GET', url: '/password/forgot' });
        assert.match(form.body, /<label for="field-email">Adresse e-mail/);
        const posted = await browser.request({
          method: 'POST',
          url: '/password/forgot',
          form: { email, _csrf: csrfIn(form.body) },
        });
        assert.equal(posted.statusCode, 303);
        assert.equal(posted.headers.location, '/password/forgot?sent=1');
        const sent = await browser.request({ method: 'GET', url: '/password/forgot?sent=1' });
        pages.push(sent.body.replace(/value="[^"]+"|content="[^"]+"/g, ''));
      }
      assert.equal(pages[0], pages[1]);
      assert.match(pages[0] ?? '', /Si cette adresse correspond à une fiche client/);
    });

    it('shows field errors tied to the field for an empty or malformed address', async () => {
      const browser = createClient(t.app, 'test', '192.0.2.11');
      const form = await browser.request({ method: 'GET', url: '/password/forgot' });
      const posted = await browser.request({
        method: 'POST',
        url: '/password/forgot',
        form: { email: 'jean@', _csrf: csrfIn(form.body) },
      });
      assert.equal(posted.statusCode, 422);
      assert.match(posted.body, /aria-describedby="field-email-error"/);
      assert.match(
        posted.body,
        /<a href="#field-email">Adresse e-mail\u00a0: cette adresse e-mail n’est pas valide/,
      );
    });

    it('opening the link only shows the form, with no-referrer and no-store; posting the form resets', async () => {
      const { account } = await createTestAccount(t.deps);
      await createClient(t.app, 'test', '192.0.2.12').request({
        method: 'POST',
        url: '/api/v1/password/forgot',
        payload: { email: account.email },
      });
      await resolvePasswordResetRequests(t.deps);
      const [email] = await queuedEmails(t, { accountId: account.id, kind: 'password-reset' });
      const token = tokenFromLink(email?.text ?? '');
      const browser = createClient(t.app);
      // A mail scanner opens the link first: nothing is spent.
      await browser.request({ method: 'GET', url: `/password/reset?token=${token}` });
      const page = await browser.request({ method: 'GET', url: `/password/reset?token=${token}` });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['referrer-policy'], 'no-referrer');
      assert.equal(page.headers['cache-control'], 'no-store');
      assert.match(page.body, /name="token" value="[\w-]{43}"/);
      const mismatch = await browser.request({
        method: 'POST',
        url: '/password/reset',
        form: {
          token,
          newPassword: OTHER_STRONG_PASSWORD,
          confirmPassword: 'autre',
          _csrf: csrfIn(page.body),
        },
      });
      assert.equal(mismatch.statusCode, 422);
      assert.match(mismatch.body, /Les deux mots de passe ne sont pas identiques/);
      const posted = await browser.request({
        method: 'POST',
        url: '/password/reset',
        form: {
          token,
          newPassword: OTHER_STRONG_PASSWORD,
          confirmPassword: OTHER_STRONG_PASSWORD,
          _csrf: csrfIn(page.body),
        },
      });
      assert.equal(posted.statusCode, 303);
      assert.equal(posted.headers.location, '/password/reset?done=1');
      const again = await browser.request({ method: 'GET', url: `/password/reset?token=${token}` });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /Lien invalide ou expiré/);
    });

    it('never writes the token to the logs', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const log = pino(loggerOptions('trace') as object, sink);
      const app = await buildApp({ ...t.deps, log });
      try {
        const { account } = await createTestAccount(t.deps);
        await app.inject({
          method: 'POST',
          url: '/api/v1/password/forgot',
          payload: { email: account.email },
        });
        await resolvePasswordResetRequests({ ...t.deps, log });
        const [email] = await queuedEmails(t, { accountId: account.id, kind: 'password-reset' });
        const token = tokenFromLink(email?.text ?? '');
        await app.inject({ method: 'GET', url: `/password/reset?token=${token}` });
        await app.inject({
          method: 'POST',
          url: '/api/v1/password/reset',
          payload: { token, newPassword: 'faible' },
        });
        await app.inject({
          method: 'POST',
          url: '/api/v1/password/reset',
          payload: { token, newPassword: OTHER_STRONG_PASSWORD },
        });
        const logged = lines.join('');
        assert.match(logged, /"url":"\/password\/reset"/, 'the request was logged, without its query string');
        assert.ok(!logged.includes(token), 'the token never appears');
        assert.ok(!logged.includes(OTHER_STRONG_PASSWORD), 'nor the password');
      } finally {
        await app.close();
      }
    });
  });
}
