import type { Account } from '../../accounts/account.ts';
import { getAccountById } from '../../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../../audit/audit.service.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertStaffCan } from '../../staff/core/permissions.ts';
import { getStaffNamesByIds } from '../../staff/core/staff-users.repository.ts';
import type { RecoveryCase, RecoveryCaseEvent, RecoveryStatus } from '../case.ts';
import { listRecoveryCaseEvents } from '../case-timeline.repository.ts';
import { getRecoveryCaseByReference, listRecoveryCasesByStatus } from '../cases.repository.ts';
import { listRecoveryChecklistItems } from '../checklist.repository.ts';
import { getRecoveryChecksView, type StoredCheckResult } from '../checks/check-results.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import { listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { countOpenRecoveryFlagsByCase, listRecoveryFlags } from '../flags.repository.ts';
import type { RecoveryFlag } from '../flags.ts';
import { type ApprovalBlocker, approvalBlockers } from './approval-blockers.ts';
import { type ChecklistView, checklistFor } from './checklist.ts';
import { suggestAccountsForCase } from './linking.ts';
import type { ReviewStaff } from './review.service.ts';

/** What the reviewer reads: the queue and one case with everything needed to decide. */

/** The open queue: what waits on support or on the objection window. */
export const openQueueStatuses = [
  'submitted',
  'in_review',
  'approved',
  'awaiting_claimant',
] as const satisfies readonly RecoveryStatus[];

export type QueueEntry = {
  recoveryCase: RecoveryCase;
  ageDays: number | null;
  assignedStaffName: string | null;
  openFlags: number;
};

const DAY_MS = 86_400_000;

/** Staff names by id, in one statement; unknown ids map to nothing. */
function staffNames(db: DbOrTx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  return getStaffNamesByIds(
    db,
    ids.filter((i): i is string => i !== null),
  );
}

/** Cases in `statuses` (the open queue by default), oldest submission first, optionally older than N days. */
export async function listRecoveryQueue(
  deps: Deps,
  staff: ReviewStaff,
  filter: { statuses?: readonly RecoveryStatus[] | undefined; olderThanDays?: number | undefined },
): Promise<QueueEntry[]> {
  assertStaffCan(staff.role, 'recovery.review');
  const now = deps.clock.now();
  const statuses = filter.statuses?.length ? filter.statuses : openQueueStatuses;
  const cases = await listRecoveryCasesByStatus(deps.db, statuses, {
    ...(filter.olderThanDays
      ? { submittedBefore: new Date(now.getTime() - filter.olderThanDays * DAY_MS) }
      : {}),
  });
  const [flags, names] = await Promise.all([
    countOpenRecoveryFlagsByCase(
      deps.db,
      cases.map((c) => c.id),
    ),
    staffNames(
      deps.db,
      cases.map((c) => c.assignedStaffId),
    ),
  ]);
  return cases.map((recoveryCase) => ({
    recoveryCase,
    ageDays: recoveryCase.submittedAt
      ? Math.floor((now.getTime() - recoveryCase.submittedAt.getTime()) / DAY_MS)
      : null,
    assignedStaffName: recoveryCase.assignedStaffId
      ? (names.get(recoveryCase.assignedStaffId) ?? null)
      : null,
    openFlags: flags.get(recoveryCase.id) ?? 0,
  }));
}

export type RecoveryReviewDossier = {
  recoveryCase: RecoveryCase;
  documents: RecoveryDocument[];
  flags: RecoveryFlag[];
  checklist: ChecklistView[];
  blockers: ApprovalBlocker[];
  account: Account | null;
  suggestions: { account: Account; matchedBy: string[] }[];
  timeline: RecoveryCaseEvent[];
  /** Names of the staff members the case mentions (assignment, checklist, approvals, timeline). */
  staffNames: Map<string, string>;
  /** The automatic document checks' results (evidence) and whether a newer run is pending. */
  checks: StoredCheckResult[];
  checksPending: boolean;
};

/** One case as the reviewer sees it. Each look is audited: it shows identity data and documents. */
export async function getRecoveryReviewDossier(
  deps: Deps,
  staff: ReviewStaff,
  reference: string,
  meta: RequestMeta,
): Promise<RecoveryReviewDossier> {
  assertStaffCan(staff.role, 'recovery.review');
  const recoveryCase = await getRecoveryCaseByReference(deps.db, reference);
  if (!recoveryCase) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute((tx) =>
    recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: staff.id },
      accountId: recoveryCase.accountId,
      action: 'staff.recovery.case_viewed',
      ...meta,
      details: { reference: recoveryCase.reference, status: recoveryCase.status },
    }),
  );
  const [documents, flags, entries, account, suggestions, timeline] = await Promise.all([
    listRecoveryDocumentsByCase(deps.db, recoveryCase.id),
    listRecoveryFlags(deps.db, recoveryCase.id),
    listRecoveryChecklistItems(deps.db, recoveryCase.id),
    recoveryCase.accountId ? getAccountById(deps.db, recoveryCase.accountId) : Promise.resolve(null),
    suggestAccountsForCase(deps.db, recoveryCase),
    listRecoveryCaseEvents(deps.db, recoveryCase.id),
  ]);
  const checklist = checklistFor(recoveryCase, entries);
  const names = await staffNames(deps.db, [
    recoveryCase.assignedStaffId,
    recoveryCase.firstApprovedBy,
    recoveryCase.approvedBy,
    ...checklist.map((c) => c.staffId),
    ...flags.map((f) => f.resolvedBy),
    ...timeline.map((e) => e.actorId),
  ]);
  const checksView = await getRecoveryChecksView(deps, recoveryCase.id);
  return {
    recoveryCase,
    documents,
    flags,
    checklist,
    blockers: approvalBlockers(recoveryCase, entries, flags, checksView.checksPending),
    account,
    suggestions,
    timeline,
    staffNames: names,
    ...checksView,
  };
}
