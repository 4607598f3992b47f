import { updatePasswordHash } from '../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { createRandomToken, hashToken } from '../platform/crypto/tokens.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { insertPendingSignIn } from './second-factor.repository.ts';
import { PENDING_SIGN_IN_TTL_MS } from './second-factor.ts';

/**
 * After a right password on an account with a second factor: a pending sign-in, whose token goes
 * in a short-lived cookie. It is not a session — no page, no API answers to it but /auth/mfa.
 */
export async function createPendingSignIn(
  deps: Deps,
  accountId: string,
  meta: RequestMeta,
  upgradedHash: string | null,
): Promise<string> {
  const token = createRandomToken(32);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    // The password was right: its upgrade to argon2id need not wait for the second factor.
    if (upgradedHash) await updatePasswordHash(tx, accountId, upgradedHash, null);
    await insertPendingSignIn(tx, {
      accountId,
      tokenHash: hashToken(token),
      now,
      expiresAt: new Date(now.getTime() + PENDING_SIGN_IN_TTL_MS),
    });
    await recordAuditEvent(tx, deps.clock, {
      actor: { type: 'anonymous', id: null },
      accountId,
      action: 'signin.mfa_required',
      ...meta,
    });
  });
  return token;
}
