import { HOUR } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { runHousekeeping } from './housekeeping.service.ts';

export type HousekeepingWorker = { stop(): Promise<void> };

/**
 * Runs housekeeping once a minute after start, then every `intervalMs` (an hour). Several
 * workers may run it at once: each DELETE is idempotent. Never overlapping; stop() waits for
 * a round in progress.
 */
export function startHousekeeping(
  deps: Pick<Deps, 'db' | 'clock' | 'log'>,
  intervalMs = HOUR,
): HousekeepingWorker {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const round = async () => {
    try {
      const report = await runHousekeeping(deps);
      deps.log.info({ deleted: report }, 'housekeeping done');
    } catch (error) {
      deps.log.error({ err: error }, 'housekeeping failed');
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = null;
        schedule(intervalMs);
      });
    }, delay);
    // Housekeeping never keeps the process alive on its own.
    timer.unref();
  };
  schedule(Math.min(60_000, intervalMs));

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
