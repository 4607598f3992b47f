import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import {
  createTestAccount,
  OTHER_STRONG_PASSWORD,
  STRONG_PASSWORD,
} from '../../../test/support/factories.ts';
import { enqueueTestEmail, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/mail.ts';
import { buildTestApp, createClient, type TestApp } from '../../../test/support/test-app.ts';
import { HOUR } from '../clock.ts';
import { deliverDueEmails } from './outbox.service.ts';
import { createMailTransport, createSmtpTransport, type MailTransport } from './transports.ts';

const round = { batchSize: 10, workerId: 'smtp-test' };

for (const kind of testDatabaseKinds()) {
  describe(`outbox over real SMTP (${kind})`, () => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    // One pooled transport for the whole file, as a worker keeps one: its connections outlive a round.
    let transport: MailTransport;
    before(async () => {
      smtp = await startTestSmtpServer();
      t = await buildTestApp(kind, { SMTP_URL: smtp.url, PUBLIC_URL: 'http://espace.example.fr' });
      transport = createMailTransport(t.deps.config);
    });
    after(async () => {
      await transport.close?.();
      await t.close();
      await smtp.close();
    });

    it('delivers the password-changed email after a password change through the API', async () => {
      const { account } = await createTestAccount(t.deps);
      const client = createClient(t.app);
      await client.signIn(account.email, STRONG_PASSWORD);
      const response = await client.api('POST', '/api/v1/account/password', {
        currentPassword: STRONG_PASSWORD,
        newPassword: OTHER_STRONG_PASSWORD,
      });
      assert.equal(response.statusCode, 204);
      const report = await deliverDueEmails(t.deps, transport, round);
      assert.deepEqual(report, { sent: 1, failed: 0, abandoned: 0 });

      const [mail] = smtp.received;
      assert.equal(mail?.subject, 'Votre mot de passe a été modifié');
      assert.equal(mail?.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null, account.email);
      assert.equal(mail?.from?.value[0]?.address, 'no-reply@sesame.localhost');
      assert.match(mail?.text ?? '', /http:\/\/espace\.example\.fr\/password\/forgot/);
      assert.match(mail?.text ?? '', /Si ce n’est pas vous/);
      assert.match(String(mail?.html), /href="http:\/\/espace\.example\.fr\/password\/forgot"/);
      assert.match(mail?.messageId ?? '', /^<[0-9a-f-]{36}@espace\.example\.fr>$/);
      assert.equal(mail?.headers.get('auto-submitted'), 'auto-generated');
      const row = await t.deps.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('account_id', '=', account.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([row.kind, row.status, row.sealed_message], ['password-changed', 'sent', '']);
      assert.equal(row.message_id, mail?.messageId);
      const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
      assert.match(metrics.body, /sesame_emails_total\{outcome="sent"\} [1-9]/);
    });

    it('keeps emails through an SMTP outage (451, then the relay down) and delivers each once after', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      smtp.received.length = 0;
      for (let i = 0; i < 3; i += 1) await enqueueTestEmail(t.deps, { to: `outage${i}@example.org` });

      smtp.answer = { code: 451, message: 'Requested action aborted: try again later' };
      assert.deepEqual(await deliverDueEmails(t.deps, transport, round), {
        sent: 0,
        failed: 3,
        abandoned: 0,
      });
      const rows = await t.deps.db.selectFrom('email_outbox').select(['status', 'last_error']).execute();
      assert.ok(
        rows.every((r) => r.status === 'queued' && /451/.test(r.last_error ?? '')),
        JSON.stringify(rows),
      );

      // The relay goes away altogether: connection refused.
      const port = smtp.port;
      await smtp.close();
      t.clock.advance(HOUR);
      assert.deepEqual(await deliverDueEmails(t.deps, transport, round), {
        sent: 0,
        failed: 3,
        abandoned: 0,
      });

      smtp = await startTestSmtpServer({ port });
      t.clock.advance(HOUR);
      assert.deepEqual(await deliverDueEmails(t.deps, transport, round), {
        sent: 3,
        failed: 0,
        abandoned: 0,
      });
      t.clock.advance(HOUR);
      assert.deepEqual(await deliverDueEmails(t.deps, transport, round), {
        sent: 0,
        failed: 0,
        abandoned: 0,
      });
      const recipients = smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')).sort();
      assert.deepEqual(recipients, ['outage0@example.org', 'outage1@example.org', 'outage2@example.org']);
      assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, 3);
    });

    it('abandons at once an email the relay refuses for good (5xx)', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      await enqueueTestEmail(t.deps);
      smtp.answer = { code: 554, message: 'Transaction failed: policy' };
      try {
        assert.deepEqual(await deliverDueEmails(t.deps, transport, round), {
          sent: 0,
          failed: 0,
          abandoned: 1,
        });
      } finally {
        smtp.answer = null;
      }
    });
  });
}

describe('SMTP transport TLS settings', () => {
  const message = {
    from: 'a@example.org',
    to: 'b@example.org',
    subject: 's',
    text: 't',
    html: '<p>t</p>',
    messageId: '<1@x>',
  };

  it('SMTP_REQUIRE_TLS refuses a relay without STARTTLS', async () => {
    const smtp = await startTestSmtpServer();
    try {
      await assert.rejects(
        createSmtpTransport(smtp.url, { rejectUnauthorized: true, requireTls: true }).send(message),
      );
      await createSmtpTransport(smtp.url, { rejectUnauthorized: true, requireTls: false }).send(message);
      assert.equal(smtp.received.length, 1);
    } finally {
      await smtp.close();
    }
  });

  it('SMTP_TLS_REJECT_UNAUTHORIZED=false accepts a self-signed certificate; the default does not', async () => {
    const smtp = await startTestSmtpServer({ starttls: true });
    try {
      await assert.rejects(
        createSmtpTransport(smtp.url, { rejectUnauthorized: true, requireTls: true }).send(message),
      );
      await createSmtpTransport(smtp.url, { rejectUnauthorized: false, requireTls: true }).send(message);
      assert.equal(smtp.received.length, 1);
    } finally {
      await smtp.close();
    }
  });
});
