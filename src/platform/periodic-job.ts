import type { Deps } from './deps.ts';

export type PeriodicJob = { stop(): Promise<void> };

/**
 * Runs `run` after `firstDelayMs`, then every `intervalMs` after each round ends: rounds never
 * overlap, a failed round is logged and the next one still comes, and the timer never keeps the
 * process alive. stop() cancels the next round and waits for one in progress.
 * @example const job = startPeriodicJob(deps, { name: 'housekeeping', intervalMs: HOUR, firstDelayMs: MINUTE, run: () => runHousekeeping(deps) });
 */
export function startPeriodicJob(
  deps: Pick<Deps, 'log'>,
  job: { name: string; intervalMs: number; firstDelayMs: number; run: () => Promise<unknown> },
): PeriodicJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = async () => {
    try {
      const report = await job.run();
      // A round that did nothing returns undefined and stays out of the log (frequent jobs).
      if (report !== undefined) deps.log.info({ job: job.name, report }, 'job done');
    } catch (error) {
      deps.log.error({ err: error, job: job.name }, 'job failed');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = null;
        schedule(job.intervalMs);
      });
    }, delay);
    timer.unref();
  };
  schedule(job.firstDelayMs);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
