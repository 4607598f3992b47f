import { randomUUID } from 'node:crypto';
import { type Account, accountDisplayName, accountHolderName, normalizeEmail } from '../accounts/account.ts';
import {
  getAccountById,
  getAccountCredentialsByEmail,
  lockAccountById,
  updateAccount,
  updatePasswordHash,
} from '../accounts/accounts.repository.ts';
import { passwordChangedEmail } from '../accounts/emails/password-changed.email.ts';
import { assertPasswordPolicy } from '../accounts/password-change.service.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { hashPassword } from '../platform/crypto/passwords.ts';
import { open, seal } from '../platform/crypto/sealed-box.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { clearThrottle, consumeThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { type SingleUseTokenState, singleUseTokenState } from '../platform/tokens/single-use-token.ts';
import { revokeAccountAccess } from '../sessions/revoke-account-access.ts';
import { signInThrottleKeys } from '../sessions/sign-in-throttle.ts';
import { passwordResetEmail } from './emails/password-reset.email.ts';
import { forgotPasswordThrottleKeys } from './forgot-password-throttle.ts';
import {
  consumePasswordResetToken,
  countFailedPasswordResetRequest,
  dropFailedPasswordResetRequests,
  getPasswordResetTokenByHash,
  insertPasswordResetRequest,
  insertPasswordResetToken,
  invalidatePasswordResetTokensOfAccount,
  type PendingPasswordResetRequest,
  takeNextPasswordResetRequest,
} from './password-reset.repository.ts';
import {
  type PasswordResetToken,
  passwordResetLink,
  RESET_TOKEN_BYTES,
  resetTokenExpiry,
} from './password-reset.ts';

/**
 * Inside the caller's transaction: invalidates the account's pending reset links, stores a new
 * one and queues it to the email ON THE FICHE — never to an address someone typed. Used by the
 * forgot form, support's "send a reset link" and recovery. The caller records the audit event.
 */
export async function issuePasswordResetLink(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  account: Account,
  /** Set by a recovery completion: the email then says the account is given back (see the template). */
  options: { recovery?: { reference: string; factorsRemoved: boolean } } = {},
): Promise<{ superseded: number }> {
  const now = deps.clock.now();
  const superseded = await invalidatePasswordResetTokensOfAccount(tx, account.id, now);
  const token = createRandomToken(RESET_TOKEN_BYTES);
  await insertPasswordResetToken(tx, {
    id: randomUUID(),
    accountId: account.id,
    tokenHash: hashToken(token),
    createdAt: now,
    expiresAt: resetTokenExpiry(now, deps.config.resetTokenTtlMinutes),
  });
  const rendered = passwordResetEmail.render(
    {
      // After a recovery, the person who proved who they are, never a company's legal name.
      name: options.recovery ? accountHolderName(account) : accountDisplayName(account),
      link: passwordResetLink(deps.config.publicUrl, token),
      validMinutes: deps.config.resetTokenTtlMinutes,
      ...(options.recovery ? { recovery: options.recovery } : {}),
    },
    account.locale,
  );
  await enqueueEmail(tx, deps, {
    to: account.email,
    accountId: account.id,
    kind: 'password-reset',
    rendered,
  });
  return { superseded };
}

/**
 * "Mot de passe oublié": throttled by typed address and IP, then the typed address is recorded,
 * sealed, for the worker (`resolvePasswordResetRequests`) and the request returns. Nothing on this
 * path reads an account: a known and an unknown address run the same statements on the same rows,
 * so neither the answer nor its timing says which addresses have an account.
 */
export async function requestPasswordReset(
  deps: Deps,
  input: { email: string },
  meta: RequestMeta,
): Promise<void> {
  const email = normalizeEmail(input.email);
  const typed = email.ok ? email.normalized : input.email.normalize('NFKC').trim().toLowerCase();
  const keys = forgotPasswordThrottleKeys(typed, meta.ip);
  // Checked and counted in one locked step: parallel requests cannot all pass an empty counter.
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, keys);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);
  const id = randomUUID();
  await insertPasswordResetRequest(deps.db, {
    id,
    sealedEmail: seal(deps.masterKey, typed, id),
    ip: meta.ip,
    userAgent: meta.userAgent,
    requestedAt: deps.clock.now(),
  });
}

/** Rounds a request may fail (a database error, a bug) before the worker gives up on it. */
export const MAX_PASSWORD_RESET_REQUEST_ATTEMPTS = 5;

export type PasswordResetRequestsReport = {
  resolved: number;
  linksIssued: number;
  failed: number;
  dropped: number;
};

/**
 * The worker's half of "mot de passe oublié": each pending request, oldest first, in its own
 * transaction — the account with that address locked and re-read, so the link goes to the address
 * on the fiche now; its pending links superseded; a new one stored and queued to the fiche's address;
 * the event audited with the requester's IP and user agent. Any number of workers may run this at
 * once: a request is taken with SKIP LOCKED and deleted in the transaction that resolves it.
 */
