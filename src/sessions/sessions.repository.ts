import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { SessionRow } from '../platform/db/schema.ts';
import type { Session } from './session.ts';

/** All SQL of customer sessions. Tokens are stored only as SHA-256 hashes. */

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    accountId: row.account_id,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function insertSession(tx: Tx, row: SessionRow): Promise<Session> {
  const inserted = await tx.insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
  return toSession(inserted);
}

/** The unrevoked session with this token hash, with its CSRF secret. */
export async function getSessionByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: Session; csrfSecret: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { session: toSession(row), csrfSecret: row.csrf_secret } : null;
}

export async function touchSession(
  db: DbOrTx,
  id: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent })
    .where('id', '=', id)
    .execute();
}

export async function listActiveSessionsByAccount(
  db: DbOrTx,
  accountId: string,
  now: Date,
  idleCutoff: Date,
): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleCutoff)
    .orderBy('last_seen_at', 'desc')
    .execute();
  return rows.map(toSession);
}

/** Revokes one session of the account; false when there was no such live session. */
export async function revokeSessionById(
  db: DbOrTx,
  accountId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every session of the account but `exceptId` (all of them when null); returns how many. */
export async function revokeSessionsOfAccount(
  db: DbOrTx,
  accountId: string,
  exceptId: string | null,
  now: Date,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sessions that ended before `before`; run by the worker. */
export async function deleteEndedSessions(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before), eb('last_seen_at', '<', before)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
