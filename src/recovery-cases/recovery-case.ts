import type { AccountType } from '../accounts/account.ts';

/**
 * Recovery case: the types and pure rules. The lifecycle (diagram in recovery-case.md):
 * draft → submitted → in_review → approved → completed, with request_info (awaiting_claimant),
 * reject, objection and expiry. Every transition is one row of `recoveryTransitions`.
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

export const documentKinds = [
  'identity_front',
  'identity_back',
  'signed_letter',
  'kbis',
  'statutes',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/** The documents each account type must provide (API.md), in the order the claimant is asked. */
export const requiredDocumentKinds: Readonly<Record<AccountType, readonly DocumentKind[]>> = {
  individual: ['identity_front', 'signed_letter'],
  company: ['kbis', 'identity_front', 'signed_letter'],
  association: ['statutes', 'identity_front', 'identity_back', 'signed_letter'],
};

/**
 * The documents each account type may add without being asked: never a requirement (API.md's list
 * stays the submit rule). The back of the identity document, because French ID cards since 2021 and
 * residence permits carry their machine-readable zone there, and the automatic checks look for it
 * on every identity side of the case: without it, such a card raises a flag a supervisor must lift.
 * Associations must send it already.
 */
export const optionalDocumentKinds: Readonly<Record<AccountType, readonly DocumentKind[]>> = {
  individual: ['identity_back'],
  company: ['identity_back'],
  association: [],
};

// One order for every type, so the back comes right after the front whether it is required or not;
// each type's required kinds keep their order in it.
const documentAskingOrder: readonly DocumentKind[] = [
  'kbis',
  'statutes',
  'identity_front',
  'identity_back',
  'signed_letter',
];

/** The kinds a claimant of `type` may upload, required and optional, in the order they are asked. */
export function uploadableDocumentKinds(type: AccountType): readonly DocumentKind[] {
  const accepted = new Set([...requiredDocumentKinds[type], ...optionalDocumentKinds[type]]);
  return documentAskingOrder.filter((kind) => accepted.has(kind));
}

export function isOptionalDocumentKind(type: AccountType, kind: DocumentKind): boolean {
  return optionalDocumentKinds[type].includes(kind);
}

/** Every requirement of a case: its documents, plus the verified new email and the sworn statement. */
export type RecoveryRequirement = DocumentKind | 'new_email_verified' | 'declaration';

export function recoveryRequirementsFor(type: AccountType): readonly RecoveryRequirement[] {
  return [...requiredDocumentKinds[type], 'new_email_verified', 'declaration'];
}

/**
 * The review checklist per account type, written from the provider's requirements. Each item must
 * be verified, with a note, before a case can be approved.
 */
export const checklistItemsByType: Readonly<Record<AccountType, readonly string[]>> = {
  individual: [
    'identity_document_valid',
    'identity_name_matches_fiche',
    'declaration_present',
    'letter_handwritten_signed',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
  company: [
    'kbis_recent',
    'kbis_matches_fiche',
    'identity_document_valid',
    'identity_name_matches_fiche',
    'declaration_present',
    'letter_handwritten_signed',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
  association: [
    'statutes_recent_name_president',
    'identity_document_valid',
    'identity_both_sides',
    'identity_name_matches_president',
    'declaration_present',
    'letter_handwritten_signed_by_president',
    'letter_gives_new_email',
    'pieces_coherent',
  ],
};

/** Codes of the automatic flags the product raises; each blocks approval until resolved. */
export const recoveryFlagCodes = [
  // The previous address objected during the objection window.
  'objection',
  // The new email is already the address of another fiche.
  'new_email_in_use',
  // The linked account matches none of the hints the claimant gave.
  'account_hint_mismatch',
  // The claimant's name differs from the holder (or contact) on the linked fiche.
  'claimant_name_mismatch',
  // The new email could not be given to the account at completion (taken in the meantime).
  'completion_failed',
] as const;
export type RecoveryFlagCode = (typeof recoveryFlagCodes)[number];

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

export type RecoveryDocument = {
  id: string;
  caseId: string;
  kind: DocumentKind;
  mediaType: DocumentMediaType;
  size: number;
  originalName: string | null;
  pageCount: number | null;
  scanStatus: 'clean' | 'not_scanned';
  uploadedAt: Date;
  purgedAt: Date | null;
};

export type RecoveryFlag = {
  id: string;
  caseId: string;
  code: RecoveryFlagCode | string;
  details: Record<string, unknown>;
  raisedAt: Date;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
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
};

/** Which requirements a case meets, from its documents and fields. */
export function recoveryRequirementStatus(
  recoveryCase: Pick<RecoveryCase, 'accountType' | 'newEmailVerifiedAt' | 'declaration'>,
  documents: readonly Pick<RecoveryDocument, 'kind' | 'purgedAt'>[],
): { kind: RecoveryRequirement; satisfied: boolean }[] {
  const present = new Set(documents.filter((d) => d.purgedAt === null).map((d) => d.kind));
  return recoveryRequirementsFor(recoveryCase.accountType).map((kind) => ({
    kind,
    satisfied:
      kind === 'new_email_verified'
        ? recoveryCase.newEmailVerifiedAt !== null
        : kind === 'declaration'
          ? recoveryCase.declaration !== null
          : present.has(kind),
  }));
}
