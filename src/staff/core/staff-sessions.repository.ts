import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { StaffSessionRow } from '../../platform/db/schema.ts';
import { type StoredSession, sessionStore } from '../../sessions/session-store.repository.ts';
import type { StaffSession } from './staff.ts';

/** Staff sessions: the shared session SQL (sessions/session-store.repository.ts) on `staff_sessions`. */
const store = sessionStore('staff');

function toStaffSession({ ownerId, ...session }: StoredSession): StaffSession {
  return { ...session, staffUserId: ownerId };
}

export async function insertStaffSession(tx: Tx, row: StaffSessionRow): Promise<StaffSession> {
  const inserted = await store.insert(tx, {
    id: row.id,
    ownerId: row.staff_user_id,
    tokenHash: row.token_hash,
    csrfSecret: row.csrf_secret,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  });
  return toStaffSession(inserted);
}

/** The unrevoked staff session with this token hash, with its CSRF secret. */
export async function getStaffSessionByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: StaffSession; csrfSecret: string } | null> {
  const found = await store.getByTokenHash(db, tokenHash);
  return found ? { session: toStaffSession(found.session), csrfSecret: found.csrfSecret } : null;
}

export function touchStaffSession(
  db: DbOrTx,
  id: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  return store.touch(db, id, now, meta);
}

export function revokeStaffSessionById(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  return store.revokeById(db, id, now);
}

/** Revokes every session of a staff member (after re-enrolment: the old device is no longer trusted). */
export function revokeStaffSessionsOfUser(db: DbOrTx, staffUserId: string, now: Date): Promise<number> {
  return store.revokeAllOf(db, staffUserId, null, now);
}

/** Deletes staff sessions that ended before `before`; for the worker's housekeeping. */
export function deleteEndedStaffSessions(db: DbOrTx, before: Date): Promise<number> {
  return store.deleteEnded(db, before);
}
