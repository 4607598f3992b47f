import { verifyPassword } from '../platform/crypto/passwords.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { AppError, tooManyRequests } from '../platform/http/errors.ts';
import { guardPasswordGuess } from '../sessions/sign-in-attempt.ts';
import { signInThrottleKeys } from '../sessions/sign-in-throttle.ts';
import type { Account } from './account.ts';
import { getPasswordHashById } from './accounts.repository.ts';

/**
 * Checks a signed-in customer's current password (password change, email change) like sign-in
 * does: same throttle keys, the guess counted before argon2 runs. Throws 429, or 401 naming `field`.
 */
export async function assertCurrentPassword(
  deps: Deps,
  account: Account,
  password: string,
  meta: RequestMeta,
  field: string,
): Promise<void> {
  const throttle = signInThrottleKeys('customer', account.email.toLowerCase(), meta.ip);
  const guess = await guardPasswordGuess(
    deps,
    throttle,
    async () => {
      const hash = await getPasswordHashById(deps.db, account.id);
      return hash ? verifyPassword(hash, password) : { valid: false };
    },
    (verdict) => verdict.valid,
  );
  if (!guess.ok) throw tooManyRequests(guess.retryAfterMs / 1000);
  if (!guess.result.valid)
    throw new AppError('INVALID_CREDENTIALS', { errors: [{ field, code: 'wrong_password' }] });
}
