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

// Why events can still be unchained after this command tried to chain them.
const staleCauses: Record<'chained' | 'skipped' | 'failed', string> = {
  skipped: 'another chainer holds the chainer lock and is stuck (a sesame worker or serve?)',
  failed: 'this command could not chain them either (error above)',
  chained: 'they committed only now, after a long transaction: run verify again',
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
  const chaining = await chainWhatCommitted(deps, out, options.chainerWaitMs ?? VERIFY_CHAINER_WAIT_MS);
  const result = await verifyAuditChain(deps.db, deps.clock);
  if (result.ok) {
    out.log(`audit chain OK: ${countEvents(result.count)}`);
    if (result.unchained > 0) out.log(`${countEvents(result.unchained)} recorded just now, not chained yet`);
    return 0;
  }
  if (result.reason === 'unchained_too_long') {
    out.error(
      `audit chain NOT LINKED: ${countEvents(result.stale)} older than ${AUDIT_UNCHAINED_BOUND_MS / 1000} s ` +
        `not chained (oldest #${result.oldestStaleSeq}); ${staleCauses[chaining]}; ${countEvents(result.count)} verified`,
    );
    return 1;
  }
  out.error(
    `audit chain BROKEN at event #${result.brokenAtSeq}: ${breakExplanations[result.reason]}; ` +
      `${countEvents(result.count)} verified before it`,
  );
  return 1;
}

/**
 * Chains first, waiting for a worker's round rather than skipping, so what committed before this
 * command is chained. A failure (a read-only connection, say) is printed, and the check still runs.
 */
async function chainWhatCommitted(
  deps: Pick<Deps, 'db'>,
  out: CommandOutput,
  waitForLockMs: number,
): Promise<'chained' | 'skipped' | 'failed'> {
  try {
    const report = await chainAuditEvents(deps.db, { waitForLockMs });
    return report.skipped ? 'skipped' : 'chained';
  } catch (error) {
    out.error(`audit events could not be chained: ${error instanceof Error ? error.message : String(error)}`);
    return 'failed';
  }
}

function countEvents(count: number): string {
  return `${count} ${count === 1 ? 'event' : 'events'}`;
}
