import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { AuditEventRow } from '../platform/db/schema.ts';
import type { AuditAction, AuditDetails, AuditEvent, AuditHashedFields } from './audit.ts';

/**
 * Inserts an unchained event: no lock, no read of the chain, so concurrent requests never wait on
 * each other here. Its `seq` comes from the bigserial; the chainer links it once it has committed.
 */
export async function createAuditEvent(tx: Tx, event: AuditHashedFields): Promise<void> {
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
    })
    .execute();
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
    chainPosition: row.chain_position === null ? null : String(row.chain_position),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
