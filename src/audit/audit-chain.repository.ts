import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db/database.ts';
import { toAuditEvent } from './audit.repository.ts';
import type { AuditEvent, ChainedAuditEvent } from './audit.ts';

// 'seschain' read as a 64-bit integer: taken by chainers only, never by a request. (The key of the
// former request-path lock, 'sesaudit', is no longer used.)
const AUDIT_CHAINER_LOCK_KEY = '8315179157799659886';

/** Rows read per query while verifying, so memory stays flat however long the log grows. */
export const AUDIT_PAGE_SIZE = 1000;

/** One event's link as the chainer computed it. */
export type AuditChainLink = { seq: string; chainPosition: string; prevHash: string; hash: string };

/**
 * Makes `tx` READ COMMITTED and tries to take the chainer lock until it ends; false when another
 * chainer holds it. Must be the transaction's first statement: under REPEATABLE READ the snapshot
 * could predate the previous chainer's commit and its links would be invisible, forking the chain;
 * READ COMMITTED gives every later statement a snapshot taken after the lock.
 */
export async function tryLockAuditChainer(tx: Tx): Promise<boolean> {
  await sql`SET TRANSACTION ISOLATION LEVEL READ COMMITTED`.execute(tx);
  const { rows } = await sql<{ locked: boolean }>`
    SELECT pg_try_advisory_xact_lock(${AUDIT_CHAINER_LOCK_KEY}::bigint) AS locked`.execute(tx);
  return rows[0]?.locked === true;
}

/** The chain's last link, or null when nothing is chained yet. Call after `tryLockAuditChainer`. */
export async function getAuditChainHead(tx: Tx): Promise<{ chainPosition: string; hash: string } | null> {
  const row = await tx
    .selectFrom('audit_events')
    .select(['chain_position', 'hash'])
    .where('chain_position', 'is not', null)
    .orderBy('chain_position', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row || row.chain_position === null || row.hash === null) return null;
  return { chainPosition: String(row.chain_position), hash: row.hash };
}

/** Committed events not chained yet, oldest `seq` first (rows still in flight are invisible). */
export async function listUnchainedAuditEvents(tx: Tx, limit: number): Promise<AuditEvent[]> {
  const rows = await tx
    .selectFrom('audit_events')
    .selectAll()
    .where('chain_position', 'is', null)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map(toAuditEvent);
}

/** Writes the links in one statement; throws (rolling the batch back) unless every row took its link. */
export async function linkAuditEvents(tx: Tx, links: AuditChainLink[]): Promise<void> {
  if (links.length === 0) return;
  const values = sql.join(
    links.map((l) => sql`(${l.seq}::bigint, ${l.chainPosition}::bigint, ${l.prevHash}, ${l.hash})`),
  );
  const result = await sql`
    UPDATE audit_events AS e
    SET chain_position = v.chain_position, prev_hash = v.prev_hash, hash = v.hash
    FROM (VALUES ${values}) AS v(seq, chain_position, prev_hash, hash)
    WHERE e.seq = v.seq AND e.chain_position IS NULL`.execute(tx);
  if (Number(result.numAffectedRows ?? 0) !== links.length) {
    throw new Error(`audit chainer linked ${result.numAffectedRows} of ${links.length} events`);
  }
}

/** Every chained event in chain order, read a page at a time (keyset, so each page costs the same). */
export async function* listChainedAuditEventsInChainOrder(
  db: Db,
  pageSize = AUDIT_PAGE_SIZE,
): AsyncGenerator<ChainedAuditEvent> {
  let afterPosition: string | null = null;
  for (;;) {
    let query = db.selectFrom('audit_events').selectAll().where('chain_position', 'is not', null);
    if (afterPosition !== null) query = query.where('chain_position', '>', afterPosition);
    const rows = await query.orderBy('chain_position', 'asc').limit(pageSize).execute();
    for (const row of rows) {
      const event = toAuditEvent(row);
      // The table's check constraint gives a chained row both hashes; this only narrows the type.
      if (event.chainPosition === null || event.prevHash === null || event.hash === null) {
        throw new Error(`audit event #${event.seq} is half chained`);
      }
      yield { ...event, chainPosition: event.chainPosition, prevHash: event.prevHash, hash: event.hash };
    }
    const last = rows.at(-1);
    if (rows.length < pageSize || last === undefined) return;
    afterPosition = String(last.chain_position);
  }
}

/** How many events wait to be chained, how many of them occurred before `staleBefore`, and the oldest of those. */
export async function countUnchainedAuditEvents(
  db: Db,
  staleBefore: Date,
): Promise<{ unchained: number; stale: number; oldestStaleSeq: string | null }> {
  const { rows } = await sql<{ unchained: string; stale: string; oldest_stale_seq: string | null }>`
    SELECT count(*) AS unchained,
      count(*) FILTER (WHERE occurred_at < ${staleBefore}) AS stale,
      min(seq) FILTER (WHERE occurred_at < ${staleBefore}) AS oldest_stale_seq
    FROM audit_events WHERE chain_position IS NULL`.execute(db);
  const row = rows[0];
  return {
    unchained: Number(row?.unchained ?? 0),
    stale: Number(row?.stale ?? 0),
    oldestStaleSeq: row?.oldest_stale_seq == null ? null : String(row.oldest_stale_seq),
  };
}
