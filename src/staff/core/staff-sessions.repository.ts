import type { DbOrTx, Tx } from '../../platform/db/database.ts';
import type { StaffSessionRow } from '../../platform/db/schema.ts';
import type { StaffSession } from './staff.ts';

/** All SQL of staff sessions. Tokens are stored only as SHA-256 hashes, as for customers. */

function toStaffSession(row: StaffSessionRow): StaffSession {
  return {
    id: row.id,
    staffUserId: row.staff_user_id,
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function insertStaffSession(tx: Tx, row: StaffSessionRow): Promise<StaffSession> {
  const inserted = await tx.insertInto('staff_sessions').values(row).returningAll().executeTakeFirstOrThrow();
  return toStaffSession(inserted);
}

/** The unrevoked staff session with this token hash, with its CSRF secret. */
export async function getStaffSessionByTokenHash(
  db: DbOrTx,
  tokenHash: string,
): Promise<{ session: StaffSession; csrfSecret: string } | null> {
  const row = await db
    .selectFrom('staff_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? { session: toStaffSession(row), csrfSecret: row.csrf_secret } : null;
}

export async function touchStaffSession(
  db: DbOrTx,
  id: string,
  now: Date,
  meta: { ip: string | null; userAgent: string | null },
): Promise<void> {
  await db
    .updateTable('staff_sessions')
    .set({ last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent })
    .where('id', '=', id)
    .execute();
}

export async function revokeStaffSessionById(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every session of a staff member (after re-enrolment: the old device is no longer trusted). */
export async function revokeStaffSessionsOfUser(db: DbOrTx, staffUserId: string, now: Date): Promise<number> {
  const result = await db
    .updateTable('staff_sessions')
    .set({ revoked_at: now })
    .where('staff_user_id', '=', staffUserId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes staff sessions that ended before `before`; for the worker's housekeeping. */
export async function deleteEndedStaffSessions(db: DbOrTx, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('staff_sessions')
    .where((eb) =>
      eb.or([eb('expires_at', '<', before), eb('revoked_at', '<', before), eb('last_seen_at', '<', before)]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
