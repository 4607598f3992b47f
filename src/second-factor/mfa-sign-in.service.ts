import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { accountDisplayName } from '../accounts/account.ts';
import { getAccountById } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashToken } from '../platform/crypto/tokens.ts';
import { verifyTotpCode } from '../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt, refundThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { type OpenedSession, openSession } from '../sessions/sessions.service.ts';
import { openCustomerTotpSecret } from './customer-totp-secret.ts';
import { recoveryCodeUsedEmail } from './emails/recovery-code-used.email.ts';
import { mfaThrottleKeys } from './mfa-throttle.ts';
import { verifyPasskeyAssertion } from './passkeys.service.ts';
import {
  consumeCustomerTotpStep,
  consumePendingSignIn,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  getCustomerTotpByAccount,
  getPendingSignInAccountId,
} from './second-factor.repository.ts';
import { hashRecoveryCode, sessionAuthMethodFor } from './second-factor.ts';

export type MfaInput =
  | { method: 'totp' | 'recovery_code'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON };

export type MfaResult =
  | Omit<OpenedSession, 'deviceToken'>
  | { ok: false; reason: 'no_pending_sign_in' | 'invalid_code' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

/** The code's verdict; a TOTP step or a recovery code is consumed here, atomically, only when right. */
async function checkAndConsumeFactor(deps: Deps, accountId: string, input: MfaInput): Promise<boolean> {
  if (input.method === 'recovery_code')
    return consumeRecoveryCode(deps.db, accountId, hashRecoveryCode(input.code), deps.clock.now());
  if (input.method === 'passkey')
    return (await verifyPasskeyAssertion(deps, input.response, 'second_factor', accountId)).ok;
  const stored = await getCustomerTotpByAccount(deps.db, accountId);
  if (!stored?.confirmedAt) return false;
  let secret: string;
  try {
    secret = openCustomerTotpSecret(deps, accountId, stored.sealedSecret);
  } catch (error) {
    // Fails closed, loudly: a master key changed under the data is an operator's problem.
    deps.log.error({ err: error, accountId }, 'customer TOTP secret cannot be opened (master key changed?)');
    return false;
  }
  const verdict = await verifyTotpCode(secret, input.code.trim(), deps.clock.now(), stored.lastStep);
  // Compare-and-set on the step: the same code posted ten times at once is accepted once.
  return verdict.ok && (await consumeCustomerTotpStep(deps.db, accountId, verdict.step));
}

/**
 * Completes a pending sign-in with the second factor. The guess is counted by the throttle before
 * the code is checked (reserve-before-work), the factor is consumed by a compare-and-set, then the
 * pending sign-in by another: of concurrent right answers exactly one opens a session.
 */
export async function completeSignInWithSecondFactor(
  deps: Deps,
  pendingToken: string | null,
  input: MfaInput,
  meta: RequestMeta,
  previousToken: string | null,
): Promise<MfaResult> {
  const tokenHash = pendingToken ? hashToken(pendingToken) : null;
  const accountId = tokenHash ? await getPendingSignInAccountId(deps.db, tokenHash, deps.clock.now()) : null;
  if (!tokenHash || !accountId) return { ok: false, reason: 'no_pending_sign_in' };
  const throttle = mfaThrottleKeys(accountId, meta.ip);
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, throttle.keys);
  if (!admitted.ok) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId,
        action: 'signin.mfa_throttled',
        ...meta,
      }),
    );
    return { ok: false, reason: 'throttled', retryAfterMs: admitted.retryAfterMs };
  }
  const right = await checkAndConsumeFactor(deps, accountId, input);
  const account = right ? await getAccountById(deps.db, accountId) : null;
  const consumed = account
    ? await deps.db.transaction().execute((tx) => consumePendingSignIn(tx, tokenHash, deps.clock.now()))
    : null;
  if (!account || !consumed) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId,
        action: 'signin.mfa_failed',
        ...meta,
        details: { method: input.method },
      }),
    );
    return { ok: false, reason: 'invalid_code' };
  }
  await refundThrottleAttempt(deps.db, deps.clock, {
    refund: throttle.keys.map((k) => k.key),
    clear: [throttle.accountFromIp],
  });
  if (input.method === 'recovery_code') await noticeRecoveryCodeUse(deps, account, meta);
  return openSession(deps, account, meta, previousToken, { authMethod: sessionAuthMethodFor(input.method) });
}

/** Audits a spent recovery code and emails the fiche's address (FR or EN, as the account reads). */
async function noticeRecoveryCodeUse(
  deps: Deps,
  account: NonNullable<Awaited<ReturnType<typeof getAccountById>>>,
  meta: RequestMeta,
): Promise<void> {
  const remaining = await countUnusedRecoveryCodes(deps.db, account.id);
  await deps.db.transaction().execute(async (tx) => {
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'mfa.recovery_code_used',
      ...meta,
      details: { remaining },
    });
    await enqueueEmail(tx, deps, {
      to: account.email,
      accountId: account.id,
      kind: 'recovery-code-used',
      rendered: recoveryCodeUsedEmail.render(
        { name: accountDisplayName(account), remaining, publicUrl: deps.config.publicUrl },
        account.locale,
      ),
    });
  });
}
