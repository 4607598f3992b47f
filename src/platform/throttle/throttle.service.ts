import type { Clock } from '../clock.ts';
import type { Db } from '../db/database.ts';
import { deleteThrottleStates, lockThrottleStates, saveThrottleStates } from './throttle.repository.ts';
import { nextThrottleState, retryAfterMs, type ThrottlePolicy, type ThrottleState } from './throttle.ts';

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
 * nothing is counted and the wait is returned. The rows are locked from the read to the write, so
 * N concurrent attempts count as N: the check and the count can no longer be raced apart (an
 * attempt is reserved BEFORE the work it guards, such as an argon2 verification, starts).
 */
export async function consumeThrottleAttempt(
  db: Db,
  clock: Clock,
  keys: readonly ThrottledKey[],
): Promise<ThrottleVerdict> {
  const policies = new Map(keys.map((k) => [k.key, k.policy]));
  const ordered = sortedUnique(keys.map((k) => k.key));
  return db.transaction().execute(async (tx) => {
    const now = clock.now();
    const states = await lockThrottleStates(tx, ordered, now);
    const wait = Math.max(0, ...ordered.map((key) => retryAfterMs(states.get(key) ?? null, now)));
    if (wait > 0) return { ok: false, retryAfterMs: wait };
    const next = ordered.flatMap((key) => {
      const policy = policies.get(key);
      return policy ? [{ key, state: nextThrottleState(states.get(key) ?? null, policy, now) }] : [];
    });
    await saveThrottleStates(tx, next);
    return { ok: true };
  });
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
