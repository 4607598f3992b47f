import type { Deps } from '../deps.ts';
import { deliverDueEmails } from './outbox.service.ts';
import { describeDeliveryFailure } from './outbox.ts';
import { localWorkerId, releaseClaimsOfGoneLocalWorkers } from './outbox-recovery.ts';
import type { MailTransport } from './transports.ts';

export type MailWorkerOptions = { intervalMs?: number; batchSize?: number; workerId?: string };
export type MailWorker = { stop(): Promise<void> };

/**
 * Delivers the outbox in the background: one round, then a pause, then the next (a setTimeout
 * loop, so rounds never overlap however slow the relay); within a round, as many emails are in
 * flight as the transport has connections. A full batch is followed at once by another round, to
 * drain a backlog without sleeping; a batch that was not full means the queue is empty for now. `stop()` waits for the round in progress, then closes the
 * transport. Any number of workers, in any number of processes, may run at once.
 * @example const worker = startMailWorker(deps, createMailTransport(deps.config)); … await worker.stop();
 */
export function startMailWorker(
  deps: Pick<Deps, 'db' | 'clock' | 'masterKey' | 'config' | 'log'>,
  transport: MailTransport,
  options: MailWorkerOptions = {},
): MailWorker {
  const intervalMs = options.intervalMs ?? 1000;
  // Ten emails per connection of the transport's pool a round: the claim's round trips are shared
  // by enough sends, and the batch still ends well inside its lease.
  const batchSize = options.batchSize ?? 10 * Math.max(2, transport.concurrency ?? 1);
  const workerId = options.workerId ?? localWorkerId();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  let firstRound = true;
  async function runRound(): Promise<boolean> {
    try {
      if (firstRound) {
        // What a worker of this machine killed mid-round left claimed goes out now, not in 5 minutes.
        const released = await releaseClaimsOfGoneLocalWorkers(deps);
        if (released > 0) deps.log.warn({ released }, 'emails claimed by a worker that is gone queued again');
        firstRound = false;
      }
      const report = await deliverDueEmails(deps, transport, { batchSize, workerId });
      const handled = report.sent + report.failed + report.abandoned;
      if (handled > 0) deps.log.info(report, 'outbox round');
      return handled >= batchSize;
    } catch (error) {
      // The database is down or similar: log what is safe and try again at the next tick.
      deps.log.error({ error: describeDeliveryFailure(error) }, 'outbox round failed');
      return false;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      round = runRound().then((more) => schedule(more ? 0 : intervalMs));
    }, delayMs);
  }

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await round;
      await transport.close?.();
    },
  };
}
