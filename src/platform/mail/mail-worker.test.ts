import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createRecordingTransport, enqueueTestEmail, waitFor } from '../../../test/support/mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { startMailWorker } from './mail-worker.ts';

for (const kind of testDatabaseKinds()) {
  describe(`startMailWorker (${kind})`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    it('delivers what is queued, one round at a time, and stops cleanly', async () => {
      for (let i = 0; i < 25; i += 1) await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport({ delayMs: 2 });
      const worker = startMailWorker(t.deps, recorder.transport, { intervalMs: 20, batchSize: 4 });
      try {
        await waitFor(() => recorder.sent.length === 25);
        // Emails queued while it runs are picked up at a later round.
        await enqueueTestEmail(t.deps);
        await waitFor(() => recorder.sent.length === 26);
      } finally {
        await worker.stop();
      }
      assert.equal(recorder.maxInFlight, 1, 'rounds never overlap');
      assert.ok(recorder.closed, 'the transport is closed on stop');
      await enqueueTestEmail(t.deps);
      await new Promise((resolve) => setTimeout(resolve, 80));
      assert.equal(recorder.sent.length, 26, 'nothing is sent after stop');
    });

    it('goes again at once while batches are full, and sleeps its interval after one that was not', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      for (let i = 0; i < 40; i += 1) await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport({ concurrency: 4, delayMs: 2 });
      // An interval far longer than the test: only rounds that follow a full batch can run.
      const worker = startMailWorker(t.deps, recorder.transport, { intervalMs: 60_000, batchSize: 5 });
      try {
        await waitFor(() => recorder.sent.length === 40);
        assert.equal(recorder.maxInFlight, 4, 'a round sends as many at once as the transport takes');
        // 40 is eight full batches: the ninth round found nothing and the worker sleeps.
        await new Promise((resolve) => setTimeout(resolve, 100));
        await enqueueTestEmail(t.deps);
        await new Promise((resolve) => setTimeout(resolve, 200));
        assert.equal(recorder.sent.length, 40, 'asleep after a round that was not full');
      } finally {
        await worker.stop();
      }
    });

    it('waits for the round in progress before stop() resolves', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport({ delayMs: 150 });
      const worker = startMailWorker(t.deps, recorder.transport, { intervalMs: 20 });
      try {
        await waitFor(() => recorder.maxInFlight === 1);
      } finally {
        await worker.stop();
      }
      assert.equal(recorder.sent.length, 1);
      const row = await t.deps.db.selectFrom('email_outbox').select('status').executeTakeFirstOrThrow();
      assert.equal(row.status, 'sent');
    });

    it('keeps going after a failed round (the database unreachable for a moment)', async () => {
      await t.deps.db.deleteFrom('email_outbox').execute();
      await enqueueTestEmail(t.deps);
      const recorder = createRecordingTransport();
      let broken = 2;
      const flakyDb = new Proxy(t.deps.db, {
        get(target, property, receiver) {
          if (property === 'transaction' && broken > 0) {
            broken -= 1;
            throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
          }
          // Bound to the real instance: Kysely's methods use private fields that a proxy lacks.
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const worker = startMailWorker({ ...t.deps, db: flakyDb }, recorder.transport, { intervalMs: 10 });
      try {
        await waitFor(() => recorder.sent.length === 1);
      } finally {
        await worker.stop();
      }
      assert.equal(broken, 0);
    });
  });
}
