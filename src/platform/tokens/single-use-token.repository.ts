import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { nextSingleUseTokenState, type SingleUseTokenEvent } from './single-use-token.ts';

/** The tables of single-use links: each has token_hash, an owner column, expires_at, used_at, invalidated_at. */
export type SingleUseTokenTable =
  | 'password_reset_tokens'
  | 'email_change_requests'
  | 'staff_enrolment_tokens';

// Whose link it is: a customer account, or a staff member for the staff enrolment links.
const ownerColumnOf = {
  password_reset_tokens: 'account_id',
  email_change_requests: 'account_id',
  staff_enrolment_tokens: 'staff_user_id',
} as const satisfies Record<SingleUseTokenTable, string>;

// The timestamp each end state is written as (single-use-token.ts: the state is read from them).
const stampOf = { used: 'used_at', invalidated: 'invalidated_at' } as const;

/**
 * The column `event` stamps: the table gives the state `event` leads to from awaiting_use — the
 * only state with a way out, which the WHERE clause below selects — and the state names the column.
 */
function stampColumn(event: SingleUseTokenEvent): 'used_at' | 'invalidated_at' {
  const next = nextSingleUseTokenState('awaiting_use', event);
  if (next !== 'used' && next !== 'invalidated') throw new Error(`no stamp for ${event}`);
  return stampOf[next];
}

/**
 * Uses the link if it still awaits use at `now`: one compare-and-set UPDATE, so of two concurrent
 * callers exactly one gets the row back. Null when unknown, used, invalidated or expired.
 */
export async function consumeSingleUseToken<T extends SingleUseTokenTable>(
  tx: Tx,
  table: T,
  tokenHash: string,
  now: Date,
): Promise<Selectable<Database[T]> | null> {
  // Kysely cannot type a query over a union of tables; both share every column used here.
  const row = await tx
    .updateTable(table as SingleUseTokenTable as 'password_reset_tokens')
    .set({ [stampColumn('use')]: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('invalidated_at', 'is', null)
    .where('expires_at', '>', now)
    .returningAll()
    .executeTakeFirst();
  return (row ?? null) as Selectable<Database[T]> | null;
}

/** Invalidates every link of the owner (account, or staff member) in `table` still awaiting use at `now`; returns how many. */
export async function invalidateSingleUseTokensOfAccount(
  db: DbOrTx,
  table: SingleUseTokenTable,
  ownerId: string,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable(table as 'password_reset_tokens')
    .set({ [stampColumn('invalidate')]: now })
    // The owner column differs per table (see ownerColumnOf); Kysely is typed on one table here.
    .where(ownerColumnOf[table] as 'account_id', '=', ownerId)
    .where('used_at', 'is', null)
    .where('invalidated_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
