import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { type RecoveryStatus, terminalRecoveryStatuses } from './case.ts';

/** The worker's queries: which cases are due for completion, expiry or the purge of their documents. */

/** Ids of approved cases whose objection window ended at or before `now`, oldest deadline first. */
export async function listRecoveryCaseIdsDueForCompletion(
  db: DbOrTx,
  now: Date,
  limit = 100,
): Promise<string[]> {
  const rows = await db
    .selectFrom('recovery_cases')
    .select('id')
    .where('status', '=', 'approved')
    .where('objection_deadline', '<=', now)
    .orderBy('objection_deadline', 'asc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Ids of cases in `status` with no activity since `before`. Activity is the later of the
 * claimant's last action and the case's last change (a request for more information is a change).
 */
export async function listInactiveRecoveryCaseIds(
  db: DbOrTx,
  status: RecoveryStatus,
  before: Date,
  limit = 200,
): Promise<string[]> {
  const rows = await db
    .selectFrom('recovery_cases')
    .select('id')
    .where('status', '=', status)
    .where(sql<Date>`greatest(last_activity_at, updated_at)`, '<', before)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of terminal cases closed before `closedBefore` whose documents are not purged yet. */
export async function listRecoveryCaseIdsDueForPurge(
  db: DbOrTx,
  closedBefore: Date,
  limit = 200,
): Promise<string[]> {
  const rows = await db
    .selectFrom('recovery_cases')
    .select('id')
    .where('status', 'in', [...terminalRecoveryStatuses])
    .where('documents_purged_at', 'is', null)
    // closed_at is set by every transition to a terminal state; updated_at covers a row that missed it.
    .where(sql<Date>`coalesce(closed_at, updated_at)`, '<=', closedBefore)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
