import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { AccountRow, AccountUpdate, NewAccountRow } from '../platform/db/schema.ts';
import type { Account } from './account.ts';

/** All SQL of the accounts domain. */

export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    clientNumber: row.client_number,
    type: row.type,
    email: row.email,
    emailVerifiedAt: row.email_verified_at,
    phone: row.phone,
    phoneVerifiedAt: row.phone_verified_at,
    address: {
      line1: row.address_line1,
      line2: row.address_line2,
      postalCode: row.postal_code,
      city: row.city,
      country: row.country,
    },
    firstName: row.first_name,
    lastName: row.last_name,
    legalName: row.legal_name,
    siren: row.siren,
    associationName: row.association_name,
    rna: row.rna,
    locale: row.locale,
    hasPassword: row.password_hash !== null,
    passwordChangedAt: row.password_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function nextClientNumber(db: DbOrTx): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('client_number_seq')::text AS n`.execute(db);
  return `SE${rows[0]?.n}`;
}

/** Inserts an account; returns null when the normalized email is already taken. */
export async function insertAccount(tx: Tx, row: NewAccountRow): Promise<Account | null> {
  const inserted = await tx
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.column('email_normalized').doNothing())
    .returningAll()
    .executeTakeFirst();
  return inserted ? toAccount(inserted) : null;
}

export async function getAccountById(db: DbOrTx, id: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** The account and its password hash, for sign-in only. */
export async function getAccountCredentialsByEmail(
  db: DbOrTx,
  normalizedEmail: string,
): Promise<{ account: Account; passwordHash: string | null } | null> {
  const row = await db
    .selectFrom('accounts')
    .selectAll()
    .where('email_normalized', '=', normalizedEmail)
    .executeTakeFirst();
  return row ? { account: toAccount(row), passwordHash: row.password_hash } : null;
}

export async function getPasswordHashById(db: DbOrTx, id: string): Promise<string | null> {
  const row = await db.selectFrom('accounts').select('password_hash').where('id', '=', id).executeTakeFirst();
  return row?.password_hash ?? null;
}

/** Locks the account row for the rest of the transaction. */
export async function lockAccountById(tx: Tx, id: string): Promise<Account | null> {
  const row = await tx.selectFrom('accounts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? toAccount(row) : null;
}

export async function updateAccount(tx: Tx, id: string, changes: AccountUpdate): Promise<Account> {
  const row = await tx
    .updateTable('accounts')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAccount(row);
}

export async function updatePasswordHash(
  tx: Tx,
  id: string,
  passwordHash: string,
  changedAt: Date | null,
): Promise<void> {
  const changes: AccountUpdate = { password_hash: passwordHash };
  if (changedAt) Object.assign(changes, { password_changed_at: changedAt, updated_at: changedAt });
  await tx.updateTable('accounts').set(changes).where('id', '=', id).execute();
}
