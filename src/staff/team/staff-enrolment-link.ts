import { randomUUID } from 'node:crypto';
import { seal } from '../../platform/crypto/sealed-box.ts';
import { createRandomToken, hashToken } from '../../platform/crypto/tokens.ts';
import { createTotpSecret } from '../../platform/crypto/totp.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { enqueueEmail } from '../../platform/mail/outbox.service.ts';
import type { StaffUser } from '../core/staff.ts';
import { renderStaffEnrolmentEmail } from '../emails/staff-enrolment.email.ts';
import { insertStaffEnrolmentToken, invalidateStaffEnrolmentTokensOf } from './staff-enrolment.repository.ts';

/** An enrolment link works for 24 hours, once. */
export const STAFF_ENROLMENT_TTL_HOURS = 24;
// 256 bits from the CSPRNG; only the SHA-256 is stored.
const ENROLMENT_TOKEN_BYTES = 32;

/** The pending TOTP secret is bound to its link's row: copied onto another row, it does not open. */
export const enrolmentSecretAad = (tokenId: string) => `staff_enrolment_tokens.sealed_totp_secret:${tokenId}`;

export function staffEnrolmentLink(publicUrl: URL, token: string): string {
  const url = new URL('/staff/enrol/open', publicUrl.origin);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Inside the caller's transaction: invalidates the member's pending links, stores a new one with a
 * fresh sealed TOTP secret, and queues it to the member's address. The caller records the audit event.
 */
export async function issueStaffEnrolmentLink(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  user: StaffUser,
  options: { reset: boolean },
): Promise<{ superseded: number }> {
  const now = deps.clock.now();
  const superseded = await invalidateStaffEnrolmentTokensOf(tx, user.id, now);
  const token = createRandomToken(ENROLMENT_TOKEN_BYTES);
  const id = randomUUID();
  await insertStaffEnrolmentToken(tx, {
    id,
    staffUserId: user.id,
    tokenHash: hashToken(token),
    sealedTotpSecret: seal(deps.masterKey, createTotpSecret(), enrolmentSecretAad(id)),
    createdAt: now,
    expiresAt: new Date(now.getTime() + STAFF_ENROLMENT_TTL_HOURS * 3_600_000),
  });
  await enqueueEmail(tx, deps, {
    to: user.email,
    accountId: null,
    kind: 'staff-enrolment',
    rendered: renderStaffEnrolmentEmail({
      name: user.name,
      link: staffEnrolmentLink(deps.config.publicUrl, token),
      validHours: STAFF_ENROLMENT_TTL_HOURS,
      reset: options.reset,
    }),
  });
  return { superseded };
}
