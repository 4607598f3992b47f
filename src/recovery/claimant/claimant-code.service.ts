import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError, tooManyRequests } from '../../platform/http/errors.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt } from '../../platform/throttle/throttle.service.ts';
import type { RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { getRecoveryEmailCodeHash, lockRecoveryCaseById, updateRecoveryCase } from '../cases.repository.ts';
import { sendRecoveryEmailCode } from './claimant.service.ts';
import { recoveryResendThrottleKey } from './claimant-throttle.ts';
import {
  RECOVERY_CODE_MAX_ATTEMPTS,
  RECOVERY_CODE_RESEND_SECONDS,
  recoveryEmailCodeMatches,
} from './email-code.ts';
import { recoveryCaseOpenedEmail } from './emails/recovery-case-opened.email.ts';

/** The link of the "case opened" email: opens the case page once and sets its cookie (see the access route). */
export function recoveryCaseAccessLink(publicUrl: URL, reference: string, caseToken: string): string {
  // Built from PUBLIC_URL, never from the Host header of the request.
  const url = new URL(`/recovery/cases/${encodeURIComponent(reference)}/access`, publicUrl.origin);
  url.searchParams.set('token', caseToken);
  return url.toString();
}

type VerifyOutcome = { ok: true; recoveryCase: RecoveryCase } | { ok: false };

/**
 * Confirms the new address with the emailed code. A wrong code counts against it (5 at most), and
 * the count commits before the refusal; wrong, expired and exhausted codes all answer INVALID_CODE.
 * On success the claimant is sent the case's link. `caseToken` is the credential just presented.
 */
export async function verifyRecoveryEmail(
  deps: Deps,
  input: { recoveryCase: RecoveryCase; caseToken: string; code: string },
  meta: RequestMeta,
): Promise<RecoveryCase> {
  const code = input.code.replace(/\s/g, '');
  const outcome = await deps.db.transaction().execute(async (tx): Promise<VerifyOutcome> => {
    const locked = await lockRecoveryCaseById(tx, input.recoveryCase.id);
    if (!locked) throw new AppError('NOT_FOUND');
    // Already confirmed (a double submit, a second tab): nothing to redo.
    if (locked.newEmailVerifiedAt) return { ok: true, recoveryCase: locked };
    if (locked.status !== 'draft') throw new AppError('RECOVERY_STATE_CONFLICT');
    const now = deps.clock.now();
    const storedHash = await getRecoveryEmailCodeHash(tx, locked.id);
    const usable =
      storedHash !== null &&
      locked.emailCode.expiresAt !== null &&
      locked.emailCode.expiresAt > now &&
      locked.emailCode.attempts < RECOVERY_CODE_MAX_ATTEMPTS;
    // Always compared, so a dead code costs the same as a live one.
    const matches = recoveryEmailCodeMatches(deps.masterKey, locked.id, code, storedHash ?? '');
    if (!usable || !matches || !/^\d{6}$/.test(code)) {
      await updateRecoveryCase(tx, locked.id, {
        email_code_attempts: locked.emailCode.attempts + 1,
        updated_at: now,
      });
      await recordRecoveryEvent(tx, deps, locked, {
        actor: { type: 'claimant' },
        action: 'recovery.email_code_failed',
        meta,
        details: { attempt: locked.emailCode.attempts + 1, expired: !usable },
      });
      return { ok: false };
    }
    await updateRecoveryCase(tx, locked.id, {
      new_email_verified_at: now,
      // Spent: the hash is of no further use and must not stay guessable.
      email_code_hash: null,
      email_code_expires_at: null,
      last_activity_at: now,
      updated_at: now,
    });
    await recordRecoveryEvent(tx, deps, locked, {
      actor: { type: 'claimant' },
      action: 'recovery.email_verified',
      meta,
      visibleToClaimant: true,
    });
    await enqueueEmail(tx, deps, {
      to: locked.newEmail,
      accountId: null,
      kind: 'recovery-case-opened',
      rendered: recoveryCaseOpenedEmail.render(
        {
          reference: locked.reference,
          link: recoveryCaseAccessLink(deps.config.publicUrl, locked.reference, input.caseToken),
        },
        locked.locale,
      ),
    });
    return { ok: true, recoveryCase: { ...locked, newEmailVerifiedAt: now } };
  });
  if (!outcome.ok) throw new AppError('INVALID_CODE');
  return outcome.recoveryCase;
}

/**
 * Sends a new code: not within 60 s of the last one, five times an hour per case at most (429 with
 * Retry-After), and only while the address is unconfirmed.
 */
export async function resendRecoveryEmailCode(
  deps: Deps,
  recoveryCase: RecoveryCase,
  meta: RequestMeta,
): Promise<void> {
  if (recoveryCase.newEmailVerifiedAt || recoveryCase.status !== 'draft')
    throw new AppError('RECOVERY_STATE_CONFLICT');
  const now = deps.clock.now();
  const sentAt = recoveryCase.emailCode.sentAt;
  const sinceLast = sentAt ? now.getTime() - sentAt.getTime() : Number.POSITIVE_INFINITY;
  if (sinceLast < RECOVERY_CODE_RESEND_SECONDS * 1000)
    throw tooManyRequests((RECOVERY_CODE_RESEND_SECONDS * 1000 - sinceLast) / 1000);
  const key = recoveryResendThrottleKey(recoveryCase.id);
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, [key]);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);
  await deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, recoveryCase.id);
    if (!locked || locked.newEmailVerifiedAt || locked.status !== 'draft')
      throw new AppError('RECOVERY_STATE_CONFLICT');
    // Checked again under the lock: of two concurrent resends, the second sees the first's code.
    if (locked.emailCode.sentAt && locked.emailCode.sentAt.getTime() !== sentAt?.getTime())
      throw tooManyRequests(RECOVERY_CODE_RESEND_SECONDS);
    await sendRecoveryEmailCode(tx, deps, locked, meta);
  });
}
