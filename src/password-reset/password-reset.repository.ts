import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { PasswordResetTokenRow } from '../platform/db/schema.ts';
import {
  consumeSingleUseToken,
  invalidateSingleUseTokensOfAccount,
} from '../platform/tokens/single-use-token.repository.ts';
import type { PasswordResetToken } from './password-reset.ts';

/** All SQL of password reset. Tokens are stored only as SHA-256 hashes. */

function toPasswordResetToken(row: PasswordResetTokenRow): PasswordResetToken {
  return {
    id: row.id,
    accountId: row.account_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    invalidatedAt: row.invalidated_at,
  };
}

export async function insertPasswordResetToken(
  tx: Tx,
  row: { id: string; accountId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await tx
    .insertInto('password_reset_tokens')
    .values({
      id: row.id,
      account_id: row.accountId,
      token_hash: row.tokenHash,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      used_at: null,
      invalidated_at: null,
    })
    .execute();
}

/** The token with this hash, whatever its state; null when unknown. */
export async function getPasswordResetTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<PasswordResetToken | null> {
  const row = await db
    .selectFrom('password_reset_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toPasswordResetToken(row) : null;
}

/**
 * Uses the token if it is still awaiting use at `now`: one compare-and-set UPDATE, so of two
 * concurrent callers exactly one gets the row back. Null when unknown, used, invalidated or expired.
 */
export async function consumePasswordResetToken(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<PasswordResetToken | null> {
  const row = await consumeSingleUseToken(tx, 'password_reset_tokens', tokenHash, now);
  return row ? toPasswordResetToken(row) : null;
}

/** Invalidates every token of the account still awaiting use; returns how many. */
export async function invalidatePasswordResetTokensOfAccount(
  db: DbOrTx,
  accountId: string,
  now: Date,
): Promise<number> {
  return invalidateSingleUseTokensOfAccount(db, 'password_reset_tokens', accountId, now);
}

/** Deletes tokens that stopped working before `before`; for the worker's housekeeping. */
export async function deleteEndedPasswordResetTokens(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('password_reset_tokens')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** A forgot-password request as recorded by the route, before the worker resolves it. */
export type PendingPasswordResetRequest = {
  id: string;
  sealedEmail: string;
  ip: string | null;
  userAgent: string | null;
  requestedAt: Date;
  attempts: number;
};

export async function insertPasswordResetRequest(
  db: DbOrTx,
  row: Omit<PendingPasswordResetRequest, 'attempts'>,
): Promise<void> {
  await db
    .insertInto('password_reset_requests')
    .values({
      id: row.id,
      sealed_email: row.sealedEmail,
      ip: row.ip,
      user_agent: row.userAgent,
      requested_at: row.requestedAt,
    })
    .execute();
}

/**
 * Takes the oldest request no other worker holds, deleted inside `tx`: it is gone once `tx`
 * commits, and back for the next round if `tx` rolls back. Requests that failed `maxAttempts`
 * rounds are left for `dropFailedPasswordResetRequests`; `skip` holds those that failed this round.
 */
export async function takeNextPasswordResetRequest(
  tx: Tx,
  options: { maxAttempts: number; skip: readonly string[] },
): Promise<PendingPasswordResetRequest | null> {
  let next = tx
    .selectFrom('password_reset_requests')
    .select('id')
    .where('attempts', '<', options.maxAttempts);
  if (options.skip.length) next = next.where('id', 'not in', options.skip);
  const row = await tx
    .deleteFrom('password_reset_requests')
    .where('id', '=', next.orderBy('requested_at').limit(1).forUpdate().skipLocked())
    .returningAll()
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        sealedEmail: row.sealed_email,
        ip: row.ip,
        userAgent: row.user_agent,
        requestedAt: row.requested_at,
        attempts: row.attempts,
      }
    : null;
}

/** Counts a failed round on a request, so that a request that always fails cannot stall the queue. */
export async function countFailedPasswordResetRequest(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('password_reset_requests')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Removes the requests that failed every round they were given; returns how many. */
export async function dropFailedPasswordResetRequests(db: DbOrTx, maxAttempts: number): Promise<number> {
  const result = await db
    .deleteFrom('password_reset_requests')
    .where('attempts', '>=', maxAttempts)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Requests waiting for the worker, and the age of the oldest (for /metrics and tests). */
export async function countPendingPasswordResetRequests(
  db: DbOrTx,
): Promise<{ pending: number; oldest: Date | null }> {
  const row = await db
    .selectFrom('password_reset_requests')
    .select((eb) => [eb.fn.countAll<string>().as('pending'), eb.fn.min('requested_at').as('oldest')])
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldest: row.oldest ? new Date(row.oldest) : null };
}
