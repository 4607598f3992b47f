import { DAY } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { noRequestMeta } from '../../platform/deps.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import { isTerminalRecoveryStatus, type RecoveryStatus } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { listInactiveRecoveryCaseIds, listRecoveryCaseIdsDueForPurge } from '../case-schedule.repository.ts';
import { lockRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { purgeRecoveryCheckEvidence } from '../checks/document-checks.repository.ts';
import { discardStoredDocument } from '../documents/document-intake.ts';
import { listStorageKeysOfCase, markRecoveryDocumentsPurged } from '../documents/documents.repository.ts';

type RetentionDeps = Pick<Deps, 'config' | 'clock' | 'db' | 'log' | 'storage'>;

/** The states that expire without activity, and after how many days (settings). */
function expiryDaysByStatus(deps: Pick<Deps, 'config'>): [RecoveryStatus, number][] {
  return [
    ['draft', deps.config.recoveryDraftExpiryDays],
    ['awaiting_claimant', deps.config.recoveryInfoExpiryDays],
  ];
}

/**
 * Drafts left for RECOVERY_DRAFT_EXPIRY_DAYS and requests for more information unanswered for
 * RECOVERY_INFO_EXPIRY_DAYS become `expired` (each case in its own transaction, lock and
 * compare-and-set); their documents are then purged like any closed case's. Returns how many expired.
 */
export async function expireInactiveRecoveryCases(deps: RetentionDeps): Promise<number> {
  let expired = 0;
  for (const [status, days] of expiryDaysByStatus(deps)) {
    const before = new Date(deps.clock.now().getTime() - days * DAY);
    for (const id of await listInactiveRecoveryCaseIds(deps.db, status, before)) {
      const done = await deps.db.transaction().execute(async (tx) => {
        const locked = await lockRecoveryCaseById(tx, id);
        // Re-checked under the lock: the claimant may have acted since the list was read.
        if (locked?.status !== status) return false;
        const lastActivity = Math.max(locked.lastActivityAt.getTime(), locked.updatedAt.getTime());
        if (lastActivity >= before.getTime()) return false;
        const now = deps.clock.now();
        const moved = await applyRecoveryEvent(tx, locked, 'expire', {
          closed_at: now,
          updated_at: now,
        });
        if (!moved) return false;
        await recordRecoveryEvent(tx, deps, moved, {
          actor: { type: 'system' },
          action: 'recovery.expired',
          meta: noRequestMeta,
          visibleToClaimant: true,
          details: { from: status, inactiveDays: days },
        });
        return true;
      });
      if (done) expired += 1;
    }
  }
  return expired;
}

export type PurgeReport = { purgedCases: number; purgedDocuments: number };

/**
 * Retention: for every case closed (completed, rejected, expired) DOCUMENT_RETENTION_DAYS ago or
 * more (0: at once), deletes the encrypted files, then records the purge. Metadata, checklist and
 * decision stay; the email code and objection link hashes go.
 *
 * The files are deleted BEFORE the transaction, deliberately: a file cannot be part of a database
 * transaction, and the opposite order could commit "purged" and then crash with the ciphertext
 * still on disk, forgotten for ever. This order, if it crashes in between, leaves rows pointing at
 * missing files; the case is still due, so the next run deletes again (idempotent) and records it.
 */
export async function purgeRecoveryDocuments(deps: RetentionDeps): Promise<PurgeReport> {
  const report: PurgeReport = { purgedCases: 0, purgedDocuments: 0 };
  const closedBefore = new Date(deps.clock.now().getTime() - deps.config.documentRetentionDays * DAY);
  for (const id of await listRecoveryCaseIdsDueForPurge(deps.db, closedBefore)) {
    for (const { storageKey } of await listStorageKeysOfCase(deps.db, id))
      await discardStoredDocument(deps, storageKey);
    const purged = await deps.db.transaction().execute(async (tx) => {
      const locked = await lockRecoveryCaseById(tx, id);
      // Another worker may have recorded it meanwhile: the purge is recorded once.
      if (!locked || locked.documentsPurgedAt || !isTerminalRecoveryStatus(locked.status)) return null;
      const now = deps.clock.now();
      const documents = await markRecoveryDocumentsPurged(tx, id, now);
      await purgeRecoveryCheckEvidence(tx, id);
      await updateRecoveryCase(tx, id, {
        documents_purged_at: now,
        email_code_hash: null,
        objection_token_hash: null,
        updated_at: now,
      });
      await recordRecoveryEvent(tx, deps, locked, {
        actor: { type: 'system' },
        action: 'recovery.documents_purged',
        meta: noRequestMeta,
        details: { documents, retentionDays: deps.config.documentRetentionDays },
      });
      return documents;
    });
    if (purged === null) continue;
    report.purgedCases += 1;
    report.purgedDocuments += purged;
  }
  return report;
}
