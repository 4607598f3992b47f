import type { DbOrTx, Tx } from '../platform/db/database.ts';
import type { RecoveryCaseEvent } from './case.ts';

/** All SQL of the recovery_case_events table: the case's timeline. */

export async function insertRecoveryCaseEvent(
  tx: Tx,
  event: Omit<RecoveryCaseEvent, 'id'> & { caseId: string },
): Promise<void> {
  await tx
    .insertInto('recovery_case_events')
    .values({
      id: crypto.randomUUID(),
      case_id: event.caseId,
      occurred_at: event.occurredAt,
      actor_type: event.actorType,
      actor_id: event.actorId,
      event: event.event,
      message: event.message,
      visible_to_claimant: event.visibleToClaimant,
      document_kind: event.documentKind,
    })
    .execute();
}

export async function listRecoveryCaseEvents(
  db: DbOrTx,
  caseId: string,
  options: { claimantOnly?: boolean } = {},
): Promise<RecoveryCaseEvent[]> {
  let query = db.selectFrom('recovery_case_events').selectAll().where('case_id', '=', caseId);
  if (options.claimantOnly) query = query.where('visible_to_claimant', '=', true);
  const rows = await query.orderBy('occurred_at', 'asc').execute();
  return rows.map((row) => ({
    id: row.id,
    occurredAt: row.occurred_at,
    actorType: row.actor_type,
    actorId: row.actor_id,
    event: row.event,
    message: row.message,
    visibleToClaimant: row.visible_to_claimant,
    documentKind: row.document_kind,
  }));
}
