import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { EmailChangeRequestRow } from '../platform/db/schema.ts';
import {
  consumeSingleUseToken,
  invalidateSingleUseTokensOfAccount,
} from '../platform/tokens/single-use-token.repository.ts';
import type { EmailChangeRequest } from './email-change.ts';

/** All SQL of email change requests. Tokens are stored only as SHA-256 hashes. */

function toEmailChangeRequest(row: EmailChangeRequestRow): EmailChangeRequest {
  return {
    id: row.id,
    accountId: row.account_id,
    newEmail: row.new_email,
    newEmailNormalized: row.new_email_normalized,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    invalidatedAt: row.invalidated_at,
  };
}

export async function insertEmailChangeRequest(
  tx: Tx,
  request: Omit<EmailChangeRequest, 'usedAt' | 'invalidatedAt'> & { tokenHash: string },
): Promise<void> {
  await tx
    .insertInto('email_change_requests')
    .values({
      id: request.id,
      account_id: request.accountId,
      new_email: request.newEmail,
      new_email_normalized: request.newEmailNormalized,
      token_hash: request.tokenHash,
      created_at: request.createdAt,
      expires_at: request.expiresAt,
      used_at: null,
      invalidated_at: null,
    })
    .execute();
}

/** The request with this token hash, whatever its state; null when unknown. */
export async function getEmailChangeRequestByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<EmailChangeRequest | null> {
  const row = await db
    .selectFrom('email_change_requests')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toEmailChangeRequest(row) : null;
}

/** The account's newest request still awaiting confirmation at `now` (null when none): what the fiche shows. */
export async function getPendingEmailChangeRequestOfAccount(
  db: DbOrTx,
  accountId: string,
  now: Date,
): Promise<EmailChangeRequest | null> {
  const row = await db
    .selectFrom('email_change_requests')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .where('invalidated_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toEmailChangeRequest(row) : null;
}

/**
 * Confirms the request if it still awaits confirmation at `now`: one compare-and-set UPDATE,
 * so exactly one of two concurrent callers gets it back. Null when unknown, used, invalidated or expired.
 */
export async function consumeEmailChangeRequest(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<EmailChangeRequest | null> {
  const row = await consumeSingleUseToken(tx, 'email_change_requests', tokenHash, now);
  return row ? toEmailChangeRequest(row) : null;
}

/** Invalidates every request of the account still awaiting confirmation; returns how many. */
export async function invalidateEmailChangeRequestsOfAccount(
  db: DbOrTx,
  accountId: string,
  now: Date,
): Promise<number> {
  return invalidateSingleUseTokensOfAccount(db, 'email_change_requests', accountId, now);
}

/** True for PostgreSQL's unique_violation (23505), as both drivers report it. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** Deletes requests that stopped working before `before`; for the worker's housekeeping. */
export async function deleteEndedEmailChangeRequests(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('email_change_requests')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
