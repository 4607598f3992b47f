import { hostname } from 'node:os';
import type { Deps } from '../deps.ts';
import { listOutboxClaimants, releaseOutboxClaimsOf } from './outbox.repository.ts';

/** `host:pid`, the worker id of this process (see startMailWorker). */
export function localWorkerId(pid = process.pid): string {
  return `${hostname()}:${pid}`;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Emails claimed by a worker of this machine whose process no longer exists (killed during a
 * delivery round: kill -9, a crash, a power cut) are queued again now rather than when their
 * 5-minute lease ends. A claim by a live process, or by another machine, keeps its lease. A reused
 * pid only delays the release to the lease's end. Delivery stays at least once: an email the dead
 * worker had already handed to the relay goes again, with the same Message-ID.
 */
export async function releaseClaimsOfGoneLocalWorkers(deps: Pick<Deps, 'db' | 'clock'>): Promise<number> {
  const prefix = `${hostname()}:`;
  const gone = (await listOutboxClaimants(deps.db)).filter((claimant) => {
    if (!claimant.startsWith(prefix)) return false;
    const pid = Number(claimant.slice(prefix.length));
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !isProcessAlive(pid);
  });
  return releaseOutboxClaimsOf(deps.db, gone, deps.clock.now());
}