export async function resolvePasswordResetRequests(
  deps: Pick<Deps, 'db' | 'config' | 'clock' | 'masterKey' | 'log'>,
  options: { limit?: number } = {},
): Promise<PasswordResetRequestsReport> {
  const limit = options.limit ?? 100;
  const report: PasswordResetRequestsReport = { resolved: 0, linksIssued: 0, failed: 0, dropped: 0 };
  const failedThisRound: string[] = [];
  while (report.resolved + report.failed < limit) {
    let takenId: string | null = null;
    try {
      const outcome = await deps.db.transaction().execute(async (tx) => {
        const request = await takeNextPasswordResetRequest(tx, {
          maxAttempts: MAX_PASSWORD_RESET_REQUEST_ATTEMPTS,
          skip: failedThisRound,
        });
        if (!request) return null;
        takenId = request.id;
        return { issued: await resolveOne(tx, deps, request) };
      });
      if (outcome === null) break;
      report.resolved += 1;
      if (outcome.issued) report.linksIssued += 1;
    } catch (error) {
      if (takenId === null) throw error; // the queue itself cannot be read: the round fails
      report.failed += 1;
      failedThisRound.push(takenId);
      deps.log.error({ err: error, requestId: takenId }, 'forgot-password request failed; will retry');
      await countFailedPasswordResetRequest(deps.db, takenId);
    }
  }
  report.dropped = await dropFailedPasswordResetRequests(deps.db, MAX_PASSWORD_RESET_REQUEST_ATTEMPTS);
  if (report.dropped) deps.log.error({ count: report.dropped }, 'forgot-password requests given up');
  return report;
}

async function resolveOne(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  request: PendingPasswordResetRequest,
): Promise<boolean> {
  const email = normalizeEmail(open(deps.masterKey, request.sealedEmail, request.id).toString('utf8'));
  const found = email.ok ? await getAccountCredentialsByEmail(tx, email.normalized) : null;
  // Locked, so two requests resolved at once cannot both leave a live link.
  const locked = found ? await lockAccountById(tx, found.account.id) : null;
  const account = locked && email.ok && locked.email.toLowerCase() === email.normalized ? locked : null;
  const { superseded } = account ? await issuePasswordResetLink(tx, deps, account) : { superseded: 0 };
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: 'anonymous', id: null },
    accountId: account?.id ?? null,
    action: 'password_reset.requested',
    ip: request.ip,
    userAgent: request.userAgent,
    details: { accountFound: account !== null, superseded },
  });
  return account !== null;
}

export type ResetTokenCheck =
  | { ok: true; account: Account; token: PasswordResetToken }
  | { ok: false; reason: 'unknown' | Exclude<SingleUseTokenState, 'awaiting_use'> };

/** Reads whether a reset link can still be used, changing nothing (for the page behind the link). */
export async function validatePasswordResetToken(deps: Deps, token: string): Promise<ResetTokenCheck> {
  const stored = await getPasswordResetTokenByHash(deps.db, hashToken(token));
  if (!stored) return { ok: false, reason: 'unknown' };
  const state = singleUseTokenState(stored, deps.clock.now());
  if (state !== 'awaiting_use') return { ok: false, reason: state };
  const account = await getAccountById(deps.db, stored.accountId);
  if (!account) return { ok: false, reason: 'unknown' };
  return { ok: true, account, token: stored };
}

/**
 * Sets a new password from a reset link (the form posted, never the link opened): the policy is
 * enforced, the link spent, every session of the account revoked and the customer told by email.
 * Unknown, used, superseded and expired links all give the same INVALID_TOKEN.
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; newPassword: string },
  meta: RequestMeta,
): Promise<void> {
  const check = await validatePasswordResetToken(deps, input.token);
  if (!check.ok) throw new AppError('INVALID_TOKEN');
  // The policy is checked before the link is spent: a refused password leaves it usable for a better one.
  assertPasswordPolicy(deps, check.account, input.newPassword, 'newPassword');
  // Hashed before the transaction: argon2 must not hold a database connection.
  const newHash = await hashPassword(input.newPassword);
  const account = await deps.db.transaction().execute(async (tx) => {
    const now = deps.clock.now();
    // Spent before anything changes: of two concurrent posts of one link, the loser stops here.
    const used = await consumePasswordResetToken(tx, hashToken(input.token), now);
    if (!used) throw new AppError('INVALID_TOKEN');
    const locked = await lockAccountById(tx, used.accountId);
    if (!locked) throw new AppError('INVALID_TOKEN');
    await updatePasswordHash(tx, locked.id, newHash, now);
    // The link reached the customer through the email on the fiche: that address works.
    await updateAccount(tx, locked.id, { email_verified_at: now });
    const revoked = await revokeAccountAccess(tx, locked.id, { now });
    await enqueueEmail(tx, deps, {
      to: locked.email,
      accountId: locked.id,
      kind: 'password-changed',
      rendered: passwordChangedEmail.render(
        { name: accountDisplayName(locked), publicUrl: deps.config.publicUrl },
        locked.locale,
      ),
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'anonymous', id: null },
      accountId: locked.id,
      action: 'password_reset.completed',
      ...meta,
      details: {
        sessionsRevoked: revoked.sessions,
        otherResetLinksInvalidated: revoked.resetLinks,
        emailChangesInvalidated: revoked.emailChanges,
        applicationsSignedOut: revoked.applicationsSignedOut,
      },
    });
    return locked;
  });
  // The owner has proved control of the mailbox: guesses made against the old password stop counting.
  const { accountKeys } = signInThrottleKeys('customer', account.email.toLowerCase(), meta.ip);
  await clearThrottle(deps.db, deps.clock, accountKeys);
}
