import { randomUUID } from 'node:crypto';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, tooManyRequests, validationError } from '../platform/http/errors.ts';
import { enqueueEmail } from '../platform/mail/outbox.service.ts';
import { consumeThrottleAttempt } from '../platform/throttle/throttle.service.ts';
import { singleUseTokenState } from '../platform/tokens/single-use-token.ts';
import { invalidateAccountLinks } from '../sessions/revoke-account-access.ts';
import { type Account, accountDisplayName, normalizeEmail } from './account.ts';
import { getAccountCredentialsByEmail, lockAccountById, updateAccount } from './accounts.repository.ts';
import { assertCurrentPassword } from './current-password.ts';
import {
  consumeEmailChangeRequest,
  getEmailChangeRequestByTokenHash,
  insertEmailChangeRequest,
  invalidateEmailChangeRequestsOfAccount,
  isUniqueViolation,
} from './email-change.repository.ts';
import {
  EMAIL_CHANGE_TOKEN_BYTES,
  type EmailChangeRequest,
  emailChangeConfirmationLink,
  emailChangeExpiry,
  maskEmail,
} from './email-change.ts';
import { emailChangeRequestThrottleKey } from './email-change-throttle.ts';
import { emailAddressInUseEmail } from './emails/email-address-in-use.email.ts';
import { emailChangeConfirmationEmail } from './emails/email-change-confirmation.email.ts';
import { emailChangedNoticeEmail } from './emails/email-changed-notice.email.ts';

/**
 * Asks to change the email on the fiche: the password is required, a confirmation link goes to
 * the NEW address, and the fiche is unchanged until it is used. Answers the same whether or not
 * the new address is already on another fiche (see the comment in the transaction).
 */
export async function requestEmailChange(
  deps: Deps,
  auth: { account: Account },
  input: { newEmail: string; password: string },
  meta: RequestMeta,
): Promise<void> {
  const newEmail = normalizeEmail(input.newEmail);
  if (!newEmail.ok) throw validationError([{ field: 'newEmail', code: 'invalid_email' }]);
  await assertCurrentPassword(deps, auth.account, input.password, meta, 'password');
  if (newEmail.normalized === auth.account.email.toLowerCase())
    throw validationError([{ field: 'newEmail', code: 'email_unchanged' }]);
  // Each request sends an email to an address the customer typed: capped so no one can mail-bomb it.
  const requestKey = emailChangeRequestThrottleKey(auth.account.id);
  const admitted = await consumeThrottleAttempt(deps.db, deps.clock, [requestKey]);
  if (!admitted.ok) throw tooManyRequests(admitted.retryAfterMs / 1000);

  await deps.db.transaction().execute(async (tx) => {
    const account = await lockAccountById(tx, auth.account.id);
    if (!account) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    const superseded = await invalidateEmailChangeRequestsOfAccount(tx, account.id, now);
    const holder = await getAccountCredentialsByEmail(tx, newEmail.normalized);
    // An address already on another fiche is not refused here: a 409 would tell the requester whose
    // address has an account. The answer is the same 202; the NEW address gets an email saying it is
    // already in use instead of a link, so only the owner of that mailbox learns it — which they could
    // learn anyway by asking for a password reset. The request row is stored in both cases (same work),
    // but its token is never sent, so it can never be confirmed.
    const inUse = holder !== null && holder.account.id !== account.id;
    const token = createRandomToken(EMAIL_CHANGE_TOKEN_BYTES);
    await insertEmailChangeRequest(tx, {
      id: randomUUID(),
      accountId: account.id,
      newEmail: newEmail.email,
      newEmailNormalized: newEmail.normalized,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt: emailChangeExpiry(now),
    });
    // In the holder's language: the mailbox is theirs.
    const rendered =
      holder && inUse
        ? emailAddressInUseEmail.render({ publicUrl: deps.config.publicUrl }, holder.account.locale)
        : emailChangeConfirmationEmail.render(
            {
              name: accountDisplayName(account),
              link: emailChangeConfirmationLink(deps.config.publicUrl, token),
            },
            account.locale,
          );
    await enqueueEmail(tx, deps, {
      // As stored on the other fiche when in use: only addresses we already hold are ever written to.
      to: holder && inUse ? holder.account.email : newEmail.email,
      accountId: account.id,
      kind: inUse ? 'email-change-address-in-use' : 'email-change-confirmation',
      rendered,
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'customer', id: account.id },
      accountId: account.id,
      action: 'email_change.requested',
      ...meta,
      details: { newEmail: newEmail.email, addressInUse: inUse, superseded },
    });
  });
}

export type EmailChangeCheck = { ok: true; request: EmailChangeRequest } | { ok: false };

/** Reads whether a confirmation link can still be used, changing nothing (for the page behind the link). */
export async function validateEmailChangeToken(deps: Deps, token: string): Promise<EmailChangeCheck> {
  const request = await getEmailChangeRequestByTokenHash(deps.db, hashToken(token));
  if (!request || singleUseTokenState(request, deps.clock.now()) !== 'awaiting_use') return { ok: false };
  return { ok: true, request };
}

/**
 * Confirms an email change from its link (the page's button posted, never the link opened): the
 * fiche takes the new, now verified, address; pending links die; the OLD address gets a notice.
 */
export async function confirmEmailChange(
  deps: Deps,
  input: { token: string },
  meta: RequestMeta,
): Promise<void> {
  try {
    await deps.db.transaction().execute(async (tx) => {
      const now = deps.clock.now();
      // Spent first: of two concurrent confirmations, the loser stops here.
      const request = await consumeEmailChangeRequest(tx, hashToken(input.token), now);
      if (!request) throw new AppError('INVALID_TOKEN');
      const account = await lockAccountById(tx, request.accountId);
      if (!account) throw new AppError('INVALID_TOKEN');
      const holder = await getAccountCredentialsByEmail(tx, request.newEmailNormalized);
      // Taken by another fiche since the request: refused, and the rollback leaves nothing half-done.
      if (holder && holder.account.id !== account.id) throw new AppError('INVALID_TOKEN');
      await updateAccount(tx, account.id, {
        email: request.newEmail,
        email_normalized: request.newEmailNormalized,
        email_verified_at: now,
        updated_at: now,
      });
      // A reset link sent to the old address must not outlive the address; nor another pending change.
      await invalidateAccountLinks(tx, account.id, now);
      await enqueueEmail(tx, deps, {
        to: account.email,
        accountId: account.id,
        kind: 'email-changed-notice',
        rendered: emailChangedNoticeEmail.render(
          {
            name: accountDisplayName(account),
            newEmailMasked: maskEmail(request.newEmail),
            publicUrl: deps.config.publicUrl,
          },
          account.locale,
        ),
      });
      await recordAuditEvent(tx, deps.clock, {
        actor: { type: 'customer', id: account.id },
        accountId: account.id,
        action: 'email_change.confirmed',
        ...meta,
        details: { previousEmail: account.email, newEmail: request.newEmail },
      });
    });
  } catch (error) {
    // Two fiches confirming the same address at the same instant: the unique index decides.
    if (isUniqueViolation(error)) throw new AppError('INVALID_TOKEN');
    throw error;
  }
}
