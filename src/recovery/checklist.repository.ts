import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { RecoveryChecklistEntry } from './case.ts';

/** All SQL of the recovery_checklist_items table: what a reviewer verified, item by item. */

/** Sets (or replaces) one checklist item of a case. */
export async function upsertRecoveryChecklistItem(
  tx: Tx,
  caseId: string,
  entry: RecoveryChecklistEntry,
): Promise<void> {
  await tx
    .insertInto('recovery_checklist_items')
    .values({
      case_id: caseId,
      item: entry.item,
      verified: entry.verified,
      note: entry.note,
      staff_id: entry.staffId,
      updated_at: entry.updatedAt,
    })
    .onConflict((oc) =>
      oc.columns(['case_id', 'item']).doUpdateSet({
        verified: entry.verified,
        note: entry.note,
        staff_id: entry.staffId,
        updated_at: entry.updatedAt,
      }),
    )
    .execute();
}

export async function listRecoveryChecklistItems(
  db: DbOrTx,
  caseId: string,
): Promise<RecoveryChecklistEntry[]> {
  const rows = await db
    .selectFrom('recovery_checklist_items')
    .selectAll()
    .where('case_id', '=', caseId)
    .execute();
  return rows.map((row) => ({
    item: row.item,
    verified: row.verified,
    note: row.note,
    staffId: row.staff_id,
    updatedAt: row.updated_at,
  }));
}

/** Un-verifies every item of a case (after an objection or new documents, the review starts again). */
export async function resetRecoveryChecklist(tx: Tx, caseId: string, now: Date): Promise<void> {
  await tx
    .updateTable('recovery_checklist_items')
    .set({ verified: false, updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}
