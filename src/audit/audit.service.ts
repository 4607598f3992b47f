import { randomUUID } from 'node:crypto';
import type { Clock } from '../platform/clock.ts';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import {
  createAuditEvent,
  getLastAuditHash,
  listAllAuditEventsInSeqOrder,
  listAuditEventsByAccount,
  lockAuditChain,
} from './audit.repository.ts';
import {
  AUDIT_GENESIS_HASH,
  type AuditChainBreak,
  type AuditEvent,
  type AuditEventInput,
  type AuditHashedFields,
  assertAuditDetailsAreSafe,
  computeAuditHash,
  findAuditChainBreak,
} from './audit.ts';

/** When the chain is broken, `count` is the number of intact events before `brokenAtSeq`. */
export type AuditChainVerification =
  | { ok: true; count: number }
  | { ok: false; count: number; brokenAtSeq: string; reason: AuditChainBreak };

/**
 * Appends a security event to the hash chain inside the caller's transaction, so it commits or rolls
 * back with the change it records. Call it as the transaction's last write: the chain lock it takes is
 * held until commit, and taking no other lock after it means no deadlock with other writers.
 */
export async function recordAuditEvent(tx: Tx, clock: Clock, input: AuditEventInput): Promise<void> {
  // The type already demands a transaction; this catches a cast that slipped a plain Db past it.
  if (!tx.isTransaction) throw new Error('recordAuditEvent must run inside a transaction');
  const fields = toHashedFields(clock, input);
  assertAuditDetailsAreSafe(fields.details);
  const { isolationLevel } = await lockAuditChain(tx);
  // Under REPEATABLE READ or SERIALIZABLE the snapshot may predate the lock, so the "last" hash read
  // below could be stale and two events would fork the chain. READ COMMITTED reads after the lock.
  if (isolationLevel !== 'read committed') {
    throw new Error(`recordAuditEvent needs a READ COMMITTED transaction, not ${isolationLevel}`);
  }
  const prevHash = (await getLastAuditHash(tx)) ?? AUDIT_GENESIS_HASH;
  await createAuditEvent(tx, { ...fields, prevHash, hash: computeAuditHash(prevHash, fields) });
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

/**
 * Recomputes every hash and checks every link. Gaps in `seq` are not errors: a rolled-back transaction
 * burns a bigserial value. A deleted row shows instead as the next row pointing at a hash that is gone.
 * Deleting the newest rows cannot be seen from inside the chain; compare with an exported head hash.
 */
export async function verifyAuditChain(db: Db): Promise<AuditChainVerification> {
  let expectedPrevHash = AUDIT_GENESIS_HASH;
  let count = 0;
  for await (const event of listAllAuditEventsInSeqOrder(db)) {
    const reason = findAuditChainBreak(event, expectedPrevHash);
    if (reason !== null) return { ok: false, count, brokenAtSeq: event.seq, reason };
    expectedPrevHash = event.hash;
    count += 1;
  }
  return { ok: true, count };
}

/** An account's latest security events, newest first. */
export function listAuditEventsForAccount(db: DbOrTx, accountId: string, limit = 20): Promise<AuditEvent[]> {
  return listAuditEventsByAccount(db, accountId, limit);
}
