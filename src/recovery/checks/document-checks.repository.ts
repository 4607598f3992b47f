import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { CheckOutcome, DocumentCheckName } from './document-check.ts';

/** All SQL of the document checks: the stored results of a case and the queue of cases to check. */

/** A check as stored: its evidence sealed (see check-evidence-seal.ts), null once purged. */
export type SealedCheckRow = {
  id: string;
  check: DocumentCheckName;
  documentId: string | null;
  outcome: CheckOutcome;
  sealedEvidence: string | null;
  checkedAt: Date;
};

/** Replaces every stored result of the case by `results` (inside the caller's transaction). */
export async function replaceRecoveryChecks(
  tx: Tx,
  caseId: string,
  results: readonly Omit<SealedCheckRow, 'checkedAt'>[],
  checkedAt: Date,
): Promise<void> {
  await tx.deleteFrom('recovery_checks').where('case_id', '=', caseId).execute();
  if (results.length === 0) return;
  await tx
    .insertInto('recovery_checks')
    .values(
      results.map((r) => ({
        id: r.id,
        case_id: caseId,
        document_id: r.documentId,
        check: r.check,
        outcome: r.outcome,
        sealed_evidence: r.sealedEvidence,
        checked_at: checkedAt,
      })),
    )
    .execute();
}

export async function listSealedRecoveryChecksByCase(db: DbOrTx, caseId: string): Promise<SealedCheckRow[]> {
  const rows = await db
    .selectFrom('recovery_checks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('checked_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    check: row.check as DocumentCheckName,
    documentId: row.document_id,
    outcome: row.outcome,
    sealedEvidence: row.sealed_evidence,
    checkedAt: row.checked_at,
  }));
}

/** The purge: what the checks read goes with the documents; the outcomes stay, with the decision. */
export async function purgeRecoveryCheckEvidence(tx: Tx, caseId: string): Promise<void> {
  await tx
    .updateTable('recovery_checks')
    .set({ sealed_evidence: null })
    .where('case_id', '=', caseId)
    .execute();
}

/** Asks the worker to (re)run the checks of a case: its documents or its linked account changed. */
export async function requestRecoveryChecks(tx: Tx, caseId: string, now: Date): Promise<void> {
  await tx.updateTable('recovery_cases').set({ checks_requested_at: now }).where('id', '=', caseId).execute();
}

/**
 * Marks the request done unless a newer one came while the checks ran (compare-and-set on the
 * time it was read), so a document added meanwhile is checked in the next round.
 */
export async function clearRecoveryChecksRequest(tx: Tx, caseId: string, requestedAt: Date): Promise<void> {
  await tx
    .updateTable('recovery_cases')
    .set({ checks_requested_at: null })
    .where('id', '=', caseId)
    .where('checks_requested_at', '=', requestedAt)
    .execute();
}

/** Cases waiting for their checks, oldest request first. */
export async function listCasesAwaitingChecks(
  db: DbOrTx,
  limit: number,
): Promise<{ id: string; requestedAt: Date }[]> {
  const rows = await db
    .selectFrom('recovery_cases')
    .select(['id', 'checks_requested_at'])
    .where('checks_requested_at', 'is not', null)
    .orderBy('checks_requested_at', 'asc')
    .limit(limit)
    .execute();
  return rows.flatMap((r) =>
    r.checks_requested_at ? [{ id: r.id, requestedAt: r.checks_requested_at }] : [],
  );
}

/** When the case's checks were last requested; null when none is pending (or the case is unknown). */
export async function getRecoveryChecksRequestedAt(db: DbOrTx, caseId: string): Promise<Date | null> {
  const row = await db
    .selectFrom('recovery_cases')
    .select('checks_requested_at')
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row?.checks_requested_at ?? null;
}
