import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { endOtherSingleSignOnSessions } from '../sso/sso-access.ts';
import { revokeSessionsOfAccount } from './sessions.repository.ts';

/**
 * « Déconnecter toutes les autres sessions »: every live session of the account but the current one
 * ends, in one UPDATE (a session opened while it runs is either before it and revoked, or after it and
 * kept — never half), with the single sign-on sessions of the other browsers, and one audit event.
 * Returns how many sessions ended. Reset links and pending email changes are not touched: the customer
 * is signed in and stays so; a password change is what ends those.
 * @example const count = await revokeOtherSessions(deps, { accountId, sessionId }, request.meta);
 */
export async function revokeOtherSessions(
  deps: Deps,
  auth: { accountId: string; sessionId: string; providerSessionId?: string },
  meta: RequestMeta,
): Promise<number> {
  return deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    const count = await revokeSessionsOfAccount(tx, auth.accountId, auth.sessionId, now);
    const applicationsSignedOut = await endOtherSingleSignOnSessions(
      tx,
      auth.accountId,
      auth.providerSessionId,
      now,
    );
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: auth.accountId },
      accountId: auth.accountId,
      action: 'sessions.revoked_others',
      ...meta,
      details: { keptSessionId: auth.sessionId, sessions: count, applicationsSignedOut },
    });
    return count;
  });
}
