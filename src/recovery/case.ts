import type { AccountType } from '../accounts/account.ts';
import type { DocumentKind } from './documents/document-kinds.ts';

/**
 * Recovery case: the types and pure rules. The lifecycle (diagram in case.md):
 * draft → submitted → in_review → approved → completed, with request_info (awaiting_claimant),
 * reject, objection and expiry. Every transition is one row of `recoveryTransitions`,
 * and `applyRecoveryEvent` (apply-recovery-event.ts) is the only way to make one.
 */

export const recoveryStatuses = [
  'draft',
  'submitted',
  'in_review',
  'awaiting_claimant',
  'approved',
  'completed',
  'rejected',
  'expired',
] as const;
export type RecoveryStatus = (typeof recoveryStatuses)[number];

/** States after which nothing happens to the case but the purge of its documents. */
export const terminalRecoveryStatuses = [
  'completed',
  'rejected',
  'expired',
] as const satisfies readonly RecoveryStatus[];

export const recoveryEvents = [
  'submit',
  'assign',
  'request_info',
  'claimant_responds',
  'reject',
  'approve',
  'object',
  'complete',
  // Completion could not happen (the new email was taken meanwhile): back to review, flagged.
  'reopen',
  'expire',
] as const;
export type RecoveryEvent = (typeof recoveryEvents)[number];

/** The one table of allowed transitions: from state, on event, to state. */
export const recoveryTransitions: Readonly<
  Record<RecoveryStatus, Partial<Record<RecoveryEvent, RecoveryStatus>>>
> = {
  draft: { submit: 'submitted', expire: 'expired' },
  submitted: { assign: 'in_review' },
  in_review: { request_info: 'awaiting_claimant', reject: 'rejected', approve: 'approved' },
  awaiting_claimant: { claimant_responds: 'submitted', expire: 'expired' },
  approved: { complete: 'completed', object: 'in_review', reopen: 'in_review' },
  completed: {},
  rejected: {},
  expired: {},
};

/** The state `event` leads to from `status`, or null when the transition is not allowed. */
export function nextRecoveryStatus(status: RecoveryStatus, event: RecoveryEvent): RecoveryStatus | null {
  return recoveryTransitions[status][event] ?? null;
}

export function isTerminalRecoveryStatus(status: RecoveryStatus): boolean {
  return (terminalRecoveryStatuses as readonly RecoveryStatus[]).includes(status);
}

/** A case as services see it (never the token hashes). */
export type RecoveryCase = {
  id: string;
  reference: string;
  accountType: AccountType;
  status: RecoveryStatus;
  locale: 'fr' | 'en';
  hints: { clientNumber: string | null; domain: string | null; formerEmail: string | null };
  claimant: {
    firstName: string;
    lastName: string;
    legalName: string | null;
    siren: string | null;
    associationName: string | null;
  };
  newEmail: string;
  newEmailNormalized: string;
  newEmailVerifiedAt: Date | null;
  emailCode: { expiresAt: Date | null; attempts: number; sentAt: Date | null };
  declaration: { fullName: string; acceptedAt: Date; ip: string | null; userAgent: string | null } | null;
  accountId: string | null;
  assignedStaffId: string | null;
  infoRequestMessage: string | null;
  decisionReason: string | null;
  firstApprovedBy: string | null;
  firstApprovedAt: Date | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  objectionDeadline: Date | null;
  previousEmail: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastActivityAt: Date;
  submittedAt: Date | null;
  closedAt: Date | null;
  documentsPurgedAt: Date | null;
};

export type RecoveryChecklistEntry = {
  item: string;
  verified: boolean;
  note: string;
  staffId: string;
  updatedAt: Date;
};

export type RecoveryCaseEvent = {
  id: string;
  occurredAt: Date;
  actorType: 'claimant' | 'staff' | 'system' | 'previous_owner';
  actorId: string | null;
  event: string;
  message: string | null;
  visibleToClaimant: boolean;
  /** The piece the entry is about (a document added), so the history can name it; else null. */
  documentKind: DocumentKind | null;
};
