import { MINUTE } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../../platform/periodic-job.ts';
import { runRequestedRecoveryChecks } from './document-checks.service.ts';
import { shutdownOcr } from './ocr.ts';

/** Cases checked per round: OCR takes seconds per page, and a round should end well within a minute or two. */
const MAX_CASES_PER_ROUND = 5;

/**
 * Every minute, runs the checks of the cases that asked for them (oldest request first, one case
 * and one document at a time). stop() waits for the round in progress, then ends the OCR workers.
 */
export function startDocumentChecks(deps: Deps, intervalMs = MINUTE): PeriodicJob {
  const job = startPeriodicJob(deps, {
    name: 'document-checks',
    intervalMs,
    firstDelayMs: intervalMs,
    run: () => runRequestedRecoveryChecks(deps, { max: MAX_CASES_PER_ROUND }),
  });
  return {
    async stop() {
      await job.stop();
      await shutdownOcr();
    },
  };
}
