import type { Db, Tx } from '../db/database.ts';
import type { OutboxStatus } from './outbox.ts';

/** All SQL of the outbox. Outcomes are compare-and-set on the claim id: a worker whose lease was taken over changes nothing. */

export type NewOutboxEmail = {
  id: string;
  accountId: string | null;
  kind: string;
  recipient: string;
  sealedMessage: string;
  createdAt: Date;
};

/** A row claimed for delivery by one worker. */
export type ClaimedOutboxEmail = {
  id: string;
  kind: string;
  recipient: string;
  sealedMessage: string;
  attempts: number;
};

export async function insertOutboxEmail(tx: Tx, email: NewOutboxEmail): Promise<void> {
  await tx
    .insertInto('email_outbox')
    .values({
      id: email.id,
      account_id: email.accountId,
      kind: email.kind,
      recipient: email.recipient,
      sealed_message: email.sealedMessage,
      status: 'queued',
      attempts: 0,
      next_attempt_at: email.createdAt,
      created_at: email.createdAt,
    })
    .execute();
}

/**
 * Claims up to `batchSize` due rows: queued ones whose time has come, and 'sending' ones whose
 * lease is over. SKIP LOCKED lets concurrent workers take disjoint rows without waiting; under
 * READ COMMITTED a row another worker claimed and committed meanwhile is re-checked against the
 * WHERE clause and dropped (it is no longer due). Rows already tried `maxAttempts` times (a
 * worker kept dying on them) are abandoned instead of claimed.
 */
export async function claimDueOutboxEmails(
  db: Db,
  claim: {
    now: Date;
    leaseUntil: Date;
    batchSize: number;
    claimId: string;
    workerId: string;
    maxAttempts: number;
  },
): Promise<{ claimed: ClaimedOutboxEmail[]; abandoned: number }> {
  return db.transaction().execute(async (tx) => {
    const due = await tx
      .selectFrom('email_outbox')
      .select(['id', 'attempts'])
      .where('status', 'in', ['queued', 'sending'])
      .where('next_attempt_at', '<=', claim.now)
      .orderBy('next_attempt_at')
      .limit(claim.batchSize)
      .forUpdate()
      .skipLocked()
      .execute();
    const exhausted = due.filter((row) => row.attempts >= claim.maxAttempts).map((row) => row.id);
    const claimable = due.filter((row) => row.attempts < claim.maxAttempts).map((row) => row.id);
    if (exhausted.length) {
      await tx
        .updateTable('email_outbox')
        .set({
          status: 'abandoned',
          sealed_message: '',
          claim_id: null,
          last_error: 'lease expired: the worker stopped before reporting, and no attempt is left',
        })
        .where('id', 'in', exhausted)
        .execute();
    }
    if (!claimable.length) return { claimed: [], abandoned: exhausted.length };
    const claimed = await tx
      .updateTable('email_outbox')
      .set((eb) => ({
        status: 'sending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: claim.leaseUntil,
        claim_id: claim.claimId,
        claimed_by: claim.workerId,
      }))
      .where('id', 'in', claimable)
      .returning(['id', 'kind', 'recipient', 'sealed_message', 'attempts'])
      .execute();
    return {
      claimed: claimed.map((row) => ({
        id: row.id,
        kind: row.kind,
        recipient: row.recipient,
        sealedMessage: row.sealed_message,
        attempts: row.attempts,
      })),
      abandoned: exhausted.length,
    };
  });
}

type Held = { id: string; claimId: string };

/** Sent: the sealed body is scrubbed, so even the key can no longer recover the link from this row. */
export async function markOutboxEmailSent(
  db: Db,
  held: Held,
  sent: { at: Date; messageId: string },
): Promise<boolean> {
  const marked = await markOutboxEmailsSent(
    db,
    { claimId: held.claimId, emails: [{ id: held.id, messageId: sent.messageId }] },
    sent.at,
  );
  return marked.length > 0;
}

/**
 * The sent emails of one claim, in one UPDATE (a round trip per batch, not per email), each with its
 * own Message-ID. Returns the ids it marked: a row whose claim was taken over is left to its new holder.
 */
export async function markOutboxEmailsSent(
  db: Db,
  sent: { claimId: string; emails: { id: string; messageId: string }[] },
  at: Date,
): Promise<string[]> {
  const [first, ...others] = sent.emails;
  if (!first) return [];
  const rows = await db
    .updateTable('email_outbox')
    .set((eb) => {
      let messageIds = eb.case().when('id', '=', first.id).then(first.messageId);
      for (const email of others) messageIds = messageIds.when('id', '=', email.id).then(email.messageId);
      return {
        status: 'sent',
        sent_at: at,
        message_id: messageIds.end(),
        sealed_message: '',
        last_error: null,
        claim_id: null,
      };
    })
    .where(
      'id',
      'in',
      sent.emails.map((email) => email.id),
    )
    .where('claim_id', '=', sent.claimId)
    .where('status', '=', 'sending')
    .returning('id')
    .execute();
  return rows.map((row) => row.id);
}

/** A transient failure: back to the queue, tried again at `nextAttemptAt`. */
export async function rescheduleOutboxEmail(
  db: Db,
  held: Held,
  retry: { nextAttemptAt: Date; lastError: string },
): Promise<boolean> {
  return finish(db, held, {
    status: 'queued',
    next_attempt_at: retry.nextAttemptAt,
    last_error: retry.lastError,
  });
}

/** Given up: the body is scrubbed as for a sent email, the reason kept. */
export async function abandonOutboxEmail(db: Db, held: Held, lastError: string): Promise<boolean> {
  return finish(db, held, { status: 'abandoned', sealed_message: '', last_error: lastError });
}

/** Not sent (too little lease left to send safely): queued again at once, the attempt not counted. */
export async function releaseOutboxEmails(
  db: Db,
  held: { ids: string[]; claimId: string },
  now: Date,
): Promise<number> {
  if (held.ids.length === 0) return 0;
  const result = await db
    .updateTable('email_outbox')
    .set((eb) => ({
      status: 'queued',
      next_attempt_at: now,
      claim_id: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', 'in', held.ids)
    .where('claim_id', '=', held.claimId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function finish(
  db: Db,
  held: Held,
  values: {
    status: OutboxStatus;
    sealed_message?: string;
    next_attempt_at?: Date;
    last_error: string | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ ...values, claim_id: null })
    .where('id', '=', held.id)
    .where('claim_id', '=', held.claimId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Who holds rows in 'sending' right now (each worker's `workerId`). */
export async function listOutboxClaimants(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('email_outbox')
    .select('claimed_by')
    .distinct()
    .where('status', '=', 'sending')
    .execute();
  return rows.flatMap((row) => (row.claimed_by ? [row.claimed_by] : []));
}

/**
 * The rows those workers hold go back to the queue at once, as if their lease had run out (the
 * attempt still counts: the email may have reached the relay before the worker died).
 */
export async function releaseOutboxClaimsOf(db: Db, claimants: string[], now: Date): Promise<number> {
  if (claimants.length === 0) return 0;
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'queued', next_attempt_at: now, claim_id: null })
    .where('status', '=', 'sending')
    .where('claimed_by', 'in', claimants)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
