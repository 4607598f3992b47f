import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { RecoveryFlagRow } from '../platform/db/schema.ts';
import type { RecoveryFlag } from './flags.ts';

/** All SQL of the recovery_flags table: the automatic doubts raised on a case, and their resolution. */

function toRecoveryFlag(row: RecoveryFlagRow): RecoveryFlag {
  return {
    id: row.id,
    caseId: row.case_id,
    code: row.code,
    details: row.details,
    raisedAt: row.raised_at,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    resolutionNote: row.resolution_note,
  };
}

export async function insertRecoveryFlag(
  tx: Tx,
  flag: { caseId: string; code: string; details: Record<string, unknown>; raisedAt: Date },
): Promise<RecoveryFlag> {
  const row = await tx
    .insertInto('recovery_flags')
    .values({
      id: crypto.randomUUID(),
      case_id: flag.caseId,
      code: flag.code,
      details: JSON.stringify(flag.details),
      raised_at: flag.raisedAt,
      resolved_at: null,
      resolved_by: null,
      resolution_note: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecoveryFlag(row);
}

export async function listRecoveryFlags(db: DbOrTx, caseId: string): Promise<RecoveryFlag[]> {
  const rows = await db
    .selectFrom('recovery_flags')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('raised_at', 'asc')
    .execute();
  return rows.map(toRecoveryFlag);
}

/** Records why an open flag is acceptable; null when the flag is unknown or already resolved. */
export async function resolveRecoveryFlag(
  tx: Tx,
  flag: { id: string; caseId: string; staffId: string; note: string; now: Date },
): Promise<RecoveryFlag | null> {
  const row = await tx
    .updateTable('recovery_flags')
    .set({ resolved_at: flag.now, resolved_by: flag.staffId, resolution_note: flag.note })
    .where('id', '=', flag.id)
    .where('case_id', '=', flag.caseId)
    .where('resolved_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecoveryFlag(row) : null;
}

/** Number of unresolved flags per case, for the queue; cases without open flags are absent. */
export async function countOpenRecoveryFlagsByCase(
  db: DbOrTx,
  caseIds: readonly string[],
): Promise<Map<string, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('recovery_flags')
    .select(['case_id', (eb) => eb.fn.countAll<string | number>().as('open')])
    .where('case_id', 'in', [...caseIds])
    .where('resolved_at', 'is', null)
    .groupBy('case_id')
    .execute();
  return new Map(rows.map((row) => [row.case_id, Number(row.open)]));
}
