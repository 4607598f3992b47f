import type { Tx } from '../platform/db/database.ts';
import { invalidateSingleUseTokensOfAccount } from '../platform/tokens/single-use-token.repository.ts';
import { revokeSingleSignOn } from '../sso/sso-access.ts';
import { revokeSessionsOfAccount } from './sessions.repository.ts';

export type RevokedLinks = { resetLinks: number; emailChanges: number };
export type RevokedAccess = RevokedLinks & { sessions: number; applicationsSignedOut: number };

/**
 * Ends every way into the account, inside the caller's transaction: its sessions (all but
 * `keepSessionId`: the customer who just changed the password stays signed in), its reset links and
 * its pending email changes, its single sign-on (sessions, grants and tokens of the OpenID Provider,
 * applications told by back-channel logout). The one function every path that ends access goes through — password
 * change, reset, recovery completion — so that a new kind of access is revoked everywhere at once.
 * Returns how many of each were ended, for the audit event.
 * @example await revokeAccountAccess(tx, account.id, { now, keepSessionId: auth.sessionId });
 */
export async function revokeAccountAccess(
  tx: Tx,
  accountId: string,
  options: { now: Date; keepSessionId?: string | null },
): Promise<RevokedAccess> {
  const sessions = await revokeSessionsOfAccount(tx, accountId, options.keepSessionId ?? null, options.now);
  // Single sign-on too: the provider's sessions, grants and refresh tokens, with a back-channel
  // logout queued to each application that signed the account in.
  const applicationsSignedOut = await revokeSingleSignOn(tx, accountId, options.now);
  return { sessions, applicationsSignedOut, ...(await invalidateAccountLinks(tx, accountId, options.now)) };
}

/**
 * Kills the links the account was sent by email (reset links, email-change confirmations), keeping
 * its sessions: what an address change needs, since a link sent to the old address must not outlive it.
 */
export async function invalidateAccountLinks(tx: Tx, accountId: string, now: Date): Promise<RevokedLinks> {
  const resetLinks = await invalidateSingleUseTokensOfAccount(tx, 'password_reset_tokens', accountId, now);
  const emailChanges = await invalidateSingleUseTokensOfAccount(tx, 'email_change_requests', accountId, now);
  return { resetLinks, emailChanges };
}
