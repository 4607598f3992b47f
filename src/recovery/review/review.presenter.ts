import { type Account, accountDisplayName } from '../../accounts/account.ts';
import type { RecoveryCase } from '../case.ts';
import type { QueueEntry, RecoveryReviewDossier } from './queue.service.ts';

/** The staff JSON shapes of the review. Never the token hashes or the email code: they are not on RecoveryCase. */

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function claimantName(recoveryCase: RecoveryCase): string {
  return `${recoveryCase.claimant.firstName} ${recoveryCase.claimant.lastName}`.trim();
}

export function presentQueueEntry(entry: QueueEntry) {
  const c = entry.recoveryCase;
  return {
    reference: c.reference,
    accountType: c.accountType,
    status: c.status,
    claimantName: claimantName(c),
    submittedAt: iso(c.submittedAt),
    ageDays: entry.ageDays,
    assignedStaff: c.assignedStaffId ? { id: c.assignedStaffId, name: entry.assignedStaffName } : null,
    flagged: entry.openFlags,
  };
}

function presentAccountSummary(account: Account) {
  return {
    id: account.id,
    clientNumber: account.clientNumber,
    type: account.type,
    name: accountDisplayName(account),
    firstName: account.firstName,
    lastName: account.lastName,
    legalName: account.legalName,
    siren: account.siren,
    associationName: account.associationName,
    email: account.email,
    phone: account.phone,
  };
}

export function presentRecoveryCaseForStaff(recoveryCase: RecoveryCase) {
  const c = recoveryCase;
  return {
    reference: c.reference,
    accountType: c.accountType,
    status: c.status,
    locale: c.locale,
    claimant: c.claimant,
    hints: c.hints,
    newEmail: c.newEmail,
    newEmailVerified: c.newEmailVerifiedAt !== null,
    declaration: c.declaration
      ? { fullName: c.declaration.fullName, acceptedAt: iso(c.declaration.acceptedAt), ip: c.declaration.ip }
      : null,
    accountId: c.accountId,
    assignedStaffId: c.assignedStaffId,
    infoRequestMessage: c.infoRequestMessage,
    decisionReason: c.decisionReason,
    firstApprovedBy: c.firstApprovedBy,
    firstApprovedAt: iso(c.firstApprovedAt),
    approvedBy: c.approvedBy,
    approvedAt: iso(c.approvedAt),
    objectionDeadline: iso(c.objectionDeadline),
    createdAt: iso(c.createdAt),
    submittedAt: iso(c.submittedAt),
    closedAt: iso(c.closedAt),
    documentsPurgedAt: iso(c.documentsPurgedAt),
  };
}

export function presentDossier(dossier: RecoveryReviewDossier) {
  return {
    case: presentRecoveryCaseForStaff(dossier.recoveryCase),
    documents: dossier.documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      mediaType: d.mediaType,
      size: d.size,
      pageCount: d.pageCount,
      scanStatus: d.scanStatus,
      uploadedAt: iso(d.uploadedAt),
      purged: d.purgedAt !== null,
    })),
    flags: dossier.flags.map((f) => ({
      id: f.id,
      code: f.code,
      details: f.details,
      raisedAt: iso(f.raisedAt),
      open: f.resolvedAt === null,
      resolvedAt: iso(f.resolvedAt),
      resolvedBy: f.resolvedBy,
      resolutionNote: f.resolutionNote,
    })),
    checklist: dossier.checklist.map((c) => ({
      item: c.item,
      verified: c.verified,
      note: c.note,
      staffId: c.staffId,
      updatedAt: iso(c.updatedAt),
    })),
    blockers: dossier.blockers,
    checks: dossier.checks.map((c) => ({
      check: c.check,
      documentId: c.documentId,
      outcome: c.outcome,
      evidence: c.evidence,
      checkedAt: iso(c.checkedAt),
    })),
    checksPending: dossier.checksPending,
    account: dossier.account ? presentAccountSummary(dossier.account) : null,
    suggestedAccounts: dossier.suggestions.map((s) => ({
      ...presentAccountSummary(s.account),
      matchedBy: s.matchedBy,
    })),
    timeline: dossier.timeline.map((e) => ({
      occurredAt: iso(e.occurredAt),
      actorType: e.actorType,
      actorId: e.actorId,
      event: e.event,
      message: e.message,
      visibleToClaimant: e.visibleToClaimant,
    })),
  };
}
