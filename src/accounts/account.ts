import { domainToASCII } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** The fiche: a customer account of one of three types, and the pure rules on its fields. */

export const accountTypes = ['individual', 'company', 'association'] as const;
export type AccountType = (typeof accountTypes)[number];

export type PostalAddress = {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
};

export type Account = {
  id: string;
  clientNumber: string;
  type: AccountType;
  email: string;
  emailVerifiedAt: Date | null;
  phone: string | null;
  phoneVerifiedAt: Date | null;
  address: PostalAddress;
  firstName: string | null;
  lastName: string | null;
  legalName: string | null;
  siren: string | null;
  associationName: string | null;
  rna: string | null;
  locale: 'fr' | 'en';
  hasPassword: boolean;
  passwordChangedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The name support and the customer see: the person, the company or the association. */
export function accountDisplayName(
  account: Pick<Account, 'type' | 'firstName' | 'lastName' | 'legalName' | 'associationName'>,
): string {
  if (account.type === 'company' && account.legalName) return account.legalName;
  if (account.type === 'association' && account.associationName) return account.associationName;
  return personName(account);
}

function personName(account: Pick<Account, 'firstName' | 'lastName'>): string {
  return [account.firstName, account.lastName].filter(Boolean).join(' ');
}

/** The person named on the fiche (the holder, a company's representative, an association's president). */
export function accountHolderName(
  account: Pick<Account, 'type' | 'firstName' | 'lastName' | 'legalName' | 'associationName'>,
): string {
  return personName(account) || accountDisplayName(account);
}

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Validates and normalizes an email address. The local part must be plain ASCII: a Cyrillic
 * "а" that looks like a Latin "a" would otherwise let two different addresses look the same to
 * support. Internationalized domains are kept in their ASCII (xn--) form for the same reason:
 * a look-alike domain then reads visibly different. Uniqueness is on the lower-cased form.
 */
export function normalizeEmail(
  input: string,
): { ok: true; email: string; normalized: string } | { ok: false } {
  const trimmed = input.normalize('NFKC').trim();
  if (trimmed.length > 254) return { ok: false };
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at !== trimmed.indexOf('@')) return { ok: false };
  const local = trimmed.slice(0, at);
  const domain = domainToASCII(trimmed.slice(at + 1).toLowerCase());
  if (local.length > 64 || !LOCAL_PART.test(local)) return { ok: false };
  const labels = domain.split('.');
  if (!domain || domain.length > 253 || labels.length < 2) return { ok: false };
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return { ok: false };
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels.at(-1) ?? '')) return { ok: false };
  const email = `${local}@${domain}`;
  return { ok: true, email, normalized: email.toLowerCase() };
}

/** Parses a phone number (French by default) into E.164, or null when it is not a valid number. */
export function normalizePhone(input: string, defaultCountry: 'FR' = 'FR'): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), defaultCountry);
  return parsed?.isValid() ? parsed.number : null;
}

/**
 * SIREN: 9 digits whose Luhn sum is a multiple of 10. Hand-written: it is five lines and the
 * La Poste exception (356000000, whose establishments do not follow Luhn) is a domain rule.
 */
export function isValidSiren(input: string): boolean {
  if (!/^\d{9}$/.test(input)) return false;
  if (input === '356000000') return true;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let digit = Number(input[8 - i]);
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** RNA (Répertoire national des associations): W followed by 9 digits. */
export function isValidRna(input: string): boolean {
  return /^W\d{9}$/.test(input);
}

/**
 * A stored E.164 number as people write it: French numbers in the national format
 * (`06 98 76 54 32`), others in the international one (`+44 20 7946 0958`).
 */
export function formatPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'FR' ? parsed.formatNational() : parsed.formatInternational();
}

/** French postal codes are 5 digits; elsewhere, 2 to 10 letters, digits, spaces or hyphens. */
export function isValidPostalCode(code: string, country: string | null): boolean {
  if (country === 'FR' || country === null) return /^\d{5}$/.test(code);
  return /^[A-Za-z0-9][A-Za-z0-9 -]{0,8}[A-Za-z0-9]$/.test(code);
}

export type ContactReminder = 'email_unverified' | 'email_stale' | 'phone_missing' | 'phone_stale';

/** Which contact details the fiche page should ask the customer to confirm. */
export function contactReminders(account: Account, now: Date, staleDays: number): ContactReminder[] {
  const staleBefore = now.getTime() - staleDays * 86_400_000;
  const reminders: ContactReminder[] = [];
  if (!account.emailVerifiedAt) reminders.push('email_unverified');
  else if (account.emailVerifiedAt.getTime() < staleBefore) reminders.push('email_stale');
  if (!account.phone) reminders.push('phone_missing');
  else if (!account.phoneVerifiedAt || account.phoneVerifiedAt.getTime() < staleBefore)
    reminders.push('phone_stale');
  return reminders;
}
