import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { AUDIT_GENESIS_HASH, type AuditChainBreak, computeAuditHash, findAuditChainBreak } from './audit.ts';
import {
  type AuditChainLink,
  countUnchainedAuditEvents,
  getAuditChainHead,
  linkAuditEvents,
  listChainedAuditEventsInChainOrder,
  listUnchainedAuditEvents,
  tryLockAuditChainer,
} from './audit-chain.repository.ts';

/**
 * An event still unchained this long after it occurred means no chainer is running, or one is stuck
 * holding the chainer lock: `sesame audit verify` fails. The worker chains every second, so a healthy
 * system stays far below it; a minute also covers a request transaction that commits late.
 */
export const AUDIT_UNCHAINED_BOUND_MS = 60_000;

/** Events linked per transaction: a short transaction, so on PGlite requests wait little behind it. */
export const AUDIT_CHAIN_BATCH_SIZE = 500;

/** How often a chainer told to wait tries the chainer lock again. */
const LOCK_RETRY_MS = 50;

export type AuditChainingReport = { chained: number; skipped: boolean; backlog: boolean };

export type AuditChainVerification =
  | { ok: true; count: number; unchained: number }
  /** `count` is the number of intact events before `brokenAtSeq`. */
  | { ok: false; count: number; brokenAtSeq: string; reason: AuditChainBreak }
  | { ok: false; count: number; reason: 'unchained_too_long'; stale: number; oldestStaleSeq: string };

/**
 * Links committed, unchained events into the hash chain, in the order the chainer first sees them
 * committed ("commit order": an event whose transaction commits after a later-numbered one is simply
 * chained after it). Only chainers take the chainer lock; when another chainer holds it this one
 * skips, or, with `waitForLockMs`, retries that long. Stops after `maxBatches` (backlog: true).
 */
export async function chainAuditEvents(
  db: Db,
  options: { waitForLockMs?: number; maxBatches?: number } = {},
): Promise<AuditChainingReport> {
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  // A real deadline, not deps.clock: it bounds how long a command waits, whatever time tests pretend.
  const first = await chainOneBatchWithin(db, Date.now() + (options.waitForLockMs ?? 0));
  if (first === null) return { chained: 0, skipped: true, backlog: false };
  let chained = first;
  let linked: number | null = first;
  for (let batches = 1; linked === AUDIT_CHAIN_BATCH_SIZE; batches += 1) {
    if (batches >= maxBatches) return { chained, skipped: false, backlog: true };
    linked = await chainOneBatch(db); // null: another chainer took over between two batches
    chained += linked ?? 0;
  }
  return { chained, skipped: false, backlog: false };
}

async function chainOneBatchWithin(db: Db, giveUpAt: number): Promise<number | null> {
  for (;;) {
    const linked = await chainOneBatch(db);
    if (linked !== null || Date.now() >= giveUpAt) return linked;
    await sleep(LOCK_RETRY_MS);
  }
}

/** One transaction: lock, read the head, link up to a batch of events after it. Null when locked out. */
async function chainOneBatch(db: Db): Promise<number | null> {
  return db.transaction().execute(async (tx) => {
    if (!(await tryLockAuditChainer(tx))) return null;
    const events = await listUnchainedAuditEvents(tx, AUDIT_CHAIN_BATCH_SIZE);
    if (events.length === 0) return 0;
    const head = await getAuditChainHead(tx);
    let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
    let position = BigInt(head?.chainPosition ?? '0');
    const links: AuditChainLink[] = events.map((event) => {
      position += 1n;
      const hash = computeAuditHash(prevHash, event);
      const link = { seq: event.seq, chainPosition: position.toString(), prevHash, hash };
      prevHash = hash;
      return link;
    });
    await linkAuditEvents(tx, links);
    return links.length;
  });
}

/**
 * Walks the chain in chain order, recomputing every hash and checking every link, then counts the
 * events not chained yet: those older than AUDIT_UNCHAINED_BOUND_MS fail the check. A deleted row
 * shows as the next row pointing at a hash that is gone, a moved row as a link that no longer
 * matches. Deleting the newest rows cannot be seen from inside the chain; compare with an exported
 * head hash. Chains nothing itself: call `chainAuditEvents` first.
 */
export async function verifyAuditChain(db: Db, clock: Clock): Promise<AuditChainVerification> {
  let expectedPrevHash = AUDIT_GENESIS_HASH;
  let count = 0;
  for await (const event of listChainedAuditEventsInChainOrder(db)) {
    const reason = findAuditChainBreak(event, expectedPrevHash);
    if (reason !== null) return { ok: false, count, brokenAtSeq: event.seq, reason };
    expectedPrevHash = event.hash;
    count += 1;
  }
  const staleBefore = new Date(clock.now().getTime() - AUDIT_UNCHAINED_BOUND_MS);
  const { unchained, stale, oldestStaleSeq } = await countUnchainedAuditEvents(db, staleBefore);
  if (stale > 0 && oldestStaleSeq !== null) {
    return { ok: false, count, reason: 'unchained_too_long', stale, oldestStaleSeq };
  }
  return { ok: true, count, unchained };
}
