import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../../test/support/database.ts';
import { createManualClock } from '../clock.ts';
import { clearThrottle, consumeThrottleAttempt, refundThrottleAttempt } from './throttle.service.ts';
import type { ThrottlePolicy } from './throttle.ts';

const policy: ThrottlePolicy = {
  freeFailures: 4,
  baseDelayMs: 60_000,
  maxDelayMs: 600_000,
  windowMs: 3_600_000,
};

for (const kind of testDatabaseKinds()) {
  describe(`consumeThrottleAttempt [${kind}]`, () => {
    let database: TestDatabase;
    const clock = createManualClock(new Date('2026-11-24T10:00:00Z'));
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.destroy());

    it('admits exactly the allowance when 60 attempts arrive at once, and none fails', async () => {
      const keys = [
        { key: 'race:a', policy },
        { key: 'race:b', policy: { ...policy, freeFailures: 50 } },
      ];
      const verdicts = await Promise.all(
        Array.from({ length: 60 }, () => consumeThrottleAttempt(database.db, clock, keys)),
      );
      // Free failures go through, the next one sets the first block: freeFailures + 1 admitted.
      assert.equal(verdicts.filter((v) => v.ok).length, policy.freeFailures + 1);
      const row = await database.db
        .selectFrom('throttles')
        .selectAll()
        .where('key', '=', 'race:b')
        .executeTakeFirstOrThrow();
      assert.equal(row.failures, policy.freeFailures + 1, 'refused attempts count on no key');
      const refused = verdicts.find((v) => !v.ok);
      assert.ok(refused && !refused.ok && refused.retryAfterMs === policy.baseDelayMs);
    });

    it('survives a key being cleared while other requests hold or want its row', async () => {
      const keys = [{ key: 'race:cleared', policy: { ...policy, freeFailures: 1000 } }];
      const work = Array.from({ length: 80 }, (_, i) =>
        i % 4 === 0
          ? clearThrottle(database.db, clock, ['race:cleared']).then(() => 'cleared')
          : consumeThrottleAttempt(database.db, clock, keys).then((v) => (v.ok ? 'ok' : 'refused')),
      );
      const outcomes = await Promise.all(work);
      assert.equal(outcomes.filter((o) => o === 'refused').length, 0);
      assert.equal(outcomes.length, 80);
    });

    it('hands back a refunded attempt and forgets cleared keys', async () => {
      const keys = [
        { key: 'refund:kept', policy },
        { key: 'refund:cleared', policy },
      ];
      for (let i = 0; i < 3; i++) await consumeThrottleAttempt(database.db, clock, keys);
      await refundThrottleAttempt(database.db, clock, { refund: ['refund:kept'], clear: ['refund:cleared'] });
      const rows = await database.db
        .selectFrom('throttles')
        .select(['key', 'failures'])
        .where('key', 'in', ['refund:kept', 'refund:cleared'])
        .execute();
      assert.deepEqual(rows, [{ key: 'refund:kept', failures: 2 }]);
    });
  });
}
