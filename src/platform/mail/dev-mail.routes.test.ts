import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import {
  createTestAccount,
  OTHER_STRONG_PASSWORD,
  STRONG_PASSWORD,
} from '../../../test/support/factories.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { deliverDueEmails } from './outbox.service.ts';
import { createMailTransport, mailDirFor } from './transports.ts';

for (const kind of testDatabaseKinds()) {
  describe(`file transport and GET /dev/mail (${kind})`, () => {
    let t: TestApp;
    let dataDir: string;
    let file: string;
    before(async () => {
      dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-mail-'));
      t = await buildTestApp(kind, { DATA_DIR: dataDir, PUBLIC_URL: 'http://espace.example.fr' });
      const { account } = await createTestAccount(t.deps, { locale: 'en' });
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      await client.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: OTHER_STRONG_PASSWORD,
      });
      await deliverDueEmails(t.deps, createMailTransport(t.deps.config), { batchSize: 10, workerId: 'test' });
      [file = ''] = readdirSync(mailDirFor(dataDir));
    });
    after(async () => {
      await t.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('writes a private, parseable .eml with the plain-text and HTML parts', async () => {
      assert.match(file, /^\d{4}-\d\d-\d\dT[\d-]+Z-[0-9a-f]{8}\.eml$/);
      const full = path.join(mailDirFor(dataDir), file);
      assert.equal(statSync(full).mode & 0o777, 0o600);
      const raw = readFileSync(full);
      assert.match(raw.toString('latin1'), /Content-Type: multipart\/alternative/);
      const parsed = await simpleParser(raw);
      assert.equal(parsed.subject, 'Your password was changed');
      assert.match(parsed.text ?? '', /http:\/\/espace\.example\.fr\/password\/forgot/);
      assert.match(String(parsed.html), /<table role="presentation"/);
      assert.match(parsed.messageId ?? '', /@espace\.example\.fr>$/);
    });

    it('lists the messages and shows one as text with clickable links, never its HTML', async () => {
      const list = await t.app.inject({ method: 'GET', url: '/dev/mail' });
      assert.equal(list.statusCode, 200);
      assert.equal(list.headers['cache-control'], 'no-store');
      assert.match(list.body, /Your password was changed/);
      assert.match(list.body, new RegExp(`href="/dev/mail/${file.replace(/\./g, '\\.')}"`));

      const page = await t.app.inject({ method: 'GET', url: `/dev/mail/${file}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<pre class="mail-text">/);
      assert.match(page.body, /<a href="http:\/\/espace\.example\.fr\/password\/forgot">/);
      assert.doesNotMatch(page.body, /role="presentation"|border-bottom:3px/, 'the HTML part stays out');
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);

      const raw = await t.app.inject({ method: 'GET', url: `/dev/mail/${file}/raw` });
      assert.equal(raw.headers['content-type'], 'message/rfc822');
      assert.match(raw.body, /multipart\/alternative/);
    });

    it('answers 404 for a file that is not a message of the mailbox', async () => {
      for (const url of [
        '/dev/mail/..%2Fmaster.key',
        '/dev/mail/master.key',
        '/dev/mail/nope.eml',
        '/dev/mail/..%2F..%2Fx.eml',
      ]) {
        assert.equal((await t.app.inject({ method: 'GET', url })).statusCode, 404, url);
      }
    });

    it('stays out of the OpenAPI document', async () => {
      const document = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.doesNotMatch(document.body, /dev\/mail/);
    });
  });
}

describe('GET /dev/mail where it must not exist', () => {
  for (const [name, environment] of [
    ['in production', { NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:2525' }],
    ['when mail goes to an SMTP relay', { SMTP_URL: 'smtp://127.0.0.1:2525' }],
  ] as const) {
    it(`answers 404 ${name}`, async () => {
      const t = await buildTestApp('pglite', environment);
      try {
        assert.equal((await t.app.inject({ method: 'GET', url: '/dev/mail' })).statusCode, 404);
      } finally {
        await t.close();
      }
    });
  }
});
