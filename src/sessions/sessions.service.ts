import { randomUUID } from 'node:crypto';
import Tokens from 'csrf';
import type { Account } from '../accounts/account.ts';
import { normalizeEmail } from '../accounts/account.ts';
import { getAccountCredentialsByEmail, updatePasswordHash } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { PasswordHashingBusyError } from '../platform/crypto/argon2-queue.ts';
import { hashPassword, verifyDummyPassword, verifyPassword } from '../platform/crypto/passwords.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError } from '../platform/http/errors.ts';
import { getFactorState, methodsFor } from '../second-factor/factor-state.ts';
import { type EnrolmentDue, enrolmentDue } from '../second-factor/mfa-policy.ts';
import { createPendingSignIn } from '../second-factor/pending-sign-in.service.ts';
import type { SecondFactorMethod, SessionAuthMethod } from '../second-factor/second-factor.ts';
import { endSingleSignOnSession } from '../sso/sso-access.ts';
import { createDeviceToken } from './device-cookie.ts';
import { type Session, sessionExpiry, TOUCH_INTERVAL_MS } from './session.ts';
import {
  getSessionAndAccountByTokenHash,
  getSessionByTokenHash,
  insertSession,
  listActiveSessionsByAccount,
  revokeSessionById,
  touchSession,
} from './sessions.repository.ts';
import { guardPasswordGuess, signInThrottleFor } from './sign-in-attempt.ts';

const csrfTokens = new Tokens();

export type OpenedSession = {
  ok: true;
  account: Account;
  session: Session;
  token: string;
  deviceToken: string;
  /** Under MFA_REQUIRED, for an account without a factor: when it must have one (see mfa-policy.ts). */
  enrolment?: EnrolmentDue | null;
};

export type SignInResult =
  | OpenedSession
  | {
      ok: false;
      reason: 'mfa_required';
      account: Account;
      pendingToken: string;
      methods: SecondFactorMethod[];
      deviceToken: string;
    }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

function timeouts(deps: Deps) {
  return {
    idleMs: deps.config.sessionIdleMinutes * 60_000,
    absoluteMs: deps.config.sessionAbsoluteHours * 3_600_000,
  };
}

/** The cookies a sign-in reads: the session to replace and the device cookie (see device-cookie.ts). */
export type SignInCookies = { previousToken: string | null; deviceToken: string | null };

/**
 * Signs a customer in. Unknown email, missing password and wrong password do the same work
 * (a dummy argon2 verification) and give the same answer, so nothing tells which it was. The
 * guess is counted by the throttle before argon2 runs (see sign-in-attempt.ts).
 */
export async function signIn(
  deps: Deps,
  input: { email: string; password: string },
  meta: RequestMeta,
  cookies: SignInCookies,
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const emailKey = email.ok ? email.normalized : input.email.trim().toLowerCase();
  const throttle = signInThrottleFor(deps, 'customer', emailKey, meta.ip, cookies.deviceToken);
  const credentials = email.ok ? await getAccountCredentialsByEmail(deps.db, email.normalized) : null;
  const accountId = credentials?.account.id ?? null;

  const guess = await guardPasswordGuess(
    deps,
    throttle,
    () =>
      credentials?.passwordHash
        ? verifyPassword(credentials.passwordHash, input.password)
        : verifyDummyPassword(input.password).then(() => ({ valid: false, needsRehash: false })),
    (verdict) => credentials !== null && verdict.valid,
  );
  if (!guess.ok) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId,
        action: 'signin.throttled',
        ...meta,
      }),
    );
    return { ok: false, reason: 'throttled', retryAfterMs: guess.retryAfterMs };
  }
  const verdict = guess.result;
  if (!credentials || !verdict.valid) {
    await deps.db.transaction().execute((tx) =>
      recordAuditEvent(tx, deps.clock, {
        actor: { type: 'anonymous', id: null },
        accountId,
        action: 'signin.failed',
        ...meta,
        details: { reason: credentials ? 'wrong_password' : 'unknown_account' },
      }),
    );
    return { ok: false, reason: 'invalid_credentials' };
  }

  const account = credentials.account;
  // Hashed before any transaction: argon2 must not hold a database connection. A busy argon2 queue
  // only postpones the upgrade to the next sign-in: the password was right, the sign-in goes on.
  const upgradedHash = verdict.needsRehash
    ? await hashPassword(input.password).catch((error: unknown) => {
        if (error instanceof PasswordHashingBusyError) return null;
        throw error;
      })
    : null;
  const deviceToken = createDeviceToken(deps.masterKey, 'customer', emailKey, deps.clock.now());
  const methods = methodsFor(await getFactorState(deps.db, account.id));
  if (methods.length > 0) {
    // The password alone opens no session: a pending sign-in waits for the second factor.
    const pendingToken = await createPendingSignIn(deps, account.id, meta, upgradedHash);
    return { ok: false, reason: 'mfa_required', account, pendingToken, methods, deviceToken };
  }
  const opened = await openSession(deps, account, meta, cookies.previousToken, {
    authMethod: 'password',
    upgradedHash,
  });
  return { ...opened, deviceToken, enrolment: await enrolmentDue(deps, account.id) };
}

