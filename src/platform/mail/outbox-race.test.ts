import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createRecordingTransport, enqueueTestEmail } from '../../../test/support/mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { deliverDueEmails } from './outbox.service.ts';

const EMAILS = 60;
const WORKERS = 4;

// On PostgreSQL the workers really race: each call gets its own pooled connection, and the claims
// overlap with the others' sends. PGlite has one connection, so there it only checks the bookkeeping.
for (const kind of testDatabaseKinds()) {
  describe(`outbox delivery with racing workers (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it(`delivers each of ${EMAILS} emails exactly once with ${WORKERS} workers at the same time`, async () => {
      for (let i = 0; i < EMAILS; i += 1) await enqueueTestEmail(t.deps, { to: `client${i}@example.org` });
      // A slow relay keeps claims and sends overlapping.
      const recorder = createRecordingTransport({ delayMs: 3 });
      const totals = await Promise.all(
        Array.from({ length: WORKERS }, async (_, n) => {
          let sent = 0;
          for (;;) {
            const report = await deliverDueEmails(t.deps, recorder.transport, {
              batchSize: 4,
              workerId: `worker-${n}`,
            });
            sent += report.sent;
            if (report.sent + report.failed + report.abandoned === 0) return sent;
          }
        }),
      );
      assert.equal(recorder.sent.length, EMAILS);
      assert.equal(new Set(recorder.sent.map((m) => m.messageId)).size, EMAILS, 'no email sent twice');
      assert.equal(
        totals.reduce((a, b) => a + b, 0),
        EMAILS,
      );
      const rows = await t.deps.db
        .selectFrom('email_outbox')
        .select(['status', 'attempts', 'claimed_by'])
        .execute();
      assert.ok(rows.every((r) => r.status === 'sent' && r.attempts === 1));
      if (kind === 'postgres') {
        const workers = new Set(rows.map((r) => r.claimed_by));
        assert.ok(workers.size > 1, `the work was shared (${[...workers].join(', ')})`);
      }
    });

    it('gives two simultaneous claims disjoint emails', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      for (let i = 0; i < 10; i += 1) await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport({ delayMs: 5 });
      const [a, b] = await Promise.all([
        deliverDueEmails(t.deps, recorder.transport, { batchSize: 5, workerId: 'a' }),
        deliverDueEmails(t.deps, recorder.transport, { batchSize: 5, workerId: 'b' }),
      ]);
      assert.equal(a.sent + b.sent, 10);
      assert.equal(new Set(recorder.sent.map((m) => m.messageId)).size, 10);
    });
  });
}
