import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../../test/support/database.ts';
import { consumeThrottleStates } from './throttle.repository.ts';
import { nextThrottleState, retryAfterMs, type ThrottlePolicy, type ThrottleState } from './throttle.ts';

/** A small seeded generator (mulberry32): the same cases on every run and both databases. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MINUTE = 60_000;

// The database function sesame_consume_throttle does in one statement what nextThrottleState and
// retryAfterMs describe: for random states, policies and instants, both must agree to the millisecond.
for (const kind of testDatabaseKinds()) {
  describe(`sesame_consume_throttle against nextThrottleState [${kind}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await createTestDatabase(kind);
    });
    after(() => t.destroy());

    it('agrees on 300 random cases: the wait when blocked (nothing counted), else the next state', async () => {
      const random = seeded(17);
      const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)] as T;
      const now = new Date('2026-12-07T12:00:00.000Z');
      for (let i = 0; i < 300; i++) {
        const key = `case-${i}`;
        const policy: ThrottlePolicy = {
          freeFailures: pick([0, 2, 5, 19]),
          baseDelayMs: pick([1000, MINUTE]),
          maxDelayMs: pick([15 * MINUTE, 60 * MINUTE]),
          windowMs: pick([MINUTE, 60 * MINUTE]),
        };
        const failures = pick([0, 0, 1, 3, 6, 25, 40]);
        const before: ThrottleState | null =
          failures === 0
            ? null
            : {
                failures,
                windowStartedAt: new Date(now.getTime() - Math.floor(random() * 2 * policy.windowMs)),
                blockedUntil: pick([
                  null,
                  new Date(now.getTime() + Math.floor((random() - 0.5) * 20 * MINUTE)),
                ]),
              };
        if (before)
          await t.db
            .insertInto('throttles')
            .values({
              key,
              failures: before.failures,
              window_started_at: before.windowStartedAt,
              blocked_until: before.blockedUntil,
            })
            .execute();
        const wait = await consumeThrottleStates(t.db, [{ key, policy }], now);
        const row = await t.db
          .selectFrom('throttles')
          .selectAll()
          .where('key', '=', key)
          .executeTakeFirstOrThrow();
        const stored = {
          failures: row.failures,
          windowStartedAt: row.window_started_at,
          blockedUntil: row.blocked_until,
        };
        const expectedWait = retryAfterMs(before, now);
        assert.equal(wait, expectedWait, `case ${i}: wait`);
        const expected = expectedWait > 0 ? before : nextThrottleState(before, policy, now);
        assert.deepEqual(stored, expected, `case ${i}: ${JSON.stringify({ before, policy })}`);
      }
    });

    it('counts nothing on any key when one of them is blocked, and the longest wait wins', async () => {
      const policy: ThrottlePolicy = {
        freeFailures: 1,
        baseDelayMs: MINUTE,
        maxDelayMs: 60 * MINUTE,
        windowMs: 60 * MINUTE,
      };
      const now = new Date('2026-12-07T13:00:00.000Z');
      await t.db
        .insertInto('throttles')
        .values([
          {
            key: 'multi-a',
            failures: 4,
            window_started_at: now,
            blocked_until: new Date(now.getTime() + 5000),
          },
          {
            key: 'multi-b',
            failures: 9,
            window_started_at: now,
            blocked_until: new Date(now.getTime() + 9000),
          },
        ])
        .execute();
      const keys = ['multi-a', 'multi-b', 'multi-c'].map((key) => ({ key, policy }));
      assert.equal(await consumeThrottleStates(t.db, keys, now), 9000);
      const rows = await t.db
        .selectFrom('throttles')
        .select(['key', 'failures'])
        .where('key', 'like', 'multi-%')
        .orderBy('key')
        .execute();
      assert.deepEqual(
        rows.map((r) => [r.key, r.failures]),
        [
          ['multi-a', 4],
          ['multi-b', 9],
          ['multi-c', 0],
        ],
      );
    });
  });
}
