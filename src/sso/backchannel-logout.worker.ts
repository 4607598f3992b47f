import { sql } from 'kysely';
import type { Deps } from '../platform/deps.ts';
import { type PeriodicJob, startPeriodicJob } from '../platform/periodic-job.ts';
import type { OidcProviderHolder } from './oidc-provider.ts';

/** After this many failed attempts (about a day of backoff) a notice is abandoned, its reason kept. */
export const BACKCHANNEL_MAX_ATTEMPTS = 12;
const LEASE_MS = 60_000;
const BATCH = 20;

/** 10 s, 20 s, 40 s… capped at 4 hours. */
export function backchannelRetryDelayMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 4 * 60 * 60 * 1000);
}

export type BackchannelReport = { delivered: number; retried: number; abandoned: number };

/**
 * Sends the queued back-channel logout notices that are due: each is a logout token signed by the
 * provider and posted by oidc-provider itself (`client.backchannelLogout`). Rows are leased first
 * (SKIP LOCKED), so several workers never send the same notice at once; a failure is retried with
 * backoff, and abandoned after BACKCHANNEL_MAX_ATTEMPTS with its last error.
 */
export async function deliverBackchannelLogouts(
  deps: Deps,
  providers: OidcProviderHolder,
): Promise<BackchannelReport> {
  const now = deps.clock.now();
  const due = await deps.db
    .updateTable('oidc_backchannel_logouts')
    .set({ next_attempt_at: new Date(now.getTime() + LEASE_MS) })
    .where(
      'id',
      'in',
      sql<string>`(SELECT id FROM oidc_backchannel_logouts WHERE status = 'queued' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
    )
    .returning(['id', 'client_id', 'account_id', 'sid', 'attempts'])
    .execute();
  const report: BackchannelReport = { delivered: 0, retried: 0, abandoned: 0 };
  if (due.length === 0) return report;
  const provider = await providers.current();
  for (const notice of due) {
    const client = await provider.Client.find(notice.client_id);
    let failure: string | null = null;
    if (!client?.backchannelLogoutUri) failure = 'the client is disabled or has no back-channel logout URI';
    else {
      try {
        // oidc-provider's Client has backchannelLogout(sub, sid); the published types omit it.
        const notify = client as unknown as { backchannelLogout(sub: string, sid: string): Promise<void> };
        await notify.backchannelLogout(notice.account_id, notice.sid ?? '');
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
    }
    const attempts = notice.attempts + 1;
    if (!failure) {
      report.delivered++;
      await deps.db
        .updateTable('oidc_backchannel_logouts')
        .set({ status: 'delivered', attempts, delivered_at: deps.clock.now(), last_error: null })
        .where('id', '=', notice.id)
        .execute();
      continue;
    }
    const abandon = !client?.backchannelLogoutUri || attempts >= BACKCHANNEL_MAX_ATTEMPTS;
    if (abandon) report.abandoned++;
    else report.retried++;
    deps.log.warn(
      { clientId: notice.client_id, attempts, error: failure },
      'back-channel logout not delivered',
    );
    await deps.db
      .updateTable('oidc_backchannel_logouts')
      .set({
        status: abandon ? 'abandoned' : 'queued',
        attempts,
        last_error: failure.slice(0, 500),
        next_attempt_at: new Date(deps.clock.now().getTime() + backchannelRetryDelayMs(attempts)),
      })
      .where('id', '=', notice.id)
      .execute();
  }
  return report;
}

export function startBackchannelLogouts(deps: Deps, providers: OidcProviderHolder): PeriodicJob {
  return startPeriodicJob(deps, {
    name: 'backchannel-logout',
    intervalMs: 2_000,
    firstDelayMs: 1_000,
    run: async () => {
      const report = await deliverBackchannelLogouts(deps, providers);
      return report.delivered + report.retried + report.abandoned ? report : undefined;
    },
  });
}
