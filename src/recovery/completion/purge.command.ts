import type { Deps } from '../../platform/deps.ts';
import { expireInactiveRecoveryCases, purgeRecoveryDocuments } from './retention.service.ts';

/**
 * `sesame purge`: what the worker does hourly, now — expires inactive cases, then purges the
 * documents of cases closed for DOCUMENT_RETENTION_DAYS; prints `{expired, purgedCases, purgedDocuments}`.
 */
export async function runRecoveryPurge(deps: Deps, out: { log(line: string): void }): Promise<number> {
  const expired = await expireInactiveRecoveryCases(deps);
  const { purgedCases, purgedDocuments } = await purgeRecoveryDocuments(deps);
  out.log(JSON.stringify({ expired, purgedCases, purgedDocuments }));
  return 0;
}
