import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { ThrottlePolicy, ThrottleState } from './throttle.ts';

/**
 * All SQL of throttling. Keys hold no personal data in clear: callers hash what they key on.
 * Every statement that touches several rows takes them in the same order (the keys sorted by the
 * caller, one multi-row statement): two requests sharing keys cannot deadlock.
 */

/**
 * Locks the rows of `keys` for the transaction, creating the missing ones, in ONE statement, and
 * returns their states (null for a key without failures). An upsert rather than INSERT-then-SELECT:
 * a row deleted by a concurrent request between the two (a successful sign-in clearing its key) is
 * re-inserted by PostgreSQL instead of being missed.
 */
export async function lockThrottleStates(
  tx: Tx,
  keys: readonly string[],
  now: Date,
): Promise<Map<string, ThrottleState | null>> {
  if (keys.length === 0) return new Map();
  const rows = await tx
    .insertInto('throttles')
    .values(keys.map((key) => ({ key, failures: 0, window_started_at: now, blocked_until: null })))
    // A no-op update: it takes the row lock and RETURNING gives the row as it was.
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ failures: eb.ref('throttles.failures') })))
    .returningAll()
    .execute();
  return new Map(
    rows.map((row) => [
      row.key,
      row.failures === 0
        ? null
        : { failures: row.failures, windowStartedAt: row.window_started_at, blockedUntil: row.blocked_until },
    ]),
  );
}

/** Writes the states of keys locked by `lockThrottleStates`, in one statement. */
export async function saveThrottleStates(
  tx: Tx,
  states: readonly { key: string; state: ThrottleState }[],
): Promise<void> {
  if (states.length === 0) return;
  await tx
    .insertInto('throttles')
    .values(
      states.map(({ key, state }) => ({
        key,
        failures: state.failures,
        window_started_at: state.windowStartedAt,
        blocked_until: state.blockedUntil,
      })),
    )
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.ref('excluded.failures'),
        window_started_at: eb.ref('excluded.window_started_at'),
        blocked_until: eb.ref('excluded.blocked_until'),
      })),
    )
    .execute();
}

export async function deleteThrottleStates(tx: Tx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.deleteFrom('throttles').where('key', 'in', keys).execute();
}

/**
 * Removes states whose window and block are both over; run by the worker. Rows locked by a request
 * right now are skipped (SKIP LOCKED), so the sweep never waits on, nor deadlocks with, a sign-in.
 */
export async function deleteStaleThrottleStates(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('throttles')
    .where('key', 'in', (eb) =>
      eb
        .selectFrom('throttles')
        .select('key')
        .where('window_started_at', '<', before)
        .where((w) => w.or([w('blocked_until', 'is', null), w('blocked_until', '<', before)]))
        .forUpdate()
        .skipLocked(),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Counts one attempt on each key unless one is blocked at `now`, in ONE statement: the function
 * `sesame_consume_throttle` (migration 2026-12-07-007) locks the rows in the given order (sorted,
 * unique), reads them and writes them as `nextThrottleState` would. Returns the longest wait in
 * milliseconds when refused (nothing counted), 0 when admitted.
 */
export async function consumeThrottleStates(
  db: DbOrTx,
  keys: readonly { key: string; policy: ThrottlePolicy }[],
  now: Date,
): Promise<number> {
  const { rows } = await sql<{ wait: string | number }>`
    SELECT sesame_consume_throttle(
      ${keys.map((k) => k.key)}::text[],
      ${keys.map((k) => k.policy.freeFailures)}::integer[],
      ${keys.map((k) => k.policy.baseDelayMs)}::bigint[],
      ${keys.map((k) => k.policy.maxDelayMs)}::bigint[],
      ${keys.map((k) => k.policy.windowMs)}::bigint[],
      ${now}::timestamptz
    ) AS wait`.execute(db);
  return Number(rows[0]?.wait ?? 0);
}
