import type { DbOrTx, Tx } from '../db/database.ts';
import type { ThrottleState } from './throttle.ts';

/** All SQL of throttling. Keys hold no personal data in clear: callers hash what they key on. */

export async function getThrottleStates(db: DbOrTx, keys: string[]): Promise<Map<string, ThrottleState>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('throttles').selectAll().where('key', 'in', keys).execute();
  return new Map(
    rows.map((row) => [
      row.key,
      { failures: row.failures, windowStartedAt: row.window_started_at, blockedUntil: row.blocked_until },
    ]),
  );
}

export async function saveThrottleState(db: DbOrTx, key: string, state: ThrottleState): Promise<void> {
  const values = {
    failures: state.failures,
    window_started_at: state.windowStartedAt,
    blocked_until: state.blockedUntil,
  };
  await db
    .insertInto('throttles')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute();
}

export async function deleteThrottleStates(db: DbOrTx, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.deleteFrom('throttles').where('key', 'in', keys).execute();
}

/** Removes states whose window and block are both over; run by the worker. */
export async function deleteStaleThrottleStates(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('throttles')
    .where('window_started_at', '<', before)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Locks the key's row for the transaction (creating an empty one if needed); null when it had no failures. */
export async function lockThrottleState(tx: Tx, key: string, now: Date): Promise<ThrottleState | null> {
  await tx
    .insertInto('throttles')
    .values({ key, failures: 0, window_started_at: now, blocked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await tx
    .selectFrom('throttles')
    .selectAll()
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (row.failures === 0) return null;
  return { failures: row.failures, windowStartedAt: row.window_started_at, blockedUntil: row.blocked_until };
}
