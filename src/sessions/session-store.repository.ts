import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { SessionRow, StaffSessionRow } from '../platform/db/schema.ts';

/**
 * The SQL of sessions, written once for both kinds: customers' (`sessions`, owned by an account) and
 * staff's (`staff_sessions`, owned by a staff member). The tables have the same columns but the
 * owner's; each kind keeps its own table and cookie, so a customer session can never open the back
 * office. Tokens are stored only as SHA-256 hashes.
 */
const sessionTables = {
  customer: { table: 'sessions', owner: 'account_id', ownerKey: 'accountId' },
  staff: { table: 'staff_sessions', owner: 'staff_user_id', ownerKey: 'staffUserId' },
} as const;
export type SessionKind = keyof typeof sessionTables;

/** The times and origin every session has (never its token nor its CSRF secret). */
type SessionCommon = {
  id: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

/** The SQL of one kind of session, typed with that kind's row and its owner's name. */
export type SessionStore<Session, NewRow> = {
  insert(tx: Tx, row: NewRow): Promise<Session>;
  /** The unrevoked session with this token hash, with its CSRF secret. */
  getByTokenHash(db: DbOrTx, tokenHash: string): Promise<{ session: Session; csrfSecret: string } | null>;
  touch(
    db: DbOrTx,
    id: string,
    now: Date,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<void>;
  /** The owner's live sessions (not revoked, not past either limit), most recently used first. */
  listActive(db: DbOrTx, ownerId: string, now: Date, idleCutoff: Date): Promise<Session[]>;
  /** Revokes one live session (of `ownerId` unless null); false when there was none. */
  revokeById(db: DbOrTx, ownerId: string | null, id: string, now: Date): Promise<boolean>;
  /** Revokes every session of the owner but `exceptId` (all of them when null); returns how many. */
  revokeAllOf(db: DbOrTx, ownerId: string, exceptId: string | null, now: Date): Promise<number>;
  /** Deletes sessions that ended before `before`; for the worker's housekeeping. */
  deleteEnded(db: DbOrTx, before: Date): Promise<number>;
};

export function sessionStore(
  kind: 'customer',
): SessionStore<SessionCommon & { accountId: string; authMethod: string }, SessionRow>;
export function sessionStore(
  kind: 'staff',
): SessionStore<SessionCommon & { staffUserId: string }, StaffSessionRow>;
export function sessionStore(kind: SessionKind): SessionStore<SessionCommon, SessionRow | StaffSessionRow> {
  // Kysely types one table at a time: queries are written against `sessions`, whose columns the staff
  // table shares, and the owner column is renamed per kind.
  const table = sessionTables[kind].table as 'sessions';
  const owner = sessionTables[kind].owner as 'account_id';
  const ownerKey = sessionTables[kind].ownerKey;
  const toSession = (row: SessionRow) => ({
    id: row.id,
    [ownerKey]: row[owner],
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    // Only customer sessions say how they were authenticated (staff always use password + TOTP).
    ...(kind === 'customer' ? { authMethod: row.auth_method } : {}),
  });
  return {
    async insert(tx, row) {
      const inserted = await tx
        .insertInto(table)
        .values(row as SessionRow)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(inserted);
    },
    async getByTokenHash(db, tokenHash) {
      const row = await db
        .selectFrom(table)
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { session: toSession(row), csrfSecret: row.csrf_secret } : null;
    },
    async touch(db, id, now, meta) {
      await db
        .updateTable(table)
        .set({ last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent })
        .where('id', '=', id)
        .execute();
    },
    async listActive(db, ownerId, now, idleCutoff) {
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where(owner, '=', ownerId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>', idleCutoff)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map(toSession);
    },
    async revokeById(db, ownerId, id, now) {
      let query = db.updateTable(table).set({ revoked_at: now }).where('id', '=', id);
      if (ownerId !== null) query = query.where(owner, '=', ownerId);
      const result = await query.where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async revokeAllOf(db, ownerId, exceptId, now) {
      let query = db
        .updateTable(table)
        .set({ revoked_at: now })
        .where(owner, '=', ownerId)
        .where('revoked_at', 'is', null);
      if (exceptId) query = query.where('id', '!=', exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async deleteEnded(db, before) {
      const result = await db
        .deleteFrom(table)
        .where((eb) =>
          eb.or([
            eb('expires_at', '<', before),
            eb('revoked_at', '<', before),
            eb('last_seen_at', '<', before),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