/**
 * Creates a session for an authenticated account, in one transaction with its audit event; the
 * session fixed before sign-in (`previousToken`) is revoked. Used after the password alone and
 * after the second factor (mfa-sign-in.service.ts).
 */
export async function openSession(
  deps: Deps,
  account: Account,
  meta: RequestMeta,
  previousToken: string | null,
  how: { authMethod: SessionAuthMethod; upgradedHash?: string | null },
): Promise<Omit<OpenedSession, 'deviceToken'>> {
  const now = deps.clock.now();
  const token = createRandomToken(32);
  const upgradedHash = how.upgradedHash ?? null;
  const session = await deps.db.transaction().execute(async (tx) => {
    if (upgradedHash) await updatePasswordHash(tx, account.id, upgradedHash, null);
    // A new session id at every sign-in: a session fixed by someone else before sign-in is dropped.
    if (previousToken) {
      const previous = await getSessionByTokenHash(tx, hashToken(previousToken));
      if (previous) await revokeSessionById(tx, previous.session.accountId, previous.session.id, now);
    }
    const created = await insertSession(tx, {
      id: randomUUID(),
      token_hash: hashToken(token),
      account_id: account.id,
      csrf_secret: csrfTokens.secretSync(),
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 512) ?? null,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + timeouts(deps).absoluteMs),
      revoked_at: null,
      auth_method: how.authMethod,
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'signin.succeeded',
      ...meta,
      details: { sessionId: created.id, rehashed: upgradedHash !== null, method: how.authMethod },
    });
    return created;
  });
  return { ok: true, account, session, token };
}

export type AuthenticatedSession = { account: Account; session: Session; csrfSecret: string };

/** The live session behind a cookie token, or null (unknown, revoked, idle or past its absolute limit). */
export async function authenticateSession(
  deps: Deps,
  token: string,
  meta: RequestMeta,
): Promise<AuthenticatedSession | null> {
  const found = await getSessionAndAccountByTokenHash(deps.db, hashToken(token));
  if (!found) return null;
  const now = deps.clock.now();
  if (sessionExpiry(found.session, now, timeouts(deps))) return null;
  const { account } = found;
  if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, found.session.id, now, {
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
  }
  return { account, session: found.session, csrfSecret: found.csrfSecret };
}

/** Ends the current session. */
export async function signOut(
  deps: Deps,
  auth: { accountId: string; sessionId: string; providerSessionId?: string },
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await revokeSessionById(tx, auth.accountId, auth.sessionId, deps.clock.now());
    // The single sign-on session of this browser ends too (see sso/sso-access.ts).
    await endSingleSignOnSession(tx, auth.accountId, auth.providerSessionId, deps.clock.now());
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: auth.accountId },
      accountId: auth.accountId,
      action: 'signout',
      ...meta,
      details: { sessionId: auth.sessionId },
    });
  });
}

/** The account's live sessions, most recently used first. */
export async function listSessions(deps: Deps, accountId: string): Promise<Session[]> {
  const now = deps.clock.now();
  return listActiveSessionsByAccount(
    deps.db,
    accountId,
    now,
    new Date(now.getTime() - timeouts(deps).idleMs),
  );
}

/** Revokes one of the customer's own sessions; NOT_FOUND for another account's or an ended one. */
export async function revokeSession(
  deps: Deps,
  accountId: string,
  sessionId: string,
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeSessionById(tx, accountId, sessionId, deps.clock.now());
    if (!revoked) throw new AppError('NOT_FOUND');
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: accountId },
      accountId,
      action: 'session.revoked',
      ...meta,
      details: { sessionId },
    });
  });
}
