import type { Updateable } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { RecoveryCaseRow, RecoveryCasesTable } from '../platform/db/schema.ts';
import { type RecoveryCase, type RecoveryStatus, terminalRecoveryStatuses } from './case.ts';

/** All SQL of the recovery_cases table. Token hashes never leave this file but to compare. */

export type RecoveryCaseChanges = Omit<
  Updateable<RecoveryCasesTable>,
  'id' | 'reference' | 'created_at' | 'status'
>;

export function toRecoveryCase(row: RecoveryCaseRow): RecoveryCase {
  return {
    id: row.id,
    reference: row.reference,
    accountType: row.account_type,
    status: row.status,
    locale: row.locale,
    hints: {
      clientNumber: row.hint_client_number,
      domain: row.hint_domain,
      formerEmail: row.hint_former_email,
    },
    claimant: {
      firstName: row.claimant_first_name,
      lastName: row.claimant_last_name,
      legalName: row.claimant_legal_name,
      siren: row.claimant_siren,
      associationName: row.claimant_association_name,
    },
    newEmail: row.new_email,
    newEmailNormalized: row.new_email_normalized,
    newEmailVerifiedAt: row.new_email_verified_at,
    emailCode: {
      expiresAt: row.email_code_expires_at,
      attempts: row.email_code_attempts,
      sentAt: row.email_code_sent_at,
    },
    declaration:
      row.declaration_accepted_at && row.declaration_full_name
        ? {
            fullName: row.declaration_full_name,
            acceptedAt: row.declaration_accepted_at,
            ip: row.declaration_ip,
            userAgent: row.declaration_user_agent,
          }
        : null,
    accountId: row.account_id,
    assignedStaffId: row.assigned_staff_id,
    infoRequestMessage: row.info_request_message,
    decisionReason: row.decision_reason,
    firstApprovedBy: row.first_approved_by,
    firstApprovedAt: row.first_approved_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    objectionDeadline: row.objection_deadline,
    previousEmail: row.previous_email,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastActivityAt: row.last_activity_at,
    submittedAt: row.submitted_at,
    closedAt: row.closed_at,
    documentsPurgedAt: row.documents_purged_at,
  };
}

export type NewRecoveryCase = {
  id: string;
  reference: string;
  caseTokenHash: string;
  accountType: RecoveryCase['accountType'];
  locale: RecoveryCase['locale'];
  hints: RecoveryCase['hints'];
  claimant: RecoveryCase['claimant'];
  newEmail: string;
  newEmailNormalized: string;
  now: Date;
};

