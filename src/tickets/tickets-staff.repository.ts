import type { DbOrTx } from '../platform/db/database.ts';

/** Reads of the staff desk that the shared tickets repository does not have. */

/** Client numbers of the given accounts, by account id (for the queue's account column). */
export async function getClientNumbersByAccountIds(
  db: DbOrTx,
  accountIds: readonly string[],
): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'client_number'])
    .where('id', 'in', [...accountIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.client_number]));
}
