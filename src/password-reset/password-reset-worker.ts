import type { Deps } from '../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../platform/periodic-job.ts';
import { resolvePasswordResetRequests } from './password-reset.service.ts';

/** How often the worker looks for forgot-password requests: the link reaches the outbox within it. */
export const PASSWORD_RESET_REQUESTS_INTERVAL_MS = 1000;

/**
 * The worker's round for "mot de passe oublié": resolves the recorded requests into reset links
 * and queued emails. Several workers may run it at once (requests are taken with SKIP LOCKED).
 */
export function startPasswordResetRequests(
  deps: Deps,
  intervalMs = PASSWORD_RESET_REQUESTS_INTERVAL_MS,
): PeriodicJob {
  return startPeriodicJob(deps, {
    name: 'password-reset-requests',
    intervalMs,
    firstDelayMs: intervalMs,
    run: async () => {
      const report = await resolvePasswordResetRequests(deps);
      // Quiet when idle: this runs every second.
      return report.resolved || report.failed || report.dropped ? report : undefined;
    },
  });
}
