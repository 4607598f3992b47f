import type { Deps } from '../platform/deps.ts';
import type { AuditChainBreak } from './audit.ts';
import { AUDIT_UNCHAINED_BOUND_MS, chainAuditEvents, verifyAuditChain } from './audit-chain.service.ts';

export type CommandOutput = { log(line: string): void; error(line: string): void };

/** How long verify waits for a running chainer (the worker's round) before checking without it. */
export const VERIFY_CHAINER_WAIT_MS = 10_000;

// What each break most likely means, in the words an operator needs at 3 a.m.
const breakExplanations: Record<AuditChainBreak, string> = {
  hash_mismatch: 'hash mismatch (row edited)',
  chain_broken: 'chain broken (an earlier row was deleted or rewritten)',
};

/**
 * `sesame audit verify`: chains what has committed, checks the whole chain, prints what it found and
 * returns the exit code (0 ok, 1 broken or events left unchained past AUDIT_UNCHAINED_BOUND_MS).
 */
export async function runAuditVerify(
  deps: Pick<Deps, 'db' | 'clock'>,
  out: CommandOutput,
  options: { chainerWaitMs?: number } = {},
): Promise<number> {
  // Waits for a worker's round rather than skipping, so what committed before this command is chained.
  await chainAuditEvents(deps.db, { waitForLockMs: options.chainerWaitMs ?? VERIFY_CHAINER_WAIT_MS });
  const result = await verifyAuditChain(deps.db, deps.clock);
  if (result.ok) {
    out.log(`audit chain OK: ${countEvents(result.count)}`);
    if (result.unchained > 0) out.log(`${countEvents(result.unchained)} recorded just now, not chained yet`);
    return 0;
  }
  if (result.reason === 'unchained_too_long') {
    out.error(
      `audit chain NOT LINKED: ${countEvents(result.stale)} older than ${AUDIT_UNCHAINED_BOUND_MS / 1000} s ` +
        `not chained (oldest #${result.oldestStaleSeq}); another chainer holds the chainer lock and is stuck ` +
        `(a sesame worker or serve?); ${countEvents(result.count)} verified`,
    );
    return 1;
  }
  out.error(
    `audit chain BROKEN at event #${result.brokenAtSeq}: ${breakExplanations[result.reason]}; ` +
      `${countEvents(result.count)} verified before it`,
  );
  return 1;
}

function countEvents(count: number): string {
  return `${count} ${count === 1 ? 'event' : 'events'}`;
}
