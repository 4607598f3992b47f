import { authenticate, type DNSResolver } from 'mailauth';
import { normalizeEmail } from '../../accounts/account.ts';
import { getAccountCredentialsByEmail } from '../../accounts/accounts.repository.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import type { SenderVerification } from '../ticket.ts';
import type { InboundEmail } from './inbound-email.ts';

/**
 * Is the sender the holder of a fiche? Only when the single From address is the email on a fiche
 * AND DMARC passes for its domain: anyone can write any From line, DMARC is what ties it to the
 * domain's mail servers. DMARC is read from the Authentication-Results header of our own MTA when
 * INBOUND_AUTHSERV_ID names it (any other such header may be forged), else checked here by mailauth.
 */

export type SenderCheck = {
  verified: boolean;
  verification: SenderVerification;
  /** The fiche whose email is the From address (verified or not), or null. */
  accountId: string | null;
};

export type SmtpEnvelope = {
  mailFrom?: string | null;
  remoteAddress?: string | null;
  helo?: string | null;
  /**
   * False when the message did not come through the MTA named by INBOUND_AUTHSERV_ID (an SMTP
   * client outside INBOUND_SMTP_ALLOWED_CLIENTS): its Authentication-Results headers with our
   * authserv-id were written by the sender, so they are stripped and DMARC is checked here instead.
   * Unset (the MTA's pipe, `sesame mail ingest`) means it did.
   */
  viaTrustedMta?: boolean;
};

export async function verifySender(
  deps: Pick<Deps, 'db' | 'config'>,
  email: Pick<InboundEmail, 'fromAddresses' | 'headerLines'>,
  raw: Buffer,
  options: { resolver?: DNSResolver; envelope?: SmtpEnvelope } = {},
): Promise<SenderCheck> {
  const from = email.fromAddresses.length === 1 ? normalizeEmail(email.fromAddresses[0] ?? '') : null;
  if (!from?.ok) return { verified: false, verification: 'no_fiche', accountId: null };
  const accountId = await findFicheByEmail(deps.db, from.normalized);
  if (!accountId) return { verified: false, verification: 'no_fiche', accountId: null };
  const domain = from.normalized.slice(from.normalized.lastIndexOf('@') + 1);
  const authservId = deps.config.inboundAuthservId;
  const verification =
    authservId && options.envelope?.viaTrustedMta !== false
      ? dmarcFromTrustedHeader(email.headerLines, authservId, domain)
      : await dmarcByMailauth(deps, authservId ? withoutResultsOf(raw, authservId) : raw, options);
  return { verified: verification === 'dmarc_pass', verification, accountId };
}

async function findFicheByEmail(db: DbOrTx, normalized: string): Promise<string | null> {
  const found = await getAccountCredentialsByEmail(db, normalized);
  return found?.account.id ?? null;
}

/**
 * The DMARC result from the topmost Authentication-Results header whose authserv-id is the trusted
 * MTA's (RFC 8601 §5: it adds its header on top and strips look-alikes; those below came with the message).
 */
export function dmarcFromTrustedHeader(
  headerLines: readonly { key: string; line: string }[],
  authservId: string,
  fromDomain: string,
): SenderVerification {
  const trusted = headerLines
    .filter((header) => header.key.toLowerCase() === 'authentication-results')
    .map((header) => withoutComments(header.line.slice(header.line.indexOf(':') + 1)))
    .find((value) => value.split(';')[0]?.trim().split(/\s+/)[0]?.toLowerCase() === authservId.toLowerCase());
  if (trusted === undefined) return 'no_trusted_results';
  for (const resinfo of trusted.split(';').slice(1)) {
    const method = /^\s*dmarc\s*=\s*([a-z]+)/i.exec(resinfo);
    if (!method?.[1]) continue;
    const headerFrom = /\bheader\.from\s*=\s*"?([^\s";]+)/i.exec(resinfo)?.[1]?.toLowerCase();
    // A result about another domain says nothing about this From address.
    if (headerFrom !== fromDomain) continue;
    return fromDmarcResult(method[1].toLowerCase());
  }
  return 'dmarc_none';
}

/**
 * The raw message without the Authentication-Results header fields that name `authservId`
 * (RFC 8601 §5: a border MTA removes such look-alikes; a message that bypassed ours gets it here).
 * Header fields are the lines before the first empty line, continuation lines folded in.
 */
export function withoutResultsOf(raw: Buffer, authservId: string): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  if (end < 0) return raw;
  const fields = text.slice(0, end).split(/\r?\n(?![ \t])/);
  const kept = fields.filter((field) => {
    const match = /^authentication-results\s*:\s*([^;\s]+)/i.exec(field);
    return !match || match[1]?.toLowerCase() !== authservId.toLowerCase();
  });
  return Buffer.from(`${kept.join('\r\n')}${text.slice(end)}`, 'latin1');
}

function withoutComments(value: string): string {
  // Comments (RFC 5322 CFWS) may hold anything, including "dmarc=pass": drop them, nested ones too.
  let previous: string;
  let current = value.replace(/\r?\n[ \t]+/g, ' ');
  do {
    previous = current;
    current = current.replace(/\([^()]*\)/g, ' ');
  } while (current !== previous);
  return current;
}

async function dmarcByMailauth(
  deps: Pick<Deps, 'config'>,
  raw: Buffer,
  options: { resolver?: DNSResolver; envelope?: SmtpEnvelope },
): Promise<SenderVerification> {
  try {
    const result = await authenticate(raw, {
      ...(options.resolver ? { resolver: options.resolver } : {}),
      ...(options.envelope?.remoteAddress ? { ip: options.envelope.remoteAddress } : {}),
      ...(options.envelope?.helo ? { helo: options.envelope.helo } : {}),
      ...(options.envelope?.mailFrom ? { sender: options.envelope.mailFrom } : {}),
      mta: deps.config.publicUrl.hostname,
      disableArc: true,
      disableBimi: true,
    });
    return result.dmarc ? fromDmarcResult(result.dmarc.status.result) : 'dmarc_none';
  } catch {
    // DNS or parsing trouble is never a pass.
    return 'dmarc_temperror';
  }
}

function fromDmarcResult(result: string): SenderVerification {
  if (result === 'pass') return 'dmarc_pass';
  if (result === 'none') return 'dmarc_none';
  if (result === 'temperror' || result === 'temperr') return 'dmarc_temperror';
  // fail, permerror (a broken record) and anything unknown: not a pass.
  return 'dmarc_fail';
}
