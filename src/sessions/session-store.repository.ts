import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { SessionRow } from '../platform/db/schema.ts';

/**
 * The SQL of sessions, written once for both kinds: customers' (`sessions`, owned by an account) and
 * staff's (`staff_sessions`, owned by a staff member). The tables have the same columns but the
 * owner's; each kind keeps its own table and cookie, so a customer session can never open the back
 * office. Tokens are stored only as SHA-256 hashes.
 */
const sessionTables = {
  customer: { table: 'sessions', owner: 'account_id' },
  staff: { table: 'staff_sessions', owner: 'staff_user_id' },
} as const;
export type SessionKind = keyof typeof sessionTables;

/** A stored session of either kind (never its token nor its CSRF secret). */
export type StoredSession = {
  id: string;
  ownerId: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
};

export type NewStoredSession = StoredSession & { tokenHash: string; csrfSecret: string };

// Kysely types one table at a time: queries are written against `sessions`, whose columns the staff
// table shares, and the owner column is renamed per kind.
type Row = SessionRow;
const tableOf = (kind: SessionKind) => sessionTables[kind].table as 'sessions';
const ownerOf = (kind: SessionKind) => sessionTables[kind].owner as 'account_id';

function toStoredSession(kind: SessionKind, row: Row): StoredSession {
  return {
    id: row.id,
    ownerId: row[ownerOf(kind)],
    ip: row.ip,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

/** The SQL of one kind of session. */
export function sessionStore(kind: SessionKind) {
  const table = tableOf(kind);
  const owner = ownerOf(kind);
  return {
    async insert(tx: Tx, s: NewStoredSession): Promise<StoredSession> {
      const row = await tx
        .insertInto(table)
        .values({
          id: s.id,
          token_hash: s.tokenHash,
          [owner]: s.ownerId,
          csrf_secret: s.csrfSecret,
          ip: s.ip,
          user_agent: s.userAgent,
          created_at: s.createdAt,
          last_seen_at: s.lastSeenAt,
          expires_at: s.expiresAt,
          revoked_at: null,
        } as Row)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toStoredSession(kind, row);
    },

    /** The unrevoked session with this token hash, with its CSRF secret. */
    async getByTokenHash(
      db: DbOrTx,
      tokenHash: string,
    ): Promise<{ session: StoredSession; csrfSecret: string } | null> {
      const row = await db
        .selectFrom(table)
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { session: toStoredSession(kind, row), csrfSecret: row.csrf_secret } : null;
    },

    async touch(db: DbOrTx, id: string, now: Date, meta: { ip: string | null; userAgent: string | null }) {
      await db
        .updateTable(table)
        .set({ last_seen_at: now, ip: meta.ip, user_agent: meta.userAgent })
        .where('id', '=', id)
        .execute();
    },

    /** The owner's live sessions (not revoked, not past either limit), most recently used first. */
    async listActive(db: DbOrTx, ownerId: string, now: Date, idleCutoff: Date): Promise<StoredSession[]> {
      const rows = await db
        .selectFrom(table)
        .selectAll()
        .where(owner, '=', ownerId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>', idleCutoff)
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map((row) => toStoredSession(kind, row));
    },

    /** Revokes one live session (of `ownerId` when given); false when there was none. */
    async revokeById(db: DbOrTx, id: string, now: Date, ownerId?: string): Promise<boolean> {
      let query = db.updateTable(table).set({ revoked_at: now }).where('id', '=', id);
      if (ownerId !== undefined) query = query.where(owner, '=', ownerId);
      const result = await query.where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Revokes every session of the owner but `exceptId` (all of them when null); returns how many. */
    async revokeAllOf(db: DbOrTx, ownerId: string, exceptId: string | null, now: Date): Promise<number> {
      let query = db
        .updateTable(table)
        .set({ revoked_at: now })
        .where(owner, '=', ownerId)
        .where('revoked_at', 'is', null);
      if (exceptId) query = query.where('id', '!=', exceptId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Deletes sessions that ended before `before`; for the worker's housekeeping. */
    async deleteEnded(db: DbOrTx, before: Date): Promise<number> {
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
