import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { getAccountById } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { throttleAddress } from '../platform/net/client-address.ts';
import { consumeThrottleAttempt, refundThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { type OpenedSession, openSession } from '../sessions/sessions.service.ts';
import { verifyPasskeyAssertion } from './passkeys.service.ts';

export type PasskeySignInResult =
  | Omit<OpenedSession, 'deviceToken'>
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

/** Failed password-less attempts from one address: 30 free, then 1 s, 2 s… up to 15 min. */
function passkeyThrottleKey(ip: string | null) {
  return {
    key: `customer-passkey:ip:${throttleAddress(ip)}`,
    policy: { freeFailures: 30, baseDelayMs: 1000, maxDelayMs: 15 * 60_000, windowMs: 60 * 60_000 },
  };
}

/**
 * Signs in with a passkey alone (a discoverable credential, user verification required): the
 * passkey is possession and the PIN or biometric is the second factor, so no password is asked
 * and the session is recorded as 'passkey'. Counted before the work, like every guess.
 */
export async function signInWithPasskey(
  deps: Deps,
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
  previousToken: string | null,
): Promise<PasskeySignInResult> {
  const throttle = passkeyThrottleKey(meta.ip);
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, [throttle]);
  if (!admitted.ok) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId: null,
        action: 'signin.passkey_throttled',
        ...meta,
      }),
    );
    return { ok: false, reason: 'throttled', retryAfterMs: admitted.retryAfterMs };
  }
  const verdict = await verifyPasskeyAssertion(deps, response, 'passwordless', null);
  const account = verdict.ok ? await getAccountById(deps.db, verdict.passkey.accountId) : null;
  if (!verdict.ok || !account) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId: verdict.ok ? verdict.passkey.accountId : null,
        action: 'signin.passkey_failed',
        ...meta,
        details: { reason: verdict.ok ? 'no_account' : verdict.reason },
      }),
    );
    return { ok: false, reason: 'invalid_credentials' };
  }
  await refundThrottleAttempt(deps.db, deps.clock, { refund: [throttle.key] });
  return openSession(deps, account, meta, previousToken, { authMethod: 'passkey' });
}
