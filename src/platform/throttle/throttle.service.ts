import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import {
  deleteThrottleStates,
  getThrottleStates,
  lockThrottleState,
  saveThrottleState,
} from './throttle.repository.ts';
import { nextThrottleState, retryAfterMs, type ThrottlePolicy } from './throttle.ts';

export type ThrottledKey = { key: string; policy: ThrottlePolicy };

/** The longest wait among the keys, in milliseconds; 0 when none is blocked. */
export async function getThrottleDelay(db: Db, clock: Clock, keys: ThrottledKey[]): Promise<number> {
  const states = await getThrottleStates(
    db,
    keys.map((k) => k.key),
  );
  const now = clock.now();
  return Math.max(0, ...keys.map((k) => retryAfterMs(states.get(k.key) ?? null, now)));
}

/** Counts one failure against every key. Row-locked so that concurrent failures are all counted. */
export async function recordThrottleFailure(db: Db, clock: Clock, keys: ThrottledKey[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    const now = clock.now();
    // Sorted keys: two concurrent callers lock rows in the same order and cannot deadlock.
    for (const { key, policy } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
      const previous = await lockThrottleState(tx, key, now);
      await saveThrottleState(tx, key, nextThrottleState(previous, policy, now));
    }
  });
}

export async function clearThrottle(db: Db, keys: string[]): Promise<void> {
  await deleteThrottleStates(db, keys);
}
