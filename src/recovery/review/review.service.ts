import { getAccountById } from '../../accounts/accounts.repository.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import { assertStaffCan } from '../../staff/core/permissions.ts';
import type { StaffUser } from '../../staff/core/staff.ts';
import { applyRecoveryEvent } from '../apply-recovery-event.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { getRecoveryCaseByReference, lockRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { upsertRecoveryChecklistItem } from '../checklist.repository.ts';
import { requestRecoveryChecks } from '../checks/document-checks.repository.ts';
import { resolveRecoveryFlag } from '../flags.repository.ts';
import { checklistItemsByType } from './checklist.ts';
import { raiseFlagsOnLinking } from './linking.ts';

/** The review's use cases before the decision: take a case, link an account, tick the checklist, resolve flags. */

export type ReviewStaff = Pick<StaffUser, 'id' | 'role'>;

/**
 * Runs `work` in a transaction on the locked case found by `reference`; NOT_FOUND when unknown.
 * The lock makes concurrent review actions on one case queue behind each other.
 */
export async function withLockedRecoveryCase<T>(
  deps: Deps,
  reference: string,
  work: (tx: Tx, recoveryCase: RecoveryCase) => Promise<T>,
): Promise<T> {
  const found = await getRecoveryCaseByReference(deps.db, reference);
  if (!found) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, found.id);
    if (!locked) throw new AppError('NOT_FOUND');
    return work(tx, locked);
  });
}

function assertInReview(recoveryCase: RecoveryCase): void {
  if (recoveryCase.status !== 'in_review') throw new AppError('RECOVERY_STATE_CONFLICT');
}

/**
 * Takes a submitted case (→ in_review, assigned to the caller), or takes over a case another
 * agent is reviewing (recorded, so the timeline says who had it). Taking one's own case again is a no-op.
 */
export async function assignRecoveryCase(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  meta: RequestMeta,
): Promise<RecoveryCase> {
  assertStaffCan(staff.role, 'recovery.review');
  return withLockedRecoveryCase(deps, reference, async (tx, recoveryCase) => {
    const now = deps.clock.now();
    const actor = { type: 'staff', id: staff.id } as const;
    if (recoveryCase.status === 'submitted') {
      const taken = await applyRecoveryEvent(tx, recoveryCase, 'assign', {
        assigned_staff_id: staff.id,
        updated_at: now,
      });
      if (!taken) throw new AppError('RECOVERY_STATE_CONFLICT');
      await recordRecoveryEvent(tx, deps, taken, { actor, action: 'recovery.assigned', meta });
      return taken;
    }
    if (recoveryCase.status !== 'in_review') throw new AppError('RECOVERY_STATE_CONFLICT');
    if (recoveryCase.assignedStaffId === staff.id) return recoveryCase;
    await updateRecoveryCase(tx, recoveryCase.id, { assigned_staff_id: staff.id, updated_at: now });
    await recordRecoveryEvent(tx, deps, recoveryCase, {
      actor,
      action: 'recovery.assigned',
      meta,
      details: { takeover: true, previousStaffId: recoveryCase.assignedStaffId },
    });
    return { ...recoveryCase, assignedStaffId: staff.id };
  });
}

/**
 * Links the case to the account the reviewer believes it is, and raises the automatic doubts
 * (type, hints, name, new email). Re-linking replaces the account; flags already raised stay
 * until a supervisor resolves them — a doubt once seen is never silently dropped.
 */
export async function linkRecoveryCaseAccount(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  accountId: string,
  meta: RequestMeta,
): Promise<RecoveryCase> {
  assertStaffCan(staff.role, 'recovery.review');
  const account = await getAccountById(deps.db, accountId);
  if (!account) throw new AppError('NOT_FOUND');
  return withLockedRecoveryCase(deps, reference, async (tx, recoveryCase) => {
    assertInReview(recoveryCase);
    const now = deps.clock.now();
    // A change of account voids a first approval given on the previous one.
    await updateRecoveryCase(tx, recoveryCase.id, {
      account_id: account.id,
      first_approved_by: null,
      first_approved_at: null,
      updated_at: now,
    });
    const linked: RecoveryCase = {
      ...recoveryCase,
      accountId: account.id,
      firstApprovedBy: null,
      firstApprovedAt: null,
    };
    const actor = { type: 'staff', id: staff.id } as const;
    await recordRecoveryEvent(tx, deps, linked, {
      actor,
      action: 'recovery.account_linked',
      meta,
      details: { previousAccountId: recoveryCase.accountId },
    });
    await raiseFlagsOnLinking(tx, deps, linked, account, { actor, meta });
    // The checks compare the documents with the fiche: a new fiche means running them again.
    await requestRecoveryChecks(tx, recoveryCase.id, now);
    return linked;
  });
}

/** Records one checklist item as verified or not, with the reviewer's note (in_review only). */
export async function setRecoveryChecklistItem(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  input: { item: string; verified: boolean; note: string },
  meta: RequestMeta,
): Promise<RecoveryCase> {
  assertStaffCan(staff.role, 'recovery.review');
  return withLockedRecoveryCase(deps, reference, async (tx, recoveryCase) => {
    if (!checklistItemsByType[recoveryCase.accountType].includes(input.item)) {
      throw validationError([{ field: 'item', code: 'invalid' }]);
    }
    assertInReview(recoveryCase);
    const now = deps.clock.now();
    await upsertRecoveryChecklistItem(tx, recoveryCase.id, {
      item: input.item,
      verified: input.verified,
      note: input.note,
      staffId: staff.id,
      updatedAt: now,
    });
    // Un-verifying an item after a first approval voids it: the second approver must see the same case.
    const voidFirstApproval = !input.verified && recoveryCase.firstApprovedBy !== null;
    await updateRecoveryCase(tx, recoveryCase.id, {
      updated_at: now,
      ...(voidFirstApproval ? { first_approved_by: null, first_approved_at: null } : {}),
    });
    await recordRecoveryEvent(tx, deps, recoveryCase, {
      actor: { type: 'staff', id: staff.id },
      action: 'recovery.checklist_updated',
      meta,
      message: input.note,
      details: { item: input.item, verified: input.verified },
    });
    return recoveryCase;
  });
}

/** A supervisor accepts an automatic doubt, with a note saying why (in_review only). */
export async function resolveRecoveryCaseFlag(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  input: { flagId: string; note: string },
  meta: RequestMeta,
): Promise<RecoveryCase> {
  assertStaffCan(staff.role, 'recovery.resolve_flag');
  return withLockedRecoveryCase(deps, reference, async (tx, recoveryCase) => {
    assertInReview(recoveryCase);
    const resolved = await resolveRecoveryFlag(tx, {
      id: input.flagId,
      caseId: recoveryCase.id,
      staffId: staff.id,
      note: input.note,
      now: deps.clock.now(),
    });
    if (!resolved) throw new AppError('NOT_FOUND');
    await recordRecoveryEvent(tx, deps, recoveryCase, {
      actor: { type: 'staff', id: staff.id },
      action: 'recovery.flag_resolved',
      meta,
      message: input.note,
      details: { flagId: resolved.id, flag: resolved.code },
    });
    return recoveryCase;
  });
}
