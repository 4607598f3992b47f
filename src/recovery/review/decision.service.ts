import type { Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { assertStaffCan } from '../../staff/core/permissions.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { updateRecoveryCase } from '../cases.repository.ts';
import { listRecoveryChecklistItems } from '../checklist.repository.ts';
import { getRecoveryChecksRequestedAt } from '../checks/document-checks.repository.ts';
import { openRecoveryObjectionWindow } from '../completion/objection-window.ts';
import { listRecoveryFlags } from '../flags.repository.ts';
import { approvalBlockers } from './approval-blockers.ts';
import { recoveryInfoRequestedEmail } from './emails/recovery-info-requested.email.ts';
import { recoveryRejectedEmail } from './emails/recovery-rejected.email.ts';
import { type ReviewStaff, withLockedRecoveryCase } from './review.service.ts';

export const recoveryDecisions = ['approve', 'reject', 'request_info'] as const;
export type RecoveryDecision = (typeof recoveryDecisions)[number];

export type DecisionOutcome = { recoveryCase: RecoveryCase; firstApprovalOnly: boolean };

type Context = { deps: Deps; staff: ReviewStaff; meta: RequestMeta };

/**
 * The reviewer's decision on a case in review, in one transaction: lock → check state → (approve:
 * check blockers) → compare-and-set → timeline + audit → outbox. Of two concurrent decisions the
 * second finds the case no longer in review and gets RECOVERY_STATE_CONFLICT.
 */
export async function decideRecoveryCase(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  input: { decision: RecoveryDecision; reason: string },
  meta: RequestMeta,
): Promise<DecisionOutcome> {
  assertStaffCan(staff.role, 'recovery.review');
  return withLockedRecoveryCase(deps, reference, async (tx, recoveryCase) => {
    if (recoveryCase.status !== 'in_review') throw new AppError('RECOVERY_STATE_CONFLICT');
    const context = { deps, staff, meta };
    switch (input.decision) {
      case 'request_info':
        return {
          recoveryCase: await requestInfo(tx, context, recoveryCase, input.reason),
          firstApprovalOnly: false,
        };
      case 'reject':
        return {
          recoveryCase: await reject(tx, context, recoveryCase, input.reason),
          firstApprovalOnly: false,
        };
      case 'approve':
        return approve(tx, context, recoveryCase);
      default:
        throw new Error(`unreachable decision ${String(input.decision satisfies never)}`);
    }
  });
}

function casConflict(): AppError {
  return new AppError('RECOVERY_STATE_CONFLICT');
}

async function requestInfo(
  tx: Tx,
  { deps, staff, meta }: Context,
  recoveryCase: RecoveryCase,
  message: string,
) {
  const now = deps.clock.now();
  const moved = await applyRecoveryEvent(tx, recoveryCase, 'request_info', {
    info_request_message: message,
    // The claimant's new documents start a fresh review: a first approval no longer stands.
    first_approved_by: null,
    first_approved_at: null,
    last_activity_at: now,
    updated_at: now,
  });
  if (!moved) throw casConflict();
  await recordRecoveryEvent(tx, deps, moved, {
    actor: { type: 'staff', id: staff.id },
    action: 'recovery.info_requested',
    meta,
    message,
    visibleToClaimant: true,
  });
  await enqueueEmail(tx, deps, {
    to: moved.newEmail,
    accountId: moved.accountId,
    kind: 'recovery-info-requested',
    rendered: recoveryInfoRequestedEmail.render(
      {
        name: `${moved.claimant.firstName} ${moved.claimant.lastName}`.trim(),
        reference: moved.reference,
        message,
        expiryDays: deps.config.recoveryInfoExpiryDays,
        publicUrl: deps.config.publicUrl,
      },
      moved.locale,
    ),
  });
  return moved;
}

async function reject(tx: Tx, { deps, staff, meta }: Context, recoveryCase: RecoveryCase, reason: string) {
  const now = deps.clock.now();
  const moved = await applyRecoveryEvent(tx, recoveryCase, 'reject', {
    decision_reason: reason,
    closed_at: now,
    last_activity_at: now,
    updated_at: now,
  });
  if (!moved) throw casConflict();
  await recordRecoveryEvent(tx, deps, moved, {
    actor: { type: 'staff', id: staff.id },
    action: 'recovery.rejected',
    meta,
    message: reason,
    visibleToClaimant: true,
  });
  await enqueueEmail(tx, deps, {
    to: moved.newEmail,
    accountId: moved.accountId,
    kind: 'recovery-rejected',
    rendered: recoveryRejectedEmail.render(
      {
        name: `${moved.claimant.firstName} ${moved.claimant.lastName}`.trim(),
        reference: moved.reference,
        reason,
        publicUrl: deps.config.publicUrl,
      },
      moved.locale,
    ),
  });
  return moved;
}

async function approve(
  tx: Tx,
  { deps, staff, meta }: Context,
  recoveryCase: RecoveryCase,
): Promise<DecisionOutcome> {
  const [entries, flags, checksRequestedAt] = await Promise.all([
    listRecoveryChecklistItems(tx, recoveryCase.id),
    listRecoveryFlags(tx, recoveryCase.id),
    getRecoveryChecksRequestedAt(tx, recoveryCase.id),
  ]);
  const blockers = approvalBlockers(recoveryCase, entries, flags, checksRequestedAt !== null);
  if (blockers.length > 0) throw new AppError('APPROVAL_BLOCKED', { extensions: { blockers } });
  const now = deps.clock.now();
  const actor = { type: 'staff', id: staff.id } as const;
  if (deps.config.recoveryRequireSecondApproval) {
    if (recoveryCase.firstApprovedBy === null) {
      await updateRecoveryCase(tx, recoveryCase.id, {
        first_approved_by: staff.id,
        first_approved_at: now,
        updated_at: now,
      });
      await recordRecoveryEvent(tx, deps, recoveryCase, { actor, action: 'recovery.first_approval', meta });
      const firstApproved = { ...recoveryCase, firstApprovedBy: staff.id, firstApprovedAt: now };
      return { recoveryCase: firstApproved, firstApprovalOnly: true };
    }
    // Four eyes: the second approval must come from someone else.
    if (recoveryCase.firstApprovedBy === staff.id) {
      throw new AppError('APPROVAL_BLOCKED', {
        extensions: { blockers: [{ kind: 'second_approver_required' }] },
      });
    }
  }
  const approved = await applyRecoveryEvent(tx, recoveryCase, 'approve', {
    approved_by: staff.id,
    approved_at: now,
    last_activity_at: now,
    updated_at: now,
  });
  if (!approved) throw casConflict();
  await recordRecoveryEvent(tx, deps, approved, {
    actor,
    action: 'recovery.approved',
    meta,
    visibleToClaimant: true,
    details: { firstApprovedBy: approved.firstApprovedBy },
  });
  const after = await openRecoveryObjectionWindow(tx, deps, approved, { actor, meta });
  return { recoveryCase: after, firstApprovalOnly: false };
}
