import { randomUUID } from 'node:crypto';
import { passwordPolicyFieldErrors } from '../accounts/password-change.service.ts';
import { checkPasswordPolicy } from '../accounts/password-policy.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashPassword } from '../platform/crypto/passwords.ts';
import { createRandomToken } from '../platform/crypto/tokens.ts';
import { createTotpSecret, totpUri } from '../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, validationError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { type StaffUser, TOTP_ISSUER } from './core/staff.ts';
import { revokeStaffSessionsOfUser } from './core/staff-sessions.repository.ts';
import {
  getStaffUserById,
  insertStaffUser,
  listStaffUsers,
  updateTotpSecret,
} from './core/staff-users.repository.ts';
import { type CreateStaffUserInput, createStaffUserSchema } from './staff.schemas.ts';
import { sealTotpSecret } from './staff-totp-secret.ts';

/** A TOTP enrolment, shown once: the secret and its `otpauth://` URI are never stored in clear nor shown again. */
export type TotpEnrolment = { secret: string; otpauthUri: string };

export type CreatedStaffUser = {
  user: StaffUser;
  enrolment: TotpEnrolment;
  generatedPassword: string | null;
};

/** Creates a staff user with a fresh TOTP secret (CLI, demo). Without a password, one is generated and returned once. */
export async function createStaffUser(
  deps: Deps,
  rawInput: CreateStaffUserInput,
  actor: { type: 'system' | 'staff'; id: string | null },
): Promise<CreatedStaffUser> {
  const input = parseOrThrow(createStaffUserSchema, rawInput);
  // 24 random bytes: far above any policy, and the staff member changes nothing to use it.
  const generatedPassword = input.password === undefined ? createRandomToken(24) : null;
  const password = input.password ?? (generatedPassword as string);
  const policy = checkPasswordPolicy(password, {
    requireCharacterClasses: generatedPassword ? false : deps.config.passwordRequireCharacterClasses,
    userInputs: [input.email.email, input.name],
  });
  if (!policy.ok) throw validationError(passwordPolicyFieldErrors(deps, policy.reasons, 'password'));
  const passwordHash = await hashPassword(password);
  const secret = createTotpSecret();
  const id = randomUUID();
  const now = deps.clock.now();
  const user = await deps.db.transaction().execute(async (tx) => {
    const inserted = await insertStaffUser(tx, {
      id,
      email: input.email.email,
      email_normalized: input.email.normalized,
      name: input.name,
      role: input.role,
      password_hash: passwordHash,
      totp_secret: sealTotpSecret(deps, id, secret),
      totp_enrolled_at: now,
      totp_last_step: null,
      disabled_at: null,
      created_at: now,
    });
    if (!inserted) throw new AppError('EMAIL_TAKEN', { errors: [{ field: 'email', code: 'email_taken' }] });
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'staff.created',
      ip: null,
      userAgent: null,
      details: { staffId: inserted.id, role: inserted.role },
    });
    return inserted;
  });
  return {
    user,
    enrolment: { secret, otpauthUri: totpUri(TOTP_ISSUER, user.email, secret) },
    generatedPassword,
  };
}

/**
 * An admin (or `sesame demo`) gives a staff member a new TOTP secret (lost phone). Every session of
 * that member ends: whoever held the old device must not stay signed in.
 */
export async function reenrolStaffTotp(
  deps: Deps,
  actor: { type: 'staff' | 'system'; id: string | null },
  staffUserId: string,
  meta: RequestMeta,
): Promise<{ user: StaffUser; enrolment: TotpEnrolment }> {
  const existing = await getStaffUserById(deps.db, staffUserId);
  if (!existing) throw new AppError('NOT_FOUND');
  const secret = createTotpSecret();
  const now = deps.clock.now();
  const user = await deps.db.transaction().execute(async (tx) => {
    const updated = await updateTotpSecret(tx, staffUserId, sealTotpSecret(deps, staffUserId, secret), now);
    if (!updated) throw new AppError('NOT_FOUND');
    const revoked = await revokeStaffSessionsOfUser(tx, staffUserId, null, now);
    await recordAuditEvent(tx, deps.clock, {
      actor,
      accountId: null,
      action: 'staff.totp_reenrolled',
      ...meta,
      details: { staffId: staffUserId, sessionsRevoked: revoked },
    });
    return updated;
  });
  return { user, enrolment: { secret, otpauthUri: totpUri(TOTP_ISSUER, user.email, secret) } };
}

/** Every staff member's name by id, to show people by name (ticket assignees, audit actors). */
export async function listStaffNamesById(deps: Pick<Deps, 'db'>): Promise<Map<string, string>> {
  return new Map((await listStaffUsers(deps.db)).map((s) => [s.id, s.name]));
}
