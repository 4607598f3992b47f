import { sql } from 'kysely';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import type { AuditEventRow } from '../platform/db/schema.ts';
import type { AuditAction, AuditDetails, AuditEvent } from './audit.ts';

// 'sesaudit' read as a 64-bit integer: one fixed advisory-lock key that every instance agrees on.
const AUDIT_CHAIN_LOCK_KEY = '8315179149428025716';

/** Rows read per query while verifying, so memory stays flat however long the log grows. */
export const AUDIT_PAGE_SIZE = 1000;

/**
 * Takes the chain's advisory lock until `tx` ends, so writers on every instance append one at a time
 * and no two events claim the same predecessor. Returns the transaction's isolation level.
 */
export async function lockAuditChain(tx: Tx): Promise<{ isolationLevel: string }> {
  const { rows } = await sql<{ isolation_level: string }>`
    SELECT current_setting('transaction_isolation') AS isolation_level
    FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY}::bigint)) AS locked`.execute(tx);
  const isolationLevel = rows[0]?.isolation_level;
  if (isolationLevel === undefined) throw new Error('pg_advisory_xact_lock returned no row');
  return { isolationLevel };
}

/** The hash of the latest event, or null when the log is empty. Call after `lockAuditChain`. */
export async function getLastAuditHash(tx: Tx): Promise<string | null> {
  const row = await tx
    .selectFrom('audit_events')
    .select('hash')
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.hash ?? null;
}

export async function createAuditEvent(tx: Tx, event: Omit<AuditEvent, 'seq'>): Promise<void> {
  await tx
    .insertInto('audit_events')
    .values({
      id: event.id,
      occurred_at: event.occurredAt,
      actor_type: event.actorType,
      actor_id: event.actorId,
      account_id: event.accountId,
      action: event.action,
      ip: event.ip,
      user_agent: event.userAgent,
      details: JSON.stringify(event.details),
      prev_hash: event.prevHash,
      hash: event.hash,
    })
    .execute();
}

/** Every event in `seq` order, read a page at a time (keyset, so each page costs the same). */
export async function* listAllAuditEventsInSeqOrder(
  db: Db,
  pageSize = AUDIT_PAGE_SIZE,
): AsyncGenerator<AuditEvent> {
  let afterSeq = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield toAuditEvent(row);
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    afterSeq = String(last.seq);
  }
}

/** An account's events, newest first. */
export async function listAuditEventsByAccount(
  db: DbOrTx,
  accountId: string,
  limit: number,
): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAuditEvent);
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    seq: String(row.seq), // pg gives bigint as a string already; String() also covers a driver giving a BigInt
    id: row.id,
    occurredAt: row.occurred_at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    accountId: row.account_id,
    action: row.action as AuditAction,
    ip: row.ip,
    userAgent: row.user_agent,
    details: row.details as AuditDetails,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
