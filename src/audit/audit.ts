import { createHash } from 'node:crypto';

/** Who acted: a signed-in customer, a staff member, the system itself, someone unknown, or another system. */
export type AuditActorType = 'customer' | 'staff' | 'system' | 'anonymous' | 'api';

/** Every security event the log knows. Add new actions here; stored rows keep their text forever. */
export const auditActions = [
  'account.created',
  'account.updated',
  'signin.succeeded',
  'signin.failed',
  'signin.throttled',
  'signin.mfa_required',
  'signin.mfa_failed',
  'signin.mfa_throttled',
  'mfa.totp_enrolled',
  'mfa.totp_removed',
  'mfa.recovery_code_used',
  'mfa.recovery_codes_regenerated',
  'mfa.factors_removed',
  'mfa.factors_removed_by_staff',
  'mfa.passkey_added',
  'mfa.passkey_renamed',
  'mfa.passkey_removed',
  'signin.passkey_failed',
  'signin.passkey_throttled',
  'signin.mfa_enrolment_required',
  'signout',
  'password.changed',
  'session.revoked',
  'sessions.revoked_others',
  'service.created',
  'api_token.created',
  'api_token.revoked',
  'sso.client_created',
  'sso.client_disabled',
  'sso.keys_rotated',
  'sso.consent_granted',
  'sso.signed_in',
  'sso.application_revoked',
  'password_reset.requested',
  'password_reset.completed',
  'email_change.requested',
  'email_change.confirmed',
  'email_change.cancelled',
  'staff.created',
  'staff.signin.succeeded',
  'staff.signin.failed',
  'staff.signin.throttled',
  'staff.signout',
  'staff.totp_reenrolled',
  'staff.role_changed',
  'staff.disabled',
  'staff.enabled',
  'staff.sessions_revoked',
  'staff.session_revoked',
  'staff.enrolment_link_sent',
  'staff.enrolled',
  'staff.password_changed',
  'staff.accounts.searched',
  'staff.account.viewed',
  'staff.reset_link_sent',
  'staff.audit.viewed',
  'staff.audit.exported',
  'recovery.case_created',
  'recovery.email_code_sent',
  'recovery.email_code_failed',
  'recovery.email_verified',
  'recovery.document_added',
  'recovery.document_refused',
  'recovery.declaration_recorded',
  'recovery.submitted',
  'recovery.assigned',
  'recovery.account_linked',
  'recovery.checklist_updated',
  'recovery.flag_raised',
  'recovery.flag_resolved',
  'recovery.info_requested',
  'recovery.rejected',
  'recovery.first_approval',
  'recovery.approved',
  'recovery.objected',
  'recovery.completed',
  'recovery.completion_blocked',
  'recovery.expired',
  'recovery.documents_purged',
  'recovery.checks_run',
  'staff.recovery.case_viewed',
  'staff.recovery.document_viewed',
  'ticket.created',
  'ticket.message_added',
  'ticket.closed_by_customer',
  'ticket.email_received',
  'ticket.email_refused',
  'ticket.auto_reply_sent',
  'ticket.lost_access_handled',
  'staff.ticket.viewed',
  'staff.ticket.attachment_viewed',
  'staff.ticket.replied',
  'staff.ticket.status_changed',
  'staff.ticket.assigned',
] as const;

export type AuditAction = (typeof auditActions)[number];

/** Flat, JSON-safe facts about an event. Never a secret: see `assertAuditDetailsAreSafe`. */
export type AuditDetails = Record<string, string | number | boolean | null>;

/** What a use case hands to `recordAuditEvent`. */
export type AuditEventInput = {
  actor: { type: AuditActorType; id: string | null };
  accountId: string | null;
  action: AuditAction;
  ip: string | null;
  userAgent: string | null;
  details?: AuditDetails;
};

/**
 * An event as stored and read back. `seq` is a bigint, kept as a string so no precision is lost. The
 * chain fields are null until the chainer links the event into the hash chain (audit-chainer.ts).
 */
export type AuditEvent = {
  seq: string;
  id: string;
  occurredAt: Date;
  actorType: AuditActorType;
  actorId: string | null;
  accountId: string | null;
  action: AuditAction;
  ip: string | null;
  userAgent: string | null;
  details: AuditDetails;
  chainPosition: string | null;
  prevHash: string | null;
  hash: string | null;
};

/** An event the chainer has linked: its place in the chain, its predecessor's hash and its own. */
export type ChainedAuditEvent = AuditEvent & { chainPosition: string; prevHash: string; hash: string };

/**
 * The fields a hash covers besides the previous hash. `seq` and `chainPosition` are left out: the
 * links, not numbering, order events (a row moved to another position no longer links).
 */
export type AuditHashedFields = Omit<AuditEvent, 'seq' | 'chainPosition' | 'prevHash' | 'hash'>;

/** How a chain can be found broken. */
export type AuditChainBreak = 'hash_mismatch' | 'chain_broken';

/** The `prev_hash` of the very first event. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

// Bumped if the serialization below ever changes, so old and new hashes can never be confused.
const AUDIT_HASH_FORMAT = 'sesame-audit-v1';

/** SHA-256 (hex) of an event chained to the previous event's hash. */
export function computeAuditHash(prevHash: string, event: AuditHashedFields): string {
  // Fields are listed one by one, in a fixed order, so extra properties on `event` are ignored.
  const canonical = canonicalJson([
    AUDIT_HASH_FORMAT,
    prevHash,
    event.id,
    event.occurredAt.toISOString(),
    event.actorType,
    event.actorId,
    event.accountId,
    event.action,
    event.ip,
    event.userAgent,
    event.details,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted at every depth. jsonb stores keys in its own order (shortest first),
 * so the text we wrote and the object we read back must serialize identically.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const entries = Object.keys(record)
      .filter((key) => record[key] !== undefined) // JSON.stringify drops these too, so jsonb never sees them
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Returns why `event` breaks the chain when the previous event's hash was `expectedPrevHash`, or null. */
export function findAuditChainBreak(
  event: ChainedAuditEvent,
  expectedPrevHash: string,
): AuditChainBreak | null {
  // The row's own hash first: an edited row (any field, prev_hash included) shows exactly where it was edited.
  if (computeAuditHash(event.prevHash, event) !== event.hash) return 'hash_mismatch';
  // A self-consistent row that does not point at its predecessor: rows were deleted or re-hashed before it.
  if (event.prevHash !== expectedPrevHash) return 'chain_broken';
  return null;
}

// The audit log is append-only and exported to staff: a secret written here could never be erased
// and would outlive the credential it belongs to. `code` covers reset/verification/TOTP codes.
const SECRET_KEY_PATTERN = /password|token|secret|cookie|code/i;

/** Throws if `details` could carry a secret or a value that would not read back identically. */
export function assertAuditDetailsAreSafe(details: AuditDetails): void {
  for (const [key, value] of Object.entries(details)) {
    if (SECRET_KEY_PATTERN.test(key)) {
      throw new Error(`Audit details must not carry secrets: key "${key}" is refused`);
    }
    // NaN and Infinity would be stored as null, and the event's hash would no longer verify.
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new Error(`Audit details must hold finite numbers: key "${key}" is ${value}`);
    }
  }
}
