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
