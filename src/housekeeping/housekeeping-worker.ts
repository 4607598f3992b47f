import { HOUR } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../platform/periodic-job.ts';
import { runHousekeeping } from './housekeeping.service.ts';

export type HousekeepingWorker = PeriodicJob;

/**
 * Runs housekeeping once a minute after start, then every `intervalMs` (an hour). Several
 * workers may run it at once: each DELETE is idempotent. Never overlapping; stop() waits for
 * a round in progress.
 */
export function startHousekeeping(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  intervalMs = HOUR,
): HousekeepingWorker {
  return startPeriodicJob(deps, {
    name: 'housekeeping',
    intervalMs,
    firstDelayMs: Math.min(60_000, intervalMs),
    run: () => runHousekeeping(deps),
  });
}
