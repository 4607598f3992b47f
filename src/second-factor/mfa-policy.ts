import type { Deps } from '../platform/deps.ts';
import { getFactorState, hasAnyFactor } from './factor-state.ts';

/**
 * MFA_REQUIRED, done the way Keycloak's "Configure OTP" required action and GitHub's 2FA
 * requirement do it: a customer without a second factor who signs in under the rule gets a
 * deadline (MFA_GRACE_DAYS from that first sign-in, kept on the account). Until then every
 * sign-in leads to /account/security, which can be put off; after it, the session is good for
 * nothing but enrolling a factor (and signing out). Accounts that have a factor are never held.
 */
export type EnrolmentDue = { deadline: Date; overdue: boolean };

/** The account's enrolment deadline when the rule applies to it (setting it at the first sign-in), else null. */
export async function enrolmentDue(deps: Deps, accountId: string): Promise<EnrolmentDue | null> {
  const policy = deps.config.mfaPolicy;
  if (!policy.required) return null;
  if (hasAnyFactor(await getFactorState(deps.db, accountId))) return null;
  const now = deps.clock.now();
  const proposed = new Date(now.getTime() + policy.graceDays * 86_400_000);
  // Set once (compare-and-set on null): concurrent first sign-ins agree on one deadline.
  await deps.db
    .updateTable('accounts')
    .set({ mfa_enrolment_deadline: proposed })
    .where('id', '=', accountId)
    .where('mfa_enrolment_deadline', 'is', null)
    .execute();
  const row = await deps.db
    .selectFrom('accounts')
    .select('mfa_enrolment_deadline')
    .where('id', '=', accountId)
    .executeTakeFirst();
  const deadline = row?.mfa_enrolment_deadline ?? proposed;
  return { deadline, overdue: now.getTime() >= deadline.getTime() };
}

/**
 * What an overdue customer may still reach: the security page and its forms, the factor APIs,
 * sign-out, the language switch, static files. Everything else sends them to enrol first.
 */
export function allowedWhileEnrolmentOverdue(path: string): boolean {
  return (
    path === '/account/security' ||
    path.startsWith('/account/security/') ||
    path.startsWith('/api/v1/account/totp') ||
    path.startsWith('/api/v1/account/passkeys') ||
    path === '/api/v1/account/recovery-codes' ||
    path === '/logout' ||
    path === '/api/v1/auth/logout' ||
    path === '/language' ||
    path === '/api/v1/csrf' ||
    path.startsWith('/static/')
  );
}
