import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.ts';
import type { DbOrTx, Tx } from '../platform/db/database.ts';
import { createAuditEvent, listAuditEventsByAccount } from './audit.repository.ts';
import {
  type AuditEvent,
  type AuditEventInput,
  type AuditHashedFields,
  assertAuditDetailsAreSafe,
} from './audit.ts';

/**
 * Records a security event inside the caller's transaction, so it commits or rolls back with the change
 * it records. It only inserts the row: no lock shared with other requests, nothing read. The chainer
 * (audit-chain.service.ts, run by the worker every second) links it into the hash chain once committed.
 */
export async function recordAuditEvent(tx: Tx, clock: Clock, input: AuditEventInput): Promise<void> {
  // The type already demands a transaction; this catches a cast that slipped a plain Db past it.
  if (!tx.isTransaction) throw new Error('recordAuditEvent must run inside a transaction');
  const fields = toHashedFields(clock, input);
  assertAuditDetailsAreSafe(fields.details);
  await createAuditEvent(tx, fields);
}

function toHashedFields(clock: Clock, input: AuditEventInput): AuditHashedFields {
  return {
    id: randomUUID(),
    // A copy of the clock's instant: Date holds whole milliseconds, which timestamptz keeps exactly.
    occurredAt: new Date(clock.now().getTime()),
    actorType: input.actor.type,
    actorId: input.actor.id,
    // The uuid column reads back in lower case; hash what will be read back, not what was passed.
    accountId: input.accountId?.toLowerCase() ?? null,
    action: input.action,
    ip: input.ip,
    userAgent: input.userAgent,
    details: { ...input.details },
  };
}

/** An account's latest security events, newest first. */
export function listAuditEventsForAccount(db: DbOrTx, accountId: string, limit = 20): Promise<AuditEvent[]> {
  return listAuditEventsByAccount(db, accountId, limit);
}
