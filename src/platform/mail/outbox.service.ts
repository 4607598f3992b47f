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
  markOutboxEmailSent,
  releaseOutboxEmail,
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
};
export type DeliveryReport = { sent: number; failed: number; abandoned: number };
type Outcome = keyof DeliveryReport | 'released';

/**
 * Claims a batch of due emails, then sends them one by one outside the claiming transaction (a
 * slow relay must not hold row locks): sent ones are marked and scrubbed, failed ones retried
 * with backoff or abandoned. Safe to run from any number of workers at once.
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
  for (const email of claimed) {
    // Sending after the lease is over could race a worker that has claimed the row again.
    const leaseLeft = claimedAt.getTime() + leaseMs - deps.clock.now().getTime();
    const outcome =
      leaseLeft < Math.min(SEND_BUDGET_MS, leaseMs / 2)
        ? await release(deps, email, claimId)
        : await deliverOne(deps, transport, email, claimId, maxAttempts);
    if (outcome !== 'released') report[outcome] += 1;
  }
  recordEmailOutcomes(report);
  return report;
}

async function release(deps: Pick<Deps, 'db' | 'clock'>, email: ClaimedOutboxEmail, claimId: string) {
  await releaseOutboxEmail(deps.db, { id: email.id, claimId }, deps.clock.now());
  return 'released' as const;
}

async function deliverOne(
  deps: Pick<Deps, 'db' | 'clock' | 'masterKey' | 'config' | 'log'>,
  transport: MailTransport,
  email: ClaimedOutboxEmail,
  claimId: string,
  maxAttempts: number,
): Promise<Outcome> {
  const held = { id: email.id, claimId };
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
  } catch (error) {
    return recordFailure(deps, email, held, error, maxAttempts);
  }
  const marked = await markOutboxEmailSent(deps.db, held, { at: deps.clock.now(), messageId });
  // Only if this worker overran its lease and another claimed the row: it may go out twice.
  if (!marked)
    deps.log.warn({ outboxId: email.id, kind: email.kind }, 'email sent after its claim was taken over');
  return 'sent';
}

async function recordFailure(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  email: ClaimedOutboxEmail,
  held: { id: string; claimId: string },
  error: unknown,
  maxAttempts: number,
): Promise<Outcome> {
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
