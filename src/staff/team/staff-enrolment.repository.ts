import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import {
  consumeSingleUseToken,
  invalidateSingleUseTokensOfAccount,
} from '../../platform/tokens/single-use-token.repository.ts';

/** Staff enrolment links: the shared single-use token SQL, plus insert and look-up. */

export type StaffEnrolmentToken = {
  id: string;
  staffUserId: string;
  sealedTotpSecret: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  invalidatedAt: Date | null;
};

type Row = {
  id: string;
  staff_user_id: string;
  sealed_totp_secret: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  invalidated_at: Date | null;
};

function toToken(row: Row): StaffEnrolmentToken {
  return {
    id: row.id,
    staffUserId: row.staff_user_id,
    sealedTotpSecret: row.sealed_totp_secret,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    invalidatedAt: row.invalidated_at,
  };
}

export async function insertStaffEnrolmentToken(
  tx: Tx,
  token: {
    id: string;
    staffUserId: string;
    tokenHash: string;
    sealedTotpSecret: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx
    .insertInto('staff_enrolment_tokens')
    .values({
      id: token.id,
      staff_user_id: token.staffUserId,
      token_hash: token.tokenHash,
      sealed_totp_secret: token.sealedTotpSecret,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
      used_at: null,
      invalidated_at: null,
    })
    .execute();
}

export async function getStaffEnrolmentTokenByHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<StaffEnrolmentToken | null> {
  const row = await db
    .selectFrom('staff_enrolment_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toToken(row) : null;
}

/** Uses the link (exactly one concurrent caller wins); null when unknown, used, invalidated or expired. */
export async function consumeStaffEnrolmentToken(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<StaffEnrolmentToken | null> {
  const row = await consumeSingleUseToken(tx, 'staff_enrolment_tokens', tokenHash, now);
  return row ? toToken(row) : null;
}

/** A newer link, or the member disabled: the older links stop working. */
export function invalidateStaffEnrolmentTokensOf(
  db: DbOrTx,
  staffUserId: string,
  now: Date,
): Promise<number> {
  return invalidateSingleUseTokensOfAccount(db, 'staff_enrolment_tokens', staffUserId, now);
}
