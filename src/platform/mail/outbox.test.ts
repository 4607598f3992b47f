import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createRecordingTransport, enqueueTestEmail } from '../../../test/support/mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { HOUR, MINUTE } from '../clock.ts';
import { claimDueOutboxEmails, markOutboxEmailSent } from './outbox.repository.ts';
import { deliverDueEmails, enqueueEmail } from './outbox.service.ts';
import { CLAIM_LEASE_MS, MAX_DELIVERY_ATTEMPTS } from './outbox.ts';

const TOKEN = 'Zm9vYmFyLXRva2VuLXRoYXQtbXVzdC1uZXZlci1sZWFr';
const options = { batchSize: 10, workerId: 'test-worker' };

for (const kind of testDatabaseKinds()) {
  describe(`outbox (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
    });
    after(() => t.close());

    const rowOf = (id: string) =>
      t.deps.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const drain = () => t.deps.db.deleteFrom('email_outbox').execute();

    it('commits an email with its transaction, and not at all when it rolls back', async () => {
      await drain();
      await assert.rejects(
        t.deps.db.transaction().execute(async (tx) => {
          await enqueueEmail(tx, t.deps, {
            to: 'a@example.org',
            accountId: null,
            kind: 'test',
            rendered: { subject: 's', text: 't', html: 'h' },
          });
          throw new Error('the change failed');
        }),
        /the change failed/,
      );
      assert.equal((await t.deps.db.selectFrom('email_outbox').select('id').execute()).length, 0);
    });

    it('keeps no token in clear in the table before delivery, and nothing of the body after', async () => {
      await drain();
      const { id } = await enqueueTestEmail(t.deps, {
        text: `Lien : https://espace.example.fr/r?token=${TOKEN}`,
      });
      const queued = await rowOf(id);
      assert.equal(queued.status, 'queued');
      assert.match(queued.sealed_message, /^v1\./);
      assert.doesNotMatch(JSON.stringify(queued), new RegExp(`${TOKEN}|Lien|Essai`));
      const recorder = createRecordingTransport();
      assert.deepEqual(await deliverDueEmails(t.deps, recorder.transport, options), {
        sent: 1,
        failed: 0,
        abandoned: 0,
      });
      assert.match(recorder.sent[0]?.text ?? '', new RegExp(TOKEN));
      const sent = await rowOf(id);
      assert.equal(sent.status, 'sent');
      assert.equal(sent.sealed_message, '');
      assert.equal(sent.message_id, `<${id}@espace.example.fr>`);
      assert.equal(recorder.sent[0]?.messageId, sent.message_id);
      assert.equal(recorder.sent[0]?.headers?.['Auto-Submitted'], 'auto-generated');
      assert.equal(sent.sent_at?.getTime(), t.clock.now().getTime());
    });

    it('retries a transient failure after a backoff, then delivers once', async () => {
      await drain();
      const { id } = await enqueueTestEmail(t.deps);
      const down = createRecordingTransport({
        fail: () => Object.assign(new Error('Connection refused'), { code: 'ESOCKET' }),
      });
      assert.equal((await deliverDueEmails(t.deps, down.transport, options)).failed, 1);
      const failed = await rowOf(id);
      assert.equal(failed.status, 'queued');
      assert.equal(failed.attempts, 1);
      assert.equal(failed.last_error, 'ESOCKET: Connection refused');
      const wait = failed.next_attempt_at.getTime() - t.clock.now().getTime();
      assert.ok(wait >= 15_000 && wait <= 30_000, `first retry after 15–30 s, not ${wait} ms`);
      const up = createRecordingTransport();
      assert.equal((await deliverDueEmails(t.deps, up.transport, options)).sent, 0, 'not before its time');
      t.clock.advance(30_000);
      assert.equal((await deliverDueEmails(t.deps, up.transport, options)).sent, 1);
      t.clock.advance(HOUR);
      assert.equal((await deliverDueEmails(t.deps, up.transport, options)).sent, 0);
      assert.equal(up.sent.length, 1);
    });

    it(`abandons after ${MAX_DELIVERY_ATTEMPTS} attempts, and at once on a permanent rejection`, async () => {
      await drain();
      const { id } = await enqueueTestEmail(t.deps);
      const down = createRecordingTransport({ fail: () => new Error('451 try later') });
      const totals = { sent: 0, failed: 0, abandoned: 0 };
      for (let round = 0; round < MAX_DELIVERY_ATTEMPTS + 3; round += 1) {
        const report = await deliverDueEmails(t.deps, down.transport, options);
        for (const key of ['sent', 'failed', 'abandoned'] as const) totals[key] += report[key];
        t.clock.advance(2 * HOUR);
      }
      assert.deepEqual(totals, { sent: 0, failed: MAX_DELIVERY_ATTEMPTS - 1, abandoned: 1 });
      const abandoned = await rowOf(id);
      assert.equal(abandoned.status, 'abandoned');
      assert.equal(abandoned.attempts, MAX_DELIVERY_ATTEMPTS);
      assert.equal(abandoned.sealed_message, '');

      const rejected = await enqueueTestEmail(t.deps);
      const permanent = Object.assign(new Error('550 5.1.1 no such user'), {
        responseCode: 550,
        permanent: true,
      });
      const refusing = createRecordingTransport({ fail: () => permanent });
      assert.equal((await deliverDueEmails(t.deps, refusing.transport, options)).abandoned, 1);
      assert.equal((await rowOf(rejected.id)).attempts, 1);
      assert.equal((await rowOf(rejected.id)).last_error, '550: 550 5.1.1 no such user');
    });

    it('takes back an email whose worker died between claim and send, once the lease is over', async () => {
      await drain();
      const { id } = await enqueueTestEmail(t.deps);
      const now = t.clock.now();
      const deadClaimId = crypto.randomUUID();
      const dead = await claimDueOutboxEmails(t.deps.db, {
        now,
        leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS),
        batchSize: 10,
        claimId: deadClaimId,
        workerId: 'crashed',
        maxAttempts: MAX_DELIVERY_ATTEMPTS,
      });
      assert.equal(dead.claimed.length, 1);
      const recorder = createRecordingTransport();
      assert.equal(
        (await deliverDueEmails(t.deps, recorder.transport, options)).sent,
        0,
        'held by the lease',
      );
      t.clock.advance(CLAIM_LEASE_MS);
      assert.equal((await deliverDueEmails(t.deps, recorder.transport, options)).sent, 1);
      assert.equal((await rowOf(id)).attempts, 2);
      // The dead worker coming back to life cannot overwrite the outcome.
      const late = await markOutboxEmailSent(
        t.deps.db,
        { id, claimId: deadClaimId },
        { at: now, messageId: '<late@x>' },
      );
      assert.equal(late, false);
      assert.equal((await rowOf(id)).message_id, `<${id}@espace.example.fr>`);
    });

    it('releases, uncounted, what it could not send before its lease runs short', async () => {
      await drain();
      const first = await enqueueTestEmail(t.deps);
      const second = await enqueueTestEmail(t.deps);
      // A relay so slow that the first send eats four of the lease's five minutes.
      const slow = createRecordingTransport({
        fail: () => {
          t.clock.advance(4 * MINUTE);
          return null;
        },
      });
      assert.deepEqual(await deliverDueEmails(t.deps, slow.transport, options), {
        sent: 1,
        failed: 0,
        abandoned: 0,
      });
      const [a, b] = [await rowOf(first.id), await rowOf(second.id)];
      assert.deepEqual([a.status, b.status].sort(), ['queued', 'sent']);
      const released = a.status === 'queued' ? a : b;
      assert.equal(released.attempts, 0);
      assert.equal(released.claim_id, null);
    });

    it('retries an email sealed with another master key, and says why', async () => {
      await drain();
      const { id } = await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport();
      const report = await deliverDueEmails(
        { ...t.deps, masterKey: randomBytes(32) },
        recorder.transport,
        options,
      );
      assert.equal(report.failed, 1);
      assert.equal((await rowOf(id)).last_error, 'cannot open sealed box: wrong-key');
      assert.equal(recorder.sent.length, 0);
    });

    it('refuses headers that would redirect an email or inject another header', async () => {
      const refused: Record<string, string>[] = [
        { Bcc: 'x@evil.example' },
        { 'X-Ref': 'a\r\nBcc: x@evil.example' },
        { 'X Bad': 'v' },
      ];
      for (const headers of refused) {
        await assert.rejects(
          t.deps.db.transaction().execute((tx) =>
            enqueueEmail(tx, t.deps, {
              to: 'a@example.org',
              accountId: null,
              kind: 'test',
              rendered: { subject: 's', text: 't', html: 'h' },
              headers,
            }),
          ),
          /header/,
        );
      }
    });
  });
}
