import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import {
  consumeThrottleStates,
  deleteThrottleStates,
  lockThrottleStates,
  saveThrottleStates,
} from './throttle.repository.ts';
import type { ThrottlePolicy, ThrottleState } from './throttle.ts';

export type ThrottledKey = { key: string; policy: ThrottlePolicy };

/** Admitted (and counted), or refused with the longest wait among the keys (nothing counted). */
export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterMs: number };

// One order for every multi-row statement (see throttle.repository.ts); duplicates dropped, since
// one statement cannot update a row twice.
function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort();
}

/**
 * Counts one attempt against every key, atomically, unless one of them is blocked now — then
 * nothing is counted and the wait is returned. One statement (the database function of
 * throttle.repository.ts) locks the rows from the read to the write, so N concurrent attempts count
 * as N: the check and the count can no longer be raced apart (an attempt is reserved BEFORE the
 * work it guards, such as an argon2 verification, starts), in a single round trip.
 */
export async function consumeThrottleAttempt(
  db: Db,
  clock: Clock,
  keys: readonly ThrottledKey[],
): Promise<ThrottleVerdict> {
  const policies = new Map(keys.map((k) => [k.key, k.policy]));
  const ordered = sortedUnique(keys.map((k) => k.key)).flatMap((key) => {
    const policy = policies.get(key);
    return policy ? [{ key, policy }] : [];
  });
  if (ordered.length === 0) return { ok: true };
  const wait = await consumeThrottleStates(db, ordered, clock.now());
  return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
}

/** The state with one attempt taken back; a block already set stays (it ends on its own). */
function withoutOneAttempt(state: ThrottleState): ThrottleState {
  return { ...state, failures: Math.max(0, state.failures - 1) };
}

/**
 * Takes back an attempt that `consumeThrottleAttempt` counted on the `refund` keys (the guess was
 * right, or the work was never done) and forgets the `clear` keys entirely, in one transaction
 * that locks the rows in the shared order.
 */
export async function refundThrottleAttempt(
  db: Db,
  clock: Clock,
  keys: { refund: readonly string[]; clear?: readonly string[] },
): Promise<void> {
  const cleared = new Set(keys.clear ?? []);
  const refunded = keys.refund.filter((key) => !cleared.has(key));
  await db.transaction().execute(async (tx) => {
    const states = await lockThrottleStates(tx, sortedUnique([...refunded, ...cleared]), clock.now());
    const next = sortedUnique(refunded).flatMap((key) => {
      const state = states.get(key);
      return state ? [{ key, state: withoutOneAttempt(state) }] : [];
    });
    await saveThrottleStates(tx, next);
    await deleteThrottleStates(tx, sortedUnique([...cleared]));
  });
}

/** Forgets the keys' failures (the owner proved who they are). */
export async function clearThrottle(db: Db, clock: Clock, keys: readonly string[]): Promise<void> {
  await refundThrottleAttempt(db, clock, { refund: [], clear: keys });
}

/** A budget of bytes per window (uploads), kept in the same rows as the throttles. */
export type ByteQuota = { key: string; limitBytes: number; windowMs: number };

/**
 * Counts `bytes` against every quota, atomically (rows locked as above), unless one of them would
 * go over its limit — then nothing is counted and the wait until that window ends is returned.
 */
export async function consumeByteQuota(
  db: Db,
  clock: Clock,
  quotas: readonly ByteQuota[],
  bytes: number,
): Promise<ThrottleVerdict> {
  const byKey = new Map(quotas.map((q) => [q.key, q]));
  const ordered = sortedUnique(quotas.map((q) => q.key));
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const states = await lockThrottleStates(tx, ordered, now);
    const next: { key: string; state: ThrottleState }[] = [];
    let wait = 0;
    for (const key of ordered) {
      const quota = byKey.get(key) as ByteQuota;
      const state = states.get(key) ?? null;
      const live = state !== null && now.getTime() - state.windowStartedAt.getTime() < quota.windowMs;
      const used = live ? state.failures : 0;
      if (used + bytes > quota.limitBytes) {
        const windowEnd = live
          ? state.windowStartedAt.getTime() + quota.windowMs
          : now.getTime() + quota.windowMs;
        wait = Math.max(wait, windowEnd - now.getTime());
      }
      const windowStartedAt = live ? state.windowStartedAt : now;
      next.push({ key, state: { failures: used + bytes, windowStartedAt, blockedUntil: null } });
    }
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    await saveThrottleStates(tx, next);
    return { ok: true };
  });
}
