import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { type Account, normalizeEmail } from './account.ts';
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

/** Parts of an email or a name need this many characters: below it, no trigram narrows a search. */
export const ACCOUNT_SEARCH_MIN_PART_LENGTH = 3;

/**
 * Accounts matching `query` by email (a whole address, or part of one), client number (exact), name of the holder,
 * company or association (part of it, from 3 characters), SIREN (exact, spaces ignored) or domain
 * (exact). Newest first, at most ACCOUNT_SEARCH_LIMIT. Each branch of the OR has its index
 * (migration 2026-12-07-008: the parts go through `sesame_account_search_text`, trigram-indexed),
 * so that a million accounts are never read whole (bench/staff-queries.ts).
 */
export async function searchAccounts(db: DbOrTx, query: string): Promise<Account[]> {
  const text = query.trim();
  if (text.length < 2) return [];
  // A domain, a URL or an email address: the holder of that domain (or of a parent domain).
  const domainHolders = await findAccountIdsByDomain(db, text);
  const rows = await accountSearchStatement(db, text, domainHolders).execute();
  return rows.map(toAccount);
}

/** The search's statement, apart for the test that checks each branch can use its index. */
export function accountSearchStatement(db: DbOrTx, text: string, domainHolders: readonly string[]) {
  const digits = text.replace(/\s/g, '');
  // A whole address is looked up as such (its unique index): as a part, its common trigrams
  // ("exa", "mpl", ".fr") would make the trigram index walk most of the base.
  const address = normalizeEmail(text);
  // A control character never matches: it separates the fields inside the indexed text.
  const byParts = !address.ok && text.length >= ACCOUNT_SEARCH_MIN_PART_LENGTH && !/\p{Cc}/u.test(text);
  return db
    .selectFrom('accounts')
    .selectAll()
    .where((eb) =>
      eb.or([
        // The same expression as the index: email, "first last", "last first", company, association.
        ...(byParts
          ? [
              eb(
                sql<string>`sesame_account_search_text(email_normalized, first_name, last_name, legal_name, association_name)`,
                'like',
                likePattern(text.toLowerCase()),
              ),
            ]
          : []),
        ...(address.ok ? [eb('email_normalized', '=', address.normalized)] : []),
        eb('client_number', '=', text.toUpperCase()),
        eb('siren', '=', digits),
        ...(domainHolders.length ? [eb('id', 'in', [...domainHolders])] : []),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(ACCOUNT_SEARCH_LIMIT);
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
