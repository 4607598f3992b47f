import { randomUUID } from 'node:crypto';
import type { DbOrTx, Tx } from '../platform/db/database.ts';

/** All SQL of customers' second factors: the TOTP row, recovery codes and pending sign-ins. */

export type StoredCustomerTotp = { sealedSecret: string; confirmedAt: Date | null; lastStep: number | null };

/** The account's TOTP row (confirmed or awaiting confirmation), or null. */
export async function getCustomerTotpByAccount(
  db: DbOrTx,
  accountId: string,
): Promise<StoredCustomerTotp | null> {
  const row = await db
    .selectFrom('customer_totp')
    .select(['sealed_secret', 'confirmed_at', 'last_step'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row
    ? { sealedSecret: row.sealed_secret, confirmedAt: row.confirmed_at, lastStep: row.last_step }
    : null;
}

/** Starts (or restarts) enrolment: an unconfirmed secret replaces an unconfirmed one, never a confirmed one. */
export async function upsertPendingCustomerTotp(
  tx: Tx,
  accountId: string,
  sealedSecret: string,
  now: Date,
): Promise<boolean> {
  const row = await tx
    .insertInto('customer_totp')
    .values({
      account_id: accountId,
      sealed_secret: sealedSecret,
      created_at: now,
      confirmed_at: null,
      last_step: null,
    })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ sealed_secret: sealedSecret, created_at: now, last_step: null })
        .where('customer_totp.confirmed_at', 'is', null),
    )
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Confirms the pending secret with the step of its first code; false when none awaited confirmation. */
export async function confirmCustomerTotp(
  tx: Tx,
  accountId: string,
  step: number,
  now: Date,
): Promise<boolean> {
  const result = await tx
    .updateTable('customer_totp')
    .set({ confirmed_at: now, last_step: step })
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Accepts a code's time step once: one compare-and-set UPDATE, so of ten concurrent posts of the
 * same code exactly one gets the row back (and every earlier step is dead too).
 */
export async function consumeCustomerTotpStep(db: DbOrTx, accountId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('customer_totp')
    .set({ last_step: step })
    .where('account_id', '=', accountId)
    .where('confirmed_at', 'is not', null)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('account_id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Removes the TOTP row; true when there was a confirmed one. */
export async function deleteCustomerTotp(tx: Tx, accountId: string): Promise<boolean> {
  const row = await tx
    .deleteFrom('customer_totp')
    .where('account_id', '=', accountId)
    .returning('confirmed_at')
    .executeTakeFirst();
  return row?.confirmed_at != null;
}

/** Replaces every recovery code of the account by these hashes. */
export async function replaceRecoveryCodes(
  tx: Tx,
  accountId: string,
  hashes: string[],
  now: Date,
): Promise<void> {
  await tx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
  await tx
    .insertInto('recovery_codes')
    .values(
      hashes.map((code_hash) => ({ id: randomUUID(), account_id: accountId, code_hash, created_at: now })),
    )
    .execute();
}

/** Deletes every recovery code of the account; returns how many were still unused. */
export async function deleteRecoveryCodes(tx: Tx, accountId: string): Promise<number> {
  const rows = await tx
    .deleteFrom('recovery_codes')
    .where('account_id', '=', accountId)
    .returning('used_at')
    .execute();
  return rows.filter((r) => r.used_at === null).length;
}

/** Uses one recovery code of the account: compare-and-set on used_at, exactly one concurrent caller wins. */
export async function consumeRecoveryCode(
  db: DbOrTx,
  accountId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** How many recovery codes the account has left. */
export async function countUnusedRecoveryCodes(db: DbOrTx, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertPendingSignIn(
  db: DbOrTx,
  row: { accountId: string; tokenHash: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('mfa_pending_sign_ins')
    .values({
      id: randomUUID(),
      account_id: row.accountId,
      token_hash: row.tokenHash,
      created_at: row.now,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** The account a live (unused, unexpired) pending sign-in belongs to, or null. */
export async function getPendingSignInAccountId(
  db: DbOrTx,
  tokenHash: string,
  now: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('mfa_pending_sign_ins')
    .select('account_id')
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.account_id ?? null;
}

/** Uses the pending sign-in once (compare-and-set): the session is created by exactly one caller. */
export async function consumePendingSignIn(tx: Tx, tokenHash: string, now: Date): Promise<string | null> {
  const row = await tx
    .updateTable('mfa_pending_sign_ins')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('account_id')
    .executeTakeFirst();
  return row?.account_id ?? null;
}

/** Ends every pending sign-in of the account (its factors were removed, its access regenerated). */
export async function invalidatePendingSignInsOfAccount(
  tx: Tx,
  accountId: string,
  now: Date,
): Promise<number> {
  const result = await tx
    .updateTable('mfa_pending_sign_ins')
    .set({ used_at: now })
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes pending sign-ins that ended before `before`; for housekeeping. */
export async function deleteEndedPendingSignIns(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('mfa_pending_sign_ins')
    .where('expires_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
