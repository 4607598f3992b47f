import { availableParallelism } from 'node:os';
import pLimit, { type LimitFunction } from 'p-limit';

/**
 * The per-process cap on argon2 work. Each hash or verification takes 19 MiB and tens of
 * milliseconds of a libuv thread; a burst of sign-ins would otherwise queue thousands of them,
 * fill the thread pool (which file and DNS work share) and keep every request waiting. At most
 * `concurrency` run at once, at most `maxQueued` wait; beyond that the work is refused at once
 * with `PasswordHashingBusyError`, answered 503 with Retry-After (see error-handler.tsx).
 */

export class PasswordHashingBusyError extends Error {
  constructor() {
    super('too many password hashes waiting');
    this.name = 'PasswordHashingBusyError';
  }
}

export type Argon2Limits = { concurrency: number; maxQueued: number };

/** libuv's default pool has 4 threads; leave room for file and DNS work on small machines. */
export const defaultArgon2Limits: Argon2Limits = {
  concurrency: Math.max(1, Math.min(4, availableParallelism())),
  maxQueued: 32,
};

// Module state on purpose: the cap protects this process, whichever app instance asks.
let limits = defaultArgon2Limits;
let limit: LimitFunction = pLimit(limits.concurrency);

/** Sets the cap (at start, from the configuration). */
export function configureArgon2Limits(next: Argon2Limits): void {
  if (next.concurrency === limits.concurrency && next.maxQueued === limits.maxQueued) return;
  limits = next;
  limit = pLimit(next.concurrency);
}

/** Runs `work` within the cap, or throws PasswordHashingBusyError when the queue is full. */
export function runArgon2<T>(work: () => Promise<T>): Promise<T> {
  if (limit.activeCount >= limits.concurrency && limit.pendingCount >= limits.maxQueued)
    return Promise.reject(new PasswordHashingBusyError());
  return limit(work);
}

/** How many argon2 computations run and wait now (for metrics and tests). */
export function argon2Load(): { running: number; queued: number } {
  return { running: limit.activeCount, queued: limit.pendingCount };
}
