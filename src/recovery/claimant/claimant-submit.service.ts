import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import { nextRecoveryStatus, type RecoveryCase, type RecoveryStatus } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { lockRecoveryCaseById } from '../cases.repository.ts';
import { resetRecoveryChecklist } from '../checklist.repository.ts';
import { requestRecoveryChecks } from '../checks/document-checks.repository.ts';
import { listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { saveDeclaration } from './claimant.service.ts';
import { recoverySubmittedEmail } from './emails/recovery-submitted.email.ts';
import { recoveryRequirementStatus } from './requirements.ts';

/** States in which the claimant may still change the case (documents, sworn statement). */
export const claimantEditableStatuses: readonly RecoveryStatus[] = ['draft', 'awaiting_claimant'];

/** Records or replaces the sworn statement, with its time, IP and user agent; while the case is editable. */
export async function recordRecoveryDeclaration(
  deps: Deps,
  input: { recoveryCase: RecoveryCase; fullName: string },
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, input.recoveryCase.id);
    if (!locked || !claimantEditableStatuses.includes(locked.status))
      throw new AppError('RECOVERY_STATE_CONFLICT');
    await saveDeclaration(tx, deps, locked, input.fullName, meta);
  });
}

/**
 * Sends the case to support: from draft (submit) or, after a request for information, back to the
 * queue (claimant_responds) with the checklist cleared so every item is verified again. Refused with
 * RECOVERY_INCOMPLETE and the `missing` requirements while any is unmet.
 */
export async function submitRecoveryCase(
  deps: Deps,
  recoveryCase: RecoveryCase,
  meta: RequestMeta,
): Promise<RecoveryCase> {
  return deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, recoveryCase.id);
    if (!locked) throw new AppError('NOT_FOUND');
    const event = locked.status === 'draft' ? 'submit' : 'claimant_responds';
    if (!nextRecoveryStatus(locked.status, event)) throw new AppError('RECOVERY_STATE_CONFLICT');
    const documents = await listRecoveryDocumentsByCase(tx, locked.id);
    const missing = recoveryRequirementStatus(locked, documents)
      .filter((r) => !r.satisfied)
      .map((r) => r.kind);
    if (missing.length > 0) throw new AppError('RECOVERY_INCOMPLETE', { extensions: { missing } });
    const now = deps.clock.now();
    const submitted = await applyRecoveryEvent(tx, locked, event, {
      submitted_at: now,
      last_activity_at: now,
      updated_at: now,
    });
    if (!submitted) throw new AppError('RECOVERY_STATE_CONFLICT');
    if (event === 'claimant_responds') await resetRecoveryChecklist(tx, locked.id, now);
    // The documents are final for now: the worker reads them and runs the automatic checks.
    await requestRecoveryChecks(tx, locked.id, now);
    await recordRecoveryEvent(tx, deps, submitted, {
      actor: { type: 'claimant' },
      action: 'recovery.submitted',
      meta,
      visibleToClaimant: true,
      details: { from: locked.status, documents: documents.length },
    });
    await enqueueEmail(tx, deps, {
      to: submitted.newEmail,
      accountId: null,
      kind: 'recovery-submitted',
      rendered: recoverySubmittedEmail.render(
        { reference: submitted.reference, complement: event === 'claimant_responds' },
        submitted.locale,
      ),
    });
    return submitted;
  });
}
