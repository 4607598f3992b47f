import { randomUUID } from 'node:crypto';
import Tokens from 'csrf';
import { normalizeEmail } from '../accounts/account.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { verifyDummyPassword, verifyPassword } from '../platform/crypto/passwords.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import { verifyTotpCode } from '../platform/crypto/totp.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { createDeviceToken } from '../sessions/device-cookie.ts';
import { guardPasswordGuess, signInThrottleFor } from '../sessions/sign-in-attempt.ts';
import type { StaffSession, StaffUser } from './core/staff.ts';
import {
  getStaffSessionByTokenHash,
  insertStaffSession,
  revokeStaffSessionById,
} from './core/staff-sessions.repository.ts';
import { staffSessionTimeouts } from './core/staff-sessions.service.ts';
import {
  consumeTotpStep,
  getStaffCredentialsByEmail,
  type StaffCredentials,
} from './core/staff-users.repository.ts';
import { openTotpSecret } from './staff-totp-secret.ts';

const csrfTokens = new Tokens();

export type StaffSignInResult =
  | { ok: true; user: StaffUser; session: StaffSession; token: string; deviceToken: string }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

type FailureReason = 'unknown_staff' | 'disabled' | 'wrong_password' | 'wrong_totp' | 'totp_replayed';

/** The member's TOTP secret, or null when it cannot be opened: sign-in then fails closed, loudly in the log. */
function openStoredTotpSecret(deps: Deps, credentials: StaffCredentials): string | null {
  try {
    return openTotpSecret(deps, credentials.user.id, credentials.storedTotpSecret);
  } catch (error) {
    deps.log.error(
      { err: error, staffId: credentials.user.id },
      'staff TOTP secret cannot be opened (master key changed?)',
    );
    return null;
  }
}

/** Password, then TOTP; the step is consumed only when both are right, so a wrong password burns no code. */
async function checkStaffFactors(
  deps: Deps,
  credentials: StaffCredentials | null,
  input: { password: string; totp: string },
): Promise<{ ok: true } | { ok: false; reason: FailureReason }> {
  if (!credentials) {
    // Dummy argon2 work for an unknown email: same time, same answer as a wrong password.
    await verifyDummyPassword(input.password);
    return { ok: false, reason: 'unknown_staff' };
  }
  const password = await verifyPassword(credentials.passwordHash, input.password);
  const secret = openStoredTotpSecret(deps, credentials);
  const totp = secret
    ? await verifyTotpCode(secret, input.totp, deps.clock.now(), credentials.totpLastStep)
    : ({ ok: false, reason: 'invalid' } as const);
  // Disabled, or created from the back office and not enrolled yet: no factor to trust.
  if (credentials.user.disabledAt || !credentials.user.totpEnrolledAt)
    return { ok: false, reason: 'disabled' };
  if (!password.valid) return { ok: false, reason: 'wrong_password' };
  if (!totp.ok) return { ok: false, reason: totp.reason === 'replayed' ? 'totp_replayed' : 'wrong_totp' };
  // Compare-and-set on the step: a code replayed, even concurrently, is accepted only once.
  const consumed = await consumeTotpStep(deps.db, credentials.user.id, totp.step);
  return consumed ? { ok: true } : { ok: false, reason: 'totp_replayed' };
}

/**
 * Signs a staff member in with email, password and a TOTP code. Whatever failed, the answer is the
 * same; failures count against the same per-account and per-IP throttles as customer sign-in.
 */
export async function signInStaff(
  deps: Deps,
  input: { email: string; password: string; totp: string },
  meta: RequestMeta,
  cookies: { previousToken: string | null; deviceToken: string | null },
): Promise<StaffSignInResult> {
  const email = normalizeEmail(input.email);
  const emailKey = email.ok ? email.normalized : input.email.trim().toLowerCase();
  const throttle = signInThrottleFor(deps, 'staff', emailKey, meta.ip, cookies.deviceToken);
  const credentials = email.ok ? await getStaffCredentialsByEmail(deps.db, email.normalized) : null;
  const staffId = credentials?.user.id ?? null;

  // Counted before argon2 runs (see sign-in-attempt.ts): concurrent guesses cannot outrun the throttle.
  const guess = await guardPasswordGuess(
    deps,
    throttle,
    () => checkStaffFactors(deps, credentials, input),
    (verdict) => verdict.ok && credentials !== null,
  );
  if (!guess.ok) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId: null,
        action: 'staff.signin.throttled',
        ...meta,
        details: { staffId },
      }),
    );
    return { ok: false, reason: 'throttled', retryAfterMs: guess.retryAfterMs };
  }
  const verdict = guess.result;
  if (!verdict.ok || !credentials) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId: null,
        action: 'staff.signin.failed',
        ...meta,
        details: { staffId, reason: verdict.ok ? 'unknown_staff' : verdict.reason },
      }),
    );
    return { ok: false, reason: 'invalid_credentials' };
  }

  const user = credentials.user;
  const now = deps.clock.now();
  const token = createRandomToken(32);
  const session = await deps.db.transaction().execute(async (tx) => {
    // A new session id at every sign-in: one planted before sign-in is dropped.
    if (cookies.previousToken) {
      const previous = await getStaffSessionByTokenHash(tx, hashToken(cookies.previousToken));
      if (previous) await revokeStaffSessionById(tx, null, previous.session.id, now);
    }
    const created = await insertStaffSession(tx, {
      id: randomUUID(),
      token_hash: hashToken(token),
      staff_user_id: user.id,
      csrf_secret: csrfTokens.secretSync(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + staffSessionTimeouts(deps).absoluteMs),
      revoked_at: null,
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'staff', id: user.id },
      accountId: null,
      action: 'staff.signin.succeeded',
      ...meta,
      details: { sessionId: created.id },
    });
    return created;
  });
  const deviceToken = createDeviceToken(deps.masterKey, 'staff', emailKey, now);
  return { ok: true, user, session, token, deviceToken };
}
