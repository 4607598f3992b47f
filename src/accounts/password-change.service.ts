import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashPassword } from '../platform/crypto/passwords.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, type FieldError, validationError } from '../platform/http/errors.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { revokeAccountAccess } from '../sessions/revoke-account-access.ts';
import { type Account, accountDisplayName } from './account.ts';
import { lockAccountById, updatePasswordHash } from './accounts.repository.ts';
import { assertCurrentPassword } from './current-password.ts';
import { passwordChangedEmail } from './emails/password-changed.email.ts';
import { checkPasswordPolicy, minimumPasswordLength } from './password-policy.ts';

/** What the policy compares a password with: the customer's own names and email. */
export function personalInputs(account: Account): string[] {
  return [
    account.email,
    account.firstName,
    account.lastName,
    account.legalName,
    account.associationName,
    accountDisplayName(account),
  ].filter((v): v is string => Boolean(v));
}

/** The policy's reasons as field errors, with the minimum length the message names. */
export function passwordPolicyFieldErrors(
  deps: Deps,
  reasons: readonly string[],
  field: string,
): FieldError[] {
  const min = minimumPasswordLength(deps.config.passwordRequireCharacterClasses);
  return reasons.map((code) => ({ field, code, params: { min } }));
}

/** Enforces the password policy, or throws a 422 naming every reason on `field`. */
export function assertPasswordPolicy(deps: Deps, account: Account, password: string, field: string): void {
  const policy = checkPasswordPolicy(password, {
    requireCharacterClasses: deps.config.passwordRequireCharacterClasses,
    userInputs: personalInputs(account),
  });
  if (!policy.ok) throw validationError(passwordPolicyFieldErrors(deps, policy.reasons, field));
}

/**
 * Changes the password of a signed-in customer: the current password is required (and its
 * guesses throttled like sign-in), the policy enforced, and every other session revoked.
 */
export async function changePassword(
  deps: Deps,
  auth: { account: Account; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  await assertCurrentPassword(deps, auth.account, input.currentPassword, meta, 'currentPassword');
  assertPasswordPolicy(deps, auth.account, input.newPassword, 'newPassword');
  const newHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (tx) => {
    const account = await lockAccountById(tx, auth.account.id);
    if (!account) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    await updatePasswordHash(tx, account.id, newHash, now);
    // Pending reset links and email changes die too: whoever knew the old password may have asked for them.
    const revoked = await revokeAccountAccess(tx, account.id, { now, keepSessionId: auth.sessionId });
    // In the same transaction: the notice goes out if and only if the password really changed.
    await enqueueEmail(tx, deps, {
      to: account.email,
      accountId: account.id,
      kind: 'password-changed',
      rendered: passwordChangedEmail.render(
        { name: accountDisplayName(account), publicUrl: deps.config.publicUrl },
        account.locale,
      ),
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'password.changed',
      ...meta,
      details: {
        otherSessionsRevoked: revoked.sessions,
        applicationsSignedOut: revoked.applicationsSignedOut,
      },
    });
  });
}
