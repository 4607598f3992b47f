import type { DbOrTx } from '../platform/db/database.ts';
import { toAuditEvent } from './audit.repository.ts';
import type { AuditActorType, AuditEvent } from './audit.ts';

/** Filters of the staff audit view; every one optional, all of them combined with AND. */
export type AuditEventFilters = {
  actorType?: AuditActorType | undefined;
  actorId?: string | undefined;
  accountId?: string | undefined;
  action?: string | undefined;
  /** Inclusive lower bound on occurred_at. */
  from?: Date | undefined;
  /** Exclusive upper bound on occurred_at. */
  to?: Date | undefined;
};

/**
 * One page of events matching the filters, newest first, strictly older than `beforeSeq` when given
 * (keyset pagination: every page costs the same, and new events never shift the pages being read).
 */
export async function listAuditEventsPage(
  db: DbOrTx,
  filters: AuditEventFilters,
  options: { beforeSeq?: string | undefined; limit: number },
): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filters.actorType) query = query.where('actor_type', '=', filters.actorType);
  if (filters.actorId) query = query.where('actor_id', '=', filters.actorId);
  if (filters.accountId) query = query.where('account_id', '=', filters.accountId);
  if (filters.action) query = query.where('action', '=', filters.action);
  if (filters.from) query = query.where('occurred_at', '>=', filters.from);
  if (filters.to) query = query.where('occurred_at', '<', filters.to);
  if (options.beforeSeq) query = query.where('seq', '<', options.beforeSeq);
  const rows = await query.orderBy('seq', 'desc').limit(options.limit).execute();
  return rows.map(toAuditEvent);
}