export async function insertRecoveryCase(tx: Tx, c: NewRecoveryCase): Promise<RecoveryCase> {
  const row = await tx
    .insertInto('recovery_cases')
    .values({
      id: c.id,
      reference: c.reference,
      case_token_hash: c.caseTokenHash,
      account_type: c.accountType,
      status: 'draft',
      locale: c.locale,
      hint_client_number: c.hints.clientNumber,
      hint_domain: c.hints.domain,
      hint_former_email: c.hints.formerEmail,
      claimant_first_name: c.claimant.firstName,
      claimant_last_name: c.claimant.lastName,
      claimant_legal_name: c.claimant.legalName,
      claimant_siren: c.claimant.siren,
      claimant_association_name: c.claimant.associationName,
      new_email: c.newEmail,
      new_email_normalized: c.newEmailNormalized,
      new_email_verified_at: null,
      email_code_hash: null,
      email_code_expires_at: null,
      email_code_sent_at: null,
      declaration_full_name: null,
      declaration_accepted_at: null,
      declaration_ip: null,
      declaration_user_agent: null,
      account_id: null,
      assigned_staff_id: null,
      info_request_message: null,
      decision_reason: null,
      first_approved_by: null,
      first_approved_at: null,
      approved_by: null,
      approved_at: null,
      objection_deadline: null,
      objection_token_hash: null,
      previous_email: null,
      created_at: c.now,
      updated_at: c.now,
      last_activity_at: c.now,
      submitted_at: null,
      closed_at: null,
      documents_purged_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRecoveryCase(row);
}

export async function getRecoveryCaseByReference(
  db: DbOrTx,
  reference: string,
): Promise<RecoveryCase | null> {
  const row = await db
    .selectFrom('recovery_cases')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

export async function getRecoveryCaseById(db: DbOrTx, id: string): Promise<RecoveryCase | null> {
  const row = await db.selectFrom('recovery_cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

/** The case and its token hash, for the caller to compare in constant time; null when unknown. */
export async function getRecoveryCaseCredentialByReference(
  db: DbOrTx,
  reference: string,
): Promise<{ recoveryCase: RecoveryCase; caseTokenHash: string } | null> {
  const row = await db
    .selectFrom('recovery_cases')
    .selectAll()
    .where('reference', '=', reference)
    .executeTakeFirst();
  return row ? { recoveryCase: toRecoveryCase(row), caseTokenHash: row.case_token_hash } : null;
}

/** The stored HMAC of the current email code, for the caller to compare in constant time. */
export async function getRecoveryEmailCodeHash(tx: Tx, caseId: string): Promise<string | null> {
  const row = await tx
    .selectFrom('recovery_cases')
    .select('email_code_hash')
    .where('id', '=', caseId)
    .executeTakeFirst();
  return row?.email_code_hash ?? null;
}

/** The case whose objection link has this hash, while it is approved; null otherwise. */
export async function getApprovedRecoveryCaseByObjectionTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<RecoveryCase | null> {
  const row = await db
    .selectFrom('recovery_cases')
    .selectAll()
    .where('objection_token_hash', '=', tokenHash)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

/** Locks the case row until the transaction ends, so concurrent decisions queue behind each other. */
export async function lockRecoveryCaseById(tx: Tx, id: string): Promise<RecoveryCase | null> {
  const row = await tx
    .selectFrom('recovery_cases')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

/** Changes fields other than the status. */
export async function updateRecoveryCase(tx: Tx, id: string, changes: RecoveryCaseChanges): Promise<void> {
  await tx.updateTable('recovery_cases').set(changes).where('id', '=', id).execute();
}

/**
 * Moves the case from `from` to `to` with `changes`, compare-and-set on the status: of two
 * concurrent callers exactly one gets the case back; null when the case was no longer in `from`.
 * Only apply-recovery-event.ts calls it, with `to` taken from the transition table (a test checks).
 */
export async function transitionRecoveryCase(
  tx: Tx,
  id: string,
  from: RecoveryStatus,
  to: RecoveryStatus,
  changes: RecoveryCaseChanges,
): Promise<RecoveryCase | null> {
  const row = await tx
    .updateTable('recovery_cases')
    .set({ ...changes, status: to })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

/** Cases in one of `statuses`, oldest submission first; for queues and workers. */
export async function listRecoveryCasesByStatus(
  db: DbOrTx,
  statuses: readonly RecoveryStatus[],
  options: { submittedBefore?: Date; limit?: number } = {},
): Promise<RecoveryCase[]> {
  let query = db
    .selectFrom('recovery_cases')
    .selectAll()
    .where('status', 'in', [...statuses]);
  if (options.submittedBefore) query = query.where('submitted_at', '<', options.submittedBefore);
  const rows = await query
    .orderBy('submitted_at', 'asc')
    .orderBy('created_at', 'asc')
    .limit(options.limit ?? 200)
    .execute();
  return rows.map(toRecoveryCase);
}

/** The cases linked to an account that are not in a terminal state, newest first (the staff account page). */
export async function listOpenRecoveryCasesByAccount(db: DbOrTx, accountId: string): Promise<RecoveryCase[]> {
  const rows = await db
    .selectFrom('recovery_cases')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('status', 'not in', [...terminalRecoveryStatuses])
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(toRecoveryCase);
}

// --- Objection window and completion (completion/).

/**
 * Locks the approved case whose objection link has this hash. When a concurrent transaction moved
 * the case on while we waited for the lock, PostgreSQL re-checks the conditions and returns nothing.
 */
export async function lockApprovedRecoveryCaseByObjectionTokenHash(
  tx: Tx,
  tokenHash: string,
): Promise<RecoveryCase | null> {
  const row = await tx
    .selectFrom('recovery_cases')
    .selectAll()
    .where('objection_token_hash', '=', tokenHash)
    .where('status', '=', 'approved')
    .forUpdate()
    .executeTakeFirst();
  return row ? toRecoveryCase(row) : null;
}

/** How many cases name this new address; the demo uses it to load its cases once. */
export async function countRecoveryCasesByNewEmail(db: DbOrTx, newEmailNormalized: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('new_email_normalized', '=', newEmailNormalized)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
