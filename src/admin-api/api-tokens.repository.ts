import type { Selectable } from 'kysely';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { ApiTokensTable } from '../platform/db/schema.ts';
import type { ApiToken } from './api-token.ts';

/** All SQL on `api_tokens`. The hash leaves this file only through `getApiTokenHashById`. */

function toApiToken(row: Omit<Selectable<ApiTokensTable>, 'token_hash'>): ApiToken {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

const publicColumns = ['id', 'name', 'created_at', 'last_used_at', 'revoked_at'] as const;

export async function insertApiToken(
  tx: Tx,
  row: { id: string; name: string; tokenHash: string; createdAt: Date },
): Promise<ApiToken> {
  const inserted = await tx
    .insertInto('api_tokens')
    .values({ id: row.id, name: row.name, token_hash: row.tokenHash, created_at: row.createdAt })
    .returning(publicColumns)
    .executeTakeFirstOrThrow();
  return toApiToken(inserted);
}

/** The token and its stored hash, for authentication only; null when the id is unknown. */
export async function getApiTokenHashById(
  db: DbOrTx,
  id: string,
): Promise<{ apiToken: ApiToken; tokenHash: string } | null> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { apiToken: toApiToken(row), tokenHash: row.token_hash } : null;
}

/** Every token, newest first, revoked ones included (the list is the history too). */
export async function listApiTokens(db: DbOrTx): Promise<ApiToken[]> {
  const rows = await db
    .selectFrom('api_tokens')
    .select(publicColumns)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toApiToken);
}

export async function getApiTokenById(db: DbOrTx, id: string): Promise<ApiToken | null> {
  const row = await db.selectFrom('api_tokens').select(publicColumns).where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Revokes a live token; null when it is unknown or already revoked (one UPDATE, so one caller wins). */
export async function revokeApiTokenById(tx: Tx, id: string, at: Date): Promise<ApiToken | null> {
  const row = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(publicColumns)
    .executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** Records a use, at most once per `interval` ms: every request writing the row would be wasted I/O. */
export async function touchApiTokenLastUsed(
  db: DbOrTx,
  id: string,
  at: Date,
  interval: number,
): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: at })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(at.getTime() - interval))]),
    )
    .execute();
}
