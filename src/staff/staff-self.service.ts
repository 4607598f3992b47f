import { normalizeEmail } from '../accounts/account.ts';
import { passwordPolicyFieldErrors } from '../accounts/password-change.service.ts';
import { checkPasswordPolicy } from '../accounts/password-policy.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashPassword, verifyPassword } from '../platform/crypto/passwords.ts';
import { verifyTotpCode } from '../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, validationError } from '../platform/http/errors.ts';
import type { StaffSession } from './core/staff.ts';
import {
  listActiveStaffSessions,
  revokeStaffSessionById,
  revokeStaffSessionsOfUser,
} from './core/staff-sessions.repository.ts';
import { type AuthenticatedStaff, staffSessionTimeouts } from './core/staff-sessions.service.ts';
import { consumeTotpStep, getStaffCredentialsByEmail } from './core/staff-users.repository.ts';
import { openTotpSecret } from './staff-totp-secret.ts';
import { updateStaffPasswordHash } from './team/staff-team.repository.ts';
import { queueStaffAccountNotice } from './team/staff-team.service.ts';

/**
 * A member changes their own password with the current one and a TOTP code (a stolen open session
 * alone cannot). The member's other sessions end; this one stays.
 */
export async function changeOwnStaffPassword(
  deps: Deps,
  auth: AuthenticatedStaff,
  input: { currentPassword: string; newPassword: string; totp: string },
  meta: RequestMeta,
): Promise<void> {
  const email = normalizeEmail(auth.user.email);
  const credentials = email.ok ? await getStaffCredentialsByEmail(deps.db, email.normalized) : null;
  if (!credentials || credentials.user.id !== auth.user.id) throw new AppError('UNAUTHENTICATED');
  const password = await verifyPassword(credentials.passwordHash, input.currentPassword);
  if (!password.valid) throw validationError([{ field: 'currentPassword', code: 'wrong_password' }]);
  const secret = openTotpSecret(deps, credentials.user.id, credentials.storedTotpSecret);
  const code = await verifyTotpCode(secret, input.totp, deps.clock.now(), credentials.totpLastStep);
  // Compare-and-set on the step, as at sign-in: a code serves once.
  if (!code.ok || !(await consumeTotpStep(deps.db, credentials.user.id, code.step)))
    throw validationError([{ field: 'totp', code: 'wrong_totp' }]);
  const policy = checkPasswordPolicy(input.newPassword, {
    requireCharacterClasses: deps.config.passwordRequireCharacterClasses,
    userInputs: [auth.user.email, auth.user.name],
  });
  if (!policy.ok) throw validationError(passwordPolicyFieldErrors(deps, policy.reasons, 'newPassword'));
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    await updateStaffPasswordHash(tx, auth.user.id, passwordHash);
    const now = deps.clock.now();
    const sessionsRevoked = await revokeStaffSessionsOfUser(tx, auth.user.id, auth.session.id, now);
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: auth.user.id },
      accountId: null,
      action: 'staff.password_changed',
      ...meta,
      details: { staffId: auth.user.id, sessionsRevoked },
    });
    await queueStaffAccountNotice(tx, deps, auth.user, { kind: 'password_changed' });
  });
}

/** The member's own live sessions, most recently used first. */
export function listOwnStaffSessions(deps: Deps, auth: AuthenticatedStaff): Promise<StaffSession[]> {
  const now = deps.clock.now();
  const idleCutoff = new Date(now.getTime() - staffSessionTimeouts(deps).idleMs);
  return listActiveStaffSessions(deps.db, auth.user.id, now, idleCutoff);
}

/** Ends one of the member's own sessions (404 when it is not theirs or already ended). */
export async function revokeOwnStaffSession(
  deps: Deps,
  auth: AuthenticatedStaff,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeStaffSessionById(tx, auth.user.id, sessionId, deps.clock.now());
    if (!revoked) throw new AppError('NOT_FOUND');
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: auth.user.id },
      accountId: null,
      action: 'staff.session_revoked',
      ...meta,
      details: { staffId: auth.user.id, sessionId },
    });
  });
}
