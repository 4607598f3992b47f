import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { SessionRow } from '../platform/db/schema.ts';
import type { Session } from './session.ts';
import { type StoredSession, sessionStore } from './session-store.repository.ts';

/** Customer sessions: the shared session SQL (session-store.repository.ts) on the `sessions` table. */
const store = sessionStore('customer');

function toSession({ ownerId, ...session }: StoredSession): Session {
  return { ...session, accountId: ownerId };
}

export async function insertSession(tx: Tx, row: SessionRow): Promise<Session> {
  const inserted = await store.insert(tx, {
    id: row.id,
    ownerId: row.account_id,
    tokenHash: row.token_hash,
    csrfSecret: row.csrf_secret,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  });
  return toSession(inserted);
}

/** The unrevoked session with this token hash, with its CSRF secret. */
export async function getSessionByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: Session; csrfSecret: string } | null> {
  const found = await store.getByTokenHash(db, tokenHash);
  return found ? { session: toSession(found.session), csrfSecret: found.csrfSecret } : null;
}

export function touchSession(
  db: DbOrTx,
  id: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  return store.touch(db, id, now, meta);
}

export async function listActiveSessionsByAccount(
  db: DbOrTx,
  accountId: string,
  now: Date,
  idleCutoff: Date,
): Promise<Session[]> {
  return (await store.listActive(db, accountId, now, idleCutoff)).map(toSession);
}

/** Revokes one session of the account; false when there was no such live session. */
export function revokeSessionById(db: DbOrTx, accountId: string, id: string, now: Date): Promise<boolean> {
  return store.revokeById(db, id, now, accountId);
}

/** Revokes every session of the account but `exceptId` (all of them when null); returns how many. */
export function revokeSessionsOfAccount(
  db: DbOrTx,
  accountId: string,
  exceptId: string | null,
  now: Date,
): Promise<number> {
  return store.revokeAllOf(db, accountId, exceptId, now);
}

/** Deletes sessions that ended before `before`; run by the worker. */
export function deleteEndedSessions(db: DbOrTx, before: Date): Promise<number> {
  return store.deleteEnded(db, before);
}
