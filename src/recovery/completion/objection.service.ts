import { hashToken } from '../../platform/crypto/tokens.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import {
  getApprovedRecoveryCaseByObjectionTokenHash,
  lockApprovedRecoveryCaseByObjectionTokenHash,
} from '../cases.repository.ts';
import { resetRecoveryChecklist } from '../checklist.repository.ts';
import { insertRecoveryFlag } from '../flags.repository.ts';
import type { RecoveryFlagCode } from '../flags.ts';
import { recoveryObjectionReceivedEmail } from './emails/recovery-objection-received.email.ts';
import { isObjectionWindowOpen } from './objection.ts';

/**
 * approved → in_review inside the caller's transaction (the case locked by the caller), on `object`
 * (the previous address objected) or `reopen` (completion was impossible): the objection link dies,
 * both approvals are cleared and `flag` is raised, so a new approval needs the flag resolved first.
 * Null when the case was no longer approved (compare-and-set).
 */
export async function returnApprovedRecoveryCaseToReview(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  recoveryCase: Pick<RecoveryCase, 'id' | 'status'>,
  input: {
    event: 'object' | 'reopen';
    flag: RecoveryFlagCode;
    details: Record<string, unknown>;
    resetChecklist: boolean;
  },
): Promise<RecoveryCase | null> {
  const now = deps.clock.now();
  const reopened = await applyRecoveryEvent(tx, recoveryCase, input.event, {
    objection_token_hash: null,
    first_approved_by: null,
    first_approved_at: null,
    approved_by: null,
    approved_at: null,
    updated_at: now,
  });
  if (!reopened) return null;
  await insertRecoveryFlag(tx, {
    caseId: reopened.id,
    code: input.flag,
    details: input.details,
    raisedAt: now,
  });
  // After an objection every piece is looked at again; the checklist is verified anew.
  if (input.resetChecklist) await resetRecoveryChecklist(tx, reopened.id, now);
  return reopened;
}

export type ObjectionTokenCheck = { ok: true; recoveryCase: RecoveryCase } | { ok: false };

/** Reads whether an objection link can still be used, changing nothing (for the page behind the link). */
export async function validateRecoveryObjectionToken(
  deps: Pick<Deps, 'db' | 'clock'>,
  token: string,
): Promise<ObjectionTokenCheck> {
  const recoveryCase = await getApprovedRecoveryCaseByObjectionTokenHash(deps.db, hashToken(token));
  if (!recoveryCase || !isObjectionWindowOpen(recoveryCase, deps.clock.now())) return { ok: false };
  return { ok: true, recoveryCase };
}

/**
 * The previous address objects (the page's button posted, never the link opened): the case goes
 * back to review with an 'objection' flag, the link is spent, the claimant is told. Unknown, used
 * and expired links, and cases already completed, all give the same INVALID_TOKEN.
 */
export async function objectToRecoveryCase(
  deps: Pick<Deps, 'db' | 'clock' | 'masterKey'>,
  input: { token: string },
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    // Locked by its link: a completion running at the same instant holds the lock or waits for it,
    // and whoever comes second finds the case no longer approved.
    const locked = await lockApprovedRecoveryCaseByObjectionTokenHash(tx, hashToken(input.token));
    if (!locked || !isObjectionWindowOpen(locked, deps.clock.now())) throw new AppError('INVALID_TOKEN');
    const reopened = await returnApprovedRecoveryCaseToReview(tx, deps, locked, {
      event: 'object',
      flag: 'objection',
      details: { previousEmail: locked.previousEmail },
      resetChecklist: true,
    });
    if (!reopened) throw new AppError('INVALID_TOKEN');
    await enqueueEmail(tx, deps, {
      to: reopened.newEmail,
      accountId: null,
      kind: 'recovery-objection-received',
      rendered: recoveryObjectionReceivedEmail.render({ reference: reopened.reference }, reopened.locale),
    });
    await recordRecoveryEvent(tx, deps, reopened, {
      actor: { type: 'previous_owner' },
      action: 'recovery.objected',
      meta,
      visibleToClaimant: true,
      details: { flag: 'objection' },
    });
  });
}
