import { passwordPolicyFieldErrors } from '../../accounts/password-change.service.ts';
import { checkPasswordPolicy } from '../../accounts/password-policy.ts';
import { recordAuditEvent } from '../../audit/audit.service.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { open } from '../../platform/crypto/sealed-box.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { totpUri, verifyTotpCode } from '../../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../../platform/deps.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import { singleUseTokenState } from '../../platform/tokens/single-use-token.ts';
import { type StaffUser, TOTP_ISSUER } from '../core/staff.ts';
import { revokeStaffSessionsOfUser } from '../core/staff-sessions.repository.ts';
import { getStaffUserById } from '../core/staff-users.repository.ts';
import { sealTotpSecret } from '../staff-totp-secret.ts';
import {
  consumeStaffEnrolmentToken,
  getStaffEnrolmentTokenByHash,
  invalidateStaffEnrolmentTokensOf,
} from './staff-enrolment.repository.ts';
import { enrolmentSecretAad } from './staff-enrolment-link.ts';
import { lockStaffUserById, updateStaffFactors } from './staff-team.repository.ts';
import { queueStaffAccountNotice } from './staff-team.service.ts';

/** What the enrolment page shows: who enrols, and the pending TOTP secret to scan. */
export type OpenStaffEnrolment = { user: StaffUser; secret: string; otpauthUri: string };

/**
 * The enrolment a link opens, without using it (mail scanners may open links): null when the
 * link is unknown, used, invalidated or expired, or its member is disabled — all alike.
 */
export async function openStaffEnrolment(deps: Deps, token: string): Promise<OpenStaffEnrolment | null> {
  if (!token || token.length > 100) return null;
  const found = await getStaffEnrolmentTokenByHash(deps.db, hashToken(token));
  if (!found || singleUseTokenState(found, deps.clock.now()) !== 'awaiting_use') return null;
  const user = await getStaffUserById(deps.db, found.staffUserId);
  if (!user || user.disabledAt) return null;
  const secret = open(deps.masterKey, found.sealedTotpSecret, enrolmentSecretAad(found.id)).toString('utf8');
  return { user, secret, otpauthUri: totpUri(TOTP_ISSUER, user.email, secret) };
}

/**
 * Uses the link: sets the member's password and the link's TOTP secret, once they prove the
 * secret with a code. The checks run first and change nothing (a typo does not burn the link);
 * then the token is consumed by one compare-and-set, so of concurrent posts exactly one wins.
 * Every session of the member ends (the link also serves a forgotten password).
 */
export async function completeStaffEnrolment(
  deps: Deps,
  token: string,
  input: { password: string; totp: string },
  meta: RequestMeta,
): Promise<StaffUser> {
  const opened = await openStaffEnrolment(deps, token);
  if (!opened) throw new AppError('INVALID_TOKEN');
  const policy = checkPasswordPolicy(input.password, {
    requireCharacterClasses: deps.config.passwordRequireCharacterClasses,
    userInputs: [opened.user.email, opened.user.name],
  });
  if (!policy.ok) throw validationError(passwordPolicyFieldErrors(deps, policy.reasons, 'password'));
  const now = deps.clock.now();
  const code = await verifyTotpCode(opened.secret, input.totp, now, null);
  if (!code.ok) throw validationError([{ field: 'totp', code: 'wrong_totp' }]);
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (tx) => {
    const used = await consumeStaffEnrolmentToken(tx, hashToken(token), now);
    if (!used) throw new AppError('INVALID_TOKEN');
    const locked = await lockStaffUserById(tx, used.staffUserId);
    // Disabled between the page and the post: the link dies with the access.
    if (!locked || locked.disabledAt) throw new AppError('INVALID_TOKEN');
    const user = (await updateStaffFactors(tx, locked.id, {
      passwordHash,
      storedTotpSecret: sealTotpSecret(deps, locked.id, opened.secret),
      enrolledAt: now,
      // The code just shown is spent: it cannot also open a session.
      lastStep: code.step,
    })) as StaffUser;
    const sessionsRevoked = await revokeStaffSessionsOfUser(tx, locked.id, null, now);
    await invalidateStaffEnrolmentTokensOf(tx, locked.id, now);
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: locked.id },
      accountId: null,
      action: 'staff.enrolled',
      ...meta,
      details: { staffId: locked.id, sessionsRevoked },
    });
    await queueStaffAccountNotice(tx, deps, user, { kind: 'enrolled' });
    return user;
  });
}
