import { normalizeEmail } from '../../accounts/account.ts';
import { lockAccountById } from '../../accounts/accounts.repository.ts';
import { recordAuditEvent } from '../../audit/audit.service.ts';
import { forgotPasswordThrottleKeys } from '../../password-reset/forgot-password-throttle.ts';
import { issuePasswordResetLink } from '../../password-reset/password-reset.service.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { consumeThrottleAttempt } from '../../platform/throttle/throttle.service.ts';
import { foldForMatching } from '../sensitive-request.ts';

/**
 * "Mot de passe oublié" by email gets what the forgot-password form gives: at most a reset link to
 * the address ON THE FICHE, and nothing at all to an address that is on no fiche (no enumeration).
 * DMARC does not matter here: the link goes to the fiche's mailbox whoever wrote the From line.
 */

// Matched on folded text (lower case, no accents); both apostrophes, since mail clients vary.
const lostAccessPatterns: readonly RegExp[] = [
  /\bmot de passe (oublie|perdu)/,
  /\b(oublie|perdu) (mon|le) mot de passe\b/,
  /\b(reinitialiser|reinitialisation|changer|nouveau) (de |du )?(mon |le )?mot de passe\b/,
  /\bn['’]?arrive (plus|pas) a (me )?(re)?connecter\b/,
  /\bimpossible de (me )?(re)?connecter\b/,
  /\b(plus|pas) acces a (mon|l['’]) ?espace client\b/,
  /\breset (my |the )?password\b/,
  /\bforgot(ten)? (my |the )?password\b/,
  /\blost (my )?(access|password)\b/,
  /\bcan(not|['’]t| not) (log|sign) ?in\b/,
];

export function isLostAccessRequest(input: { subject: string; body: string }): boolean {
  const text = foldForMatching(`${input.subject}\n${input.body}`);
  return lostAccessPatterns.some((pattern) => pattern.test(text));
}

export type LostAccessOutcome = 'reset_link_sent' | 'not_on_fiche' | 'throttled';

/**
 * Counts the request against the forgot-password throttle (by the From address and the sending IP,
 * like the form), before the intake transaction: a flood of emails cannot flood a mailbox.
 */
export async function admitLostAccessRequest(
  deps: Pick<Deps, 'db' | 'clock'>,
  fromAddress: string,
  ip: string | null,
): Promise<boolean> {
  const typed = normalizeEmail(fromAddress);
  const keys = forgotPasswordThrottleKeys(typed.ok ? typed.normalized : fromAddress.toLowerCase(), ip);
  return (await consumeThrottleAttempt(deps.db, deps.clock, keys)).ok;
}

/** Inside the intake transaction: sends the reset link when the From address is a fiche's email, and audits. */
export async function handleLostAccessEmail(
  tx: Tx,
  deps: Pick<Deps, 'config' | 'clock' | 'masterKey'>,
  input: { reference: string; accountId: string | null; fromAddress: string; admitted: boolean },
): Promise<LostAccessOutcome> {
  let outcome: LostAccessOutcome = 'not_on_fiche';
  if (input.accountId && !input.admitted) outcome = 'throttled';
  else if (input.accountId) {
    // Locked and re-read: the link goes to the address on the fiche now, and only if it is still the sender's.
    const account = await lockAccountById(tx, input.accountId);
    const from = normalizeEmail(input.fromAddress);
    if (account && from.ok && account.email.toLowerCase() === from.normalized) {
      await issuePasswordResetLink(tx, deps, account);
      outcome = 'reset_link_sent';
    }
  }
  await recordAuditEvent(tx, deps.clock, {
    actor: { type: 'anonymous', id: null },
    accountId: input.accountId,
    action: 'ticket.lost_access_handled',
    ip: null,
    userAgent: null,
    details: { reference: input.reference, outcome },
  });
  return outcome;
}
