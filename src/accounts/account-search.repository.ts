import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { Account } from './account.ts';
import { toAccount } from './accounts.repository.ts';
import { findAccountIdsByDomain } from './services.repository.ts';

/** Support's account search: SQL only, over the fiche and the domains an account holds. */

/** Returns the id of the account with this client number, or null. */
export async function getAccountIdByClientNumber(db: DbOrTx, clientNumber: string): Promise<string | null> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('client_number', '=', clientNumber.trim().toUpperCase())
    .executeTakeFirst();
  return row?.id ?? null;
}

export const ACCOUNT_SEARCH_LIMIT = 50;

/** Escapes LIKE wildcards so that a typed "%" or "_" matches itself, not everything. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Accounts matching `query` by email (part of it), client number (exact), name of the holder,
 * company or association (part of it), SIREN (exact, spaces ignored) or domain (exact).
 * Newest first, at most ACCOUNT_SEARCH_LIMIT.
 */
export async function searchAccounts(db: DbOrTx, query: string): Promise<Account[]> {
  const text = query.trim();
  if (text.length < 2) return [];
  const pattern = likePattern(text.toLowerCase());
  const digits = text.replace(/\s/g, '');
  // A domain, a URL or an email address: the holder of that domain (or of a parent domain).
  const domainHolders = await findAccountIdsByDomain(db, text);
  const rows = await db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('email_normalized', 'like', pattern),
        eb('client_number', '=', text.toUpperCase()),
        // "Jeanne Lefèvre" as typed on the phone matches the two name columns together.
        eb(sql<string>`lower(concat_ws(' ', first_name, last_name))`, 'like', pattern),
        eb(sql<string>`lower(concat_ws(' ', last_name, first_name))`, 'like', pattern),
        eb(eb.fn('lower', ['legal_name']), 'like', pattern),
        eb(eb.fn('lower', ['association_name']), 'like', pattern),
        eb('siren', '=', digits),
        ...(domainHolders.length ? [eb('id', 'in', domainHolders)] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(ACCOUNT_SEARCH_LIMIT)
    .execute();
  return rows.map(toAccount);
}

/** Ids of the accounts whose email on file is `normalizedEmail` (at most one, by uniqueness); for recovery review. */
export async function findAccountIdsByEmail(db: DbOrTx, normalizedEmail: string): Promise<string[]> {
  const rows = await db
    .selectFrom('accounts')
    .select('id')
    .where('email_normalized', '=', normalizedEmail.trim().toLowerCase())
    .execute();
  return rows.map((row) => row.id);
}
