import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { enqueueTestEmail, startTestSmtpServer, type TestSmtpServer } from '../../../test/support/mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { HOUR } from '../clock.ts';
import { deliverDueEmails } from './outbox.service.ts';
import { createMailTransport, createSmtpTransport } from './transports.ts';

const message = (n: number) => ({
  from: 'a@example.org',
  to: `b${n}@example.org`,
  subject: 's',
  text: 't',
  html: '<p>t</p>',
  messageId: `<${n}@pool.example>`,
});

describe('pooled SMTP transport', () => {
  it('delivers 30 emails over at most 3 connections, each Message-ID once', async () => {
    const smtp = await startTestSmtpServer();
    const transport = createSmtpTransport(smtp.url, {
      rejectUnauthorized: true,
      requireTls: false,
      poolConnections: 3,
      poolMessages: 100,
    });
    try {
      assert.equal(transport.concurrency, 3);
      await Promise.all(Array.from({ length: 30 }, (_, n) => transport.send(message(n))));
      assert.ok(smtp.connections >= 1 && smtp.connections <= 3, `${smtp.connections} connections`);
      assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, 30);
      assert.equal(smtp.received.length, 30);
    } finally {
      await transport.close?.();
      await smtp.close();
    }
  });

  it('replaces a connection after SMTP_POOL_MESSAGES messages', async () => {
    const smtp = await startTestSmtpServer();
    const transport = createSmtpTransport(smtp.url, {
      rejectUnauthorized: true,
      requireTls: false,
      poolConnections: 1,
      poolMessages: 5,
    });
    try {
      for (let n = 0; n < 20; n += 1) await transport.send(message(n));
      assert.equal(smtp.connections, 4);
      assert.equal(smtp.received.length, 20);
    } finally {
      await transport.close?.();
      await smtp.close();
    }
  });
});

for (const kind of testDatabaseKinds()) {
  describe(`outbox over a pooled SMTP transport (${kind})`, () => {
    let smtp: TestSmtpServer;
    let t: TestApp;
    before(async () => {
      smtp = await startTestSmtpServer();
      t = await buildTestApp(kind, { SMTP_URL: smtp.url, SMTP_POOL_CONNECTIONS: '4' });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    it('sends 200 emails exactly once with two delivery loops on one database at the same time', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      smtp.received.length = 0;
      const before = smtp.connections;
      for (let i = 0; i < 200; i += 1) await enqueueTestEmail(t.deps, { to: `client${i}@example.org` });
      // Two workers, each with its own pool, as two processes would have.
      const transports = [createMailTransport(t.deps.config), createMailTransport(t.deps.config)];
      try {
        const totals = await Promise.all(
          transports.map(async (transport, n) => {
            let sent = 0;
            for (;;) {
              const report = await deliverDueEmails(t.deps, transport, { batchSize: 20, workerId: `w${n}` });
              sent += report.sent;
              if (report.sent + report.failed + report.abandoned === 0) return sent;
            }
          }),
        );
        assert.equal(
          totals.reduce((a, b) => a + b, 0),
          200,
        );
      } finally {
        for (const transport of transports) await transport.close?.();
      }
      assert.equal(smtp.received.length, 200, 'no duplicate at the relay');
      assert.equal(new Set(smtp.received.map((m) => m.messageId)).size, 200);
      assert.ok(smtp.connections - before <= 8, `${smtp.connections - before} connections for 200 emails`);
      const rows = await t.deps.db.selectFrom('email_outbox').select(['status', 'message_id']).execute();
      assert.ok(rows.every((r) => r.status === 'sent'));
      assert.deepEqual(
        new Set(rows.map((r) => r.message_id)),
        new Set(smtp.received.map((m) => m.messageId)),
      );
    });

    it('in a batch sent at once, retries only the email that got a 4xx and abandons only the 5xx one', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      smtp.received.length = 0;
      for (let i = 0; i < 8; i += 1) await enqueueTestEmail(t.deps, { to: `batch${i}@example.org` });
      smtp.answerFor.set('batch2@example.org', { code: 451, message: 'Try again later' });
      smtp.answerFor.set('batch5@example.org', { code: 550, message: 'No such user' });
      const transport = createMailTransport(t.deps.config);
      try {
        const options = { batchSize: 10, workerId: 'w' };
        assert.deepEqual(await deliverDueEmails(t.deps, transport, options), {
          sent: 6,
          failed: 1,
          abandoned: 1,
        });
        const byRecipient = new Map(
          (
            await t.deps.db.selectFrom('email_outbox').select(['recipient', 'status', 'last_error']).execute()
          ).map((r) => [r.recipient, r]),
        );
        assert.equal(byRecipient.get('batch2@example.org')?.status, 'queued');
        assert.match(byRecipient.get('batch2@example.org')?.last_error ?? '', /451/);
        assert.equal(byRecipient.get('batch5@example.org')?.status, 'abandoned');
        assert.equal([...byRecipient.values()].filter((r) => r.status === 'sent').length, 6);

        smtp.answerFor.clear();
        t.clock.advance(HOUR);
        assert.deepEqual(await deliverDueEmails(t.deps, transport, options), {
          sent: 1,
          failed: 0,
          abandoned: 0,
        });
        const recipients = smtp.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''));
        assert.equal(recipients.length, 7);
        assert.equal(new Set(recipients).size, 7);
        assert.ok(!recipients.includes('batch5@example.org'));
      } finally {
        smtp.answerFor.clear();
        await transport.close?.();
      }
    });
  });
}
