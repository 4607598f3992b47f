import type { Deps } from '../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../platform/periodic-job.ts';
import { AUDIT_CHAIN_BATCH_SIZE, chainAuditEvents } from './audit-chain.service.ts';

/** Events one round links at most (20 batches), so a round ends quickly even after an outage. */
const MAX_BATCHES_PER_ROUND = 20;

/**
 * Every second, links the audit events committed since the last round into the hash chain. Every
 * worker runs it; the chainer lock lets one at a time through and the others skip their round. A
 * round is logged only when it could not catch up (a backlog of more than
 * MAX_BATCHES_PER_ROUND × AUDIT_CHAIN_BATCH_SIZE events).
 */
export function startAuditChainer(deps: Pick<Deps, 'db' | 'log'>, intervalMs = 1_000): PeriodicJob {
  return startPeriodicJob(deps, {
    name: 'audit-chainer',
    intervalMs,
    firstDelayMs: intervalMs,
    run: async () => {
      const report = await chainAuditEvents(deps.db, { maxBatches: MAX_BATCHES_PER_ROUND });
      return report.backlog ? { chained: report.chained, batchSize: AUDIT_CHAIN_BATCH_SIZE } : undefined;
    },
  });
}
