import { HOUR, MINUTE } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../../platform/periodic-job.ts';
import { completeDueRecoveryCases } from './completion.service.ts';
import { expireInactiveRecoveryCases, purgeRecoveryDocuments } from './retention.service.ts';

export type RecoveryJobs = PeriodicJob;

/**
 * The recovery jobs of a worker process: completion of cases whose objection window is over every
 * minute; expiry of inactive cases then the documents' purge every hour. Several workers may run
 * them at once: every case is locked and moved by compare-and-set. stop() waits for rounds in progress.
 */
export function startRecoveryJobs(
  deps: Deps,
  intervals: { completionMs: number; retentionMs: number } = { completionMs: MINUTE, retentionMs: HOUR },
): RecoveryJobs {
  const jobs = [
    startPeriodicJob(deps, {
      name: 'recovery-completion',
      intervalMs: intervals.completionMs,
      firstDelayMs: intervals.completionMs,
      run: () => completeDueRecoveryCases(deps),
    }),
    startPeriodicJob(deps, {
      name: 'recovery-retention',
      intervalMs: intervals.retentionMs,
      firstDelayMs: Math.min(MINUTE, intervals.retentionMs),
      run: async () => ({
        expired: await expireInactiveRecoveryCases(deps),
        ...(await purgeRecoveryDocuments(deps)),
      }),
    }),
  ];
  return {
    async stop() {
      await Promise.all(jobs.map((job) => job.stop()));
    },
  };
}
