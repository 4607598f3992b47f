import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { recordEmailOutcomes } from '../metrics.ts';
import type { RenderedEmail } from './email-template.ts';
import {
  abandonOutboxEmail,
  type ClaimedOutboxEmail,
  claimDueOutboxEmails,
  insertOutboxEmail,
  markOutboxEmailsSent,
  releaseOutboxEmails,
  rescheduleOutboxEmail,
} from './outbox.repository.ts';
import {
  assertSafeHeaders,
  CLAIM_LEASE_MS,
  describeDeliveryFailure,
  MAX_DELIVERY_ATTEMPTS,
  messageIdFor,
  openEmailContent,
  retryDelayMs,
  SEND_BUDGET_MS,
  sealEmailContent,
} from './outbox.ts';
import { isPermanentMailFailure, type MailTransport } from './transports.ts';

export type EmailToSend = {
  to: string;
  accountId: string | null;
  /** What it is, for operations (e.g. 'password-changed'); never a secret. */
  kind: string;
  rendered: RenderedEmail;
  headers?: Record<string, string>;
};

/**
 * Queues an email inside the caller's transaction: it commits with the change that causes it, or
 * not at all. The body is sealed with the master key (it may carry a token); the worker sends it.
 */
export async function enqueueEmail(
  tx: Tx,
  deps: Pick<Deps, 'clock' | 'masterKey'>,
  email: EmailToSend,
): Promise<{ id: string }> {
  // The type already demands a transaction; this catches a cast that slipped a plain Db past it.
  if (!tx.isTransaction) throw new Error('enqueueEmail must run inside a transaction');
  if (!email.to.trim() || /[\r\n]/.test(email.to))
    throw new Error('enqueueEmail needs one recipient address');
  const headers = { ...email.headers };
  assertSafeHeaders(headers);
  const id = randomUUID();
  const { subject, text, html } = email.rendered;
  await insertOutboxEmail(tx, {
    id,
    accountId: email.accountId,
    kind: email.kind,
    recipient: email.to,
    sealedMessage: sealEmailContent(deps.masterKey, id, { subject, text, html, headers }),
    createdAt: deps.clock.now(),
  });
  return { id };
}

export type DeliveryOptions = {
  batchSize: number;
  /** Names the process in the row while it holds it (host and pid, say), for operations. */
  workerId: string;
  maxAttempts?: number;
  leaseMs?: number;
  /** Emails in flight at once; the transport's own `concurrency` (its SMTP pool) when unset. */
  concurrency?: number;
};
export type DeliveryReport = { sent: number; failed: number; abandoned: number };
type Sent = { id: string; kind: string; messageId: string };

/**
 * Claims a batch of due emails, then sends them outside the claiming transaction (a slow relay
 * must not hold row locks), as many at once as the transport takes: failed ones are retried with
 * backoff or abandoned as each fails; the sent ones are marked and scrubbed together, in one
 * UPDATE on this claim, once the batch is through. Safe to run from any number of workers at once.
 */
export async function deliverDueEmails(
  deps: Pick<Deps, 'db' | 'clock' | 'masterKey' | 'config' | 'log'>,
  transport: MailTransport,
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const maxAttempts = options.maxAttempts ?? MAX_DELIVERY_ATTEMPTS;
  const leaseMs = options.leaseMs ?? CLAIM_LEASE_MS;
  const claimedAt = deps.clock.now();
  const claimId = randomUUID();
  const { claimed, abandoned } = await claimDueOutboxEmails(deps.db, {
    now: claimedAt,
    leaseUntil: new Date(claimedAt.getTime() + leaseMs),
    batchSize: options.batchSize,
    claimId,
    workerId: options.workerId,
    maxAttempts,
  });
  if (abandoned)
    deps.log.error({ count: abandoned }, 'emails abandoned: their worker stopped during the last attempt');
  const report: DeliveryReport = { sent: 0, failed: 0, abandoned };
  const sent: Sent[] = [];
  const released: string[] = [];
  const waiting = [...claimed];
  async function sendWhatIsWaiting(): Promise<void> {
    for (let email = waiting.shift(); email; email = waiting.shift()) {
      // Sending after the lease is over could race a worker that has claimed the row again.
      const leaseLeft = claimedAt.getTime() + leaseMs - deps.clock.now().getTime();
      if (leaseLeft < Math.min(SEND_BUDGET_MS, leaseMs / 2)) {
        released.push(email.id);
        continue;
      }
      const outcome = await sendOne(deps, transport, email);
      if (outcome.ok) sent.push({ id: email.id, kind: email.kind, messageId: outcome.messageId });
      else report[await recordFailure(deps, email, claimId, outcome.error, maxAttempts)] += 1;
    }
  }
  const lanes = Math.max(1, Math.min(options.concurrency ?? transport.concurrency ?? 1, claimed.length));
  // Settled, not raced: what went out is marked even when recording a failure threw (the database
  // gone for a moment), so that it is not sent again after the lease.
  const settled = await Promise.allSettled(Array.from({ length: lanes }, sendWhatIsWaiting));
  await releaseOutboxEmails(deps.db, { ids: released, claimId }, deps.clock.now());
  report.sent = await markSent(deps, sent, claimId);
  recordEmailOutcomes(report);
  const broken = settled.find((lane) => lane.status === 'rejected');
  if (broken) throw broken.reason;
  return report;
}

async function sendOne(
  deps: Pick<Deps, 'masterKey' | 'config'>,
  transport: MailTransport,
  email: ClaimedOutboxEmail,
): Promise<{ ok: true; messageId: string } | { ok: false; error: unknown }> {
  const messageId = messageIdFor(email.id, deps.config.publicUrl);
  try {
    const content = openEmailContent(deps.masterKey, email.id, email.sealedMessage);
    await transport.send({
      from: deps.config.mailFrom,
      to: email.recipient,
      subject: content.subject,
      text: content.text,
      html: content.html,
      // RFC 3834: tells auto-responders (holiday replies) not to answer a machine.
      headers: { 'Auto-Submitted': 'auto-generated', ...content.headers },
      messageId,
    });
    return { ok: true, messageId };
  } catch (error) {
    return { ok: false, error };
  }
}

async function markSent(deps: Pick<Deps, 'db' | 'clock' | 'log'>, sent: Sent[], claimId: string) {
  const marked = new Set(await markOutboxEmailsSent(deps.db, { claimId, emails: sent }, deps.clock.now()));
  for (const email of sent) {
    // Only if this worker overran its lease and another claimed the row: it may go out twice.
    if (!marked.has(email.id))
      deps.log.warn({ outboxId: email.id, kind: email.kind }, 'email sent after its claim was taken over');
  }
  return sent.length;
}

async function recordFailure(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  email: ClaimedOutboxEmail,
  claimId: string,
  error: unknown,
  maxAttempts: number,
): Promise<'failed' | 'abandoned'> {
  const held = { id: email.id, claimId };
  const lastError = describeDeliveryFailure(error);
  const context = { outboxId: email.id, kind: email.kind, attempts: email.attempts, error: lastError };
  if (isPermanentMailFailure(error) || email.attempts >= maxAttempts) {
    await abandonOutboxEmail(deps.db, held, lastError);
    deps.log.error(context, 'email abandoned');
    return 'abandoned';
  }
  const nextAttemptAt = new Date(deps.clock.now().getTime() + retryDelayMs(email.attempts));
  await rescheduleOutboxEmail(deps.db, held, { nextAttemptAt, lastError });
  deps.log.warn({ ...context, nextAttemptAt }, 'email delivery failed, will retry');
  return 'failed';
}
