import { open, seal } from '../../platform/crypto/sealed-box.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { CheckEvidence, CheckResult } from './document-check.ts';
import {
  getRecoveryChecksRequestedAt,
  listSealedRecoveryChecksByCase,
  type SealedCheckRow,
} from './document-checks.repository.ts';

/**
 * Check results at rest. What OCR read from an identity document (MRZ lines, names, dates) or a
 * letter is personal data: the evidence is sealed with the master key (AES-256-GCM), bound to its
 * row by the aad, and blanked by the retention purge with the documents (the outcome stays).
 */

/** A stored check; `evidence` is null once the documents were purged. */
export type StoredCheckResult = Omit<CheckResult, 'evidence'> & {
  id: string;
  evidence: CheckEvidence | null;
  checkedAt: Date;
};

const aad = (checkId: string) => `recovery_checks:${checkId}`;

/** The rows to store for `results`, each with a fresh id and its evidence sealed. */
export function sealCheckResults(
  masterKey: Buffer,
  results: readonly CheckResult[],
): Omit<SealedCheckRow, 'checkedAt'>[] {
  return results.map(({ evidence, ...result }) => {
    const id = crypto.randomUUID();
    return { ...result, id, sealedEvidence: seal(masterKey, JSON.stringify(evidence), aad(id)) };
  });
}

function openRow(masterKey: Buffer, row: SealedCheckRow): StoredCheckResult {
  const { sealedEvidence, ...rest } = row;
  const evidence =
    sealedEvidence === null
      ? null
      : (JSON.parse(open(masterKey, sealedEvidence, aad(row.id)).toString('utf8')) as CheckEvidence);
  return { ...rest, evidence };
}

/** The stored results of a case, evidence opened. Throws SealedBoxError when the master key changed. */
export async function listRecoveryChecksByCase(
  deps: { db: DbOrTx; masterKey: Buffer },
  caseId: string,
): Promise<StoredCheckResult[]> {
  const rows = await listSealedRecoveryChecksByCase(deps.db, caseId);
  return rows.map((row) => openRow(deps.masterKey, row));
}

/** What the review page shows: the stored results, and whether a newer run is pending. */
export async function getRecoveryChecksView(
  deps: Pick<Deps, 'db' | 'masterKey'>,
  caseId: string,
): Promise<{ checks: StoredCheckResult[]; checksPending: boolean }> {
  const [checks, requestedAt] = await Promise.all([
    listRecoveryChecksByCase(deps, caseId),
    getRecoveryChecksRequestedAt(deps.db, caseId),
  ]);
  return { checks, checksPending: requestedAt !== null };
}
