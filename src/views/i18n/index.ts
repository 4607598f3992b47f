import { accountsMessages } from '../../accounts/accounts.messages.ts';
import { emailChangeMessages } from '../../accounts/email-change.messages.ts';
import { passwordPolicyMessages } from '../../accounts/password-policy.messages.ts';
import { servicesMessages } from '../../accounts/services.messages.ts';
import { auditMessages } from '../../audit/audit.messages.ts';
import { passwordResetMessages } from '../../password-reset/password-reset.messages.ts';
import { devMailMessages } from '../../platform/mail/dev-mail.messages.ts';
import { documentChecksMessages } from '../../recovery/checks/document-checks.messages.ts';
import { recoveryClaimantMessages } from '../../recovery/claimant/claimant.messages.ts';
import { recoveryClaimantStatusMessages } from '../../recovery/claimant/claimant-status.messages.ts';
import { recoveryObjectionMessages } from '../../recovery/completion/objection.messages.ts';
import { documentsMessages } from '../../recovery/documents/documents.messages.ts';
import { recoveryStaffMessages } from '../../recovery/review/review.messages.ts';
import { passkeysMessages } from '../../second-factor/passkeys.messages.ts';
import { secondFactorMessages } from '../../second-factor/second-factor.messages.ts';
import { sessionsMessages } from '../../sessions/sessions.messages.ts';
import { oidcMessages } from '../../sso/oidc.messages.ts';
import { staffMessages } from '../../staff/staff.messages.ts';
import { staffAccountsMessages } from '../../staff/staff-accounts.messages.ts';
import { ticketsMessages } from '../../tickets/tickets.messages.ts';
import { ticketsStaffMessages } from '../../tickets/tickets-staff.messages.ts';
import { commonMessages } from './common.messages.ts';
import type { Locale } from './define-messages.ts';

export { type Locale, locales } from './define-messages.ts';

// Every domain's catalogue, merged. French is the reference language.
const fr = {
  ...commonMessages.fr,
  ...devMailMessages.fr,
  ...accountsMessages.fr,
  ...servicesMessages.fr,
  ...sessionsMessages.fr,
  ...secondFactorMessages.fr,
  ...passkeysMessages.fr,
  ...staffMessages.fr,
  ...staffAccountsMessages.fr,
  ...passwordPolicyMessages.fr,
  ...passwordResetMessages.fr,
  ...emailChangeMessages.fr,
  ...documentsMessages.fr,
  ...recoveryClaimantMessages.fr,
  ...recoveryClaimantStatusMessages.fr,
  ...recoveryStaffMessages.fr,
  ...recoveryObjectionMessages.fr,
  ...ticketsMessages.fr,
  ...ticketsStaffMessages.fr,
  ...auditMessages.fr,
  ...documentChecksMessages.fr,
  ...oidcMessages.fr,
};
const en: Record<keyof typeof fr, string> = {
  ...commonMessages.en,
  ...devMailMessages.en,
  ...accountsMessages.en,
  ...servicesMessages.en,
  ...sessionsMessages.en,
  ...secondFactorMessages.en,
  ...passkeysMessages.en,
  ...staffMessages.en,
  ...staffAccountsMessages.en,
  ...passwordPolicyMessages.en,
  ...passwordResetMessages.en,
  ...emailChangeMessages.en,
  ...documentsMessages.en,
  ...recoveryClaimantMessages.en,
  ...recoveryClaimantStatusMessages.en,
  ...recoveryStaffMessages.en,
  ...recoveryObjectionMessages.en,
  ...ticketsMessages.en,
  ...ticketsStaffMessages.en,
  ...auditMessages.en,
  ...documentChecksMessages.en,
  ...oidcMessages.en,
};

export type MessageKey = Extract<keyof typeof fr, string>;
export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en };

/**
 * Returns the translator for a locale: `t('login.title')`, with `{name}` placeholders filled from
 * params, and `{name|one|other}` choosing the word by the number's plural category in the locale
 * (French counts 0 and 1 as singular).
 * @example t('staff.accounts.results', { count: 1 }) // '1 compte trouvé' ('{count} {count|compte trouvé|comptes trouvés}')
 */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  const plurals = new Intl.PluralRules(locale);
  return (key, params) => {
    const text = catalogue[key] ?? fr[key] ?? key;
    if (!params) return text;
    return text
      .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (match: string, name: string, one: string, other: string) =>
        name in params ? (plurals.select(Number(params[name])) === 'one' ? one : other) : match,
      )
      .replace(/\{(\w+)\}/g, (match: string, name: string) =>
        name in params ? String(params[name]) : match,
      );
  };
}

/** Every message of a locale, for tests that check a rule over the whole catalogue. */
export function messageCatalogue(locale: Locale): Readonly<Record<MessageKey, string>> {
  return catalogues[locale];
}

export function isMessageKey(key: string): key is MessageKey {
  return key in fr;
}

/** Picks the locale: explicit choice (cookie), then Accept-Language, then French. */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | undefined): Locale {
  if (choice === 'fr' || choice === 'en') return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.find((a) => a.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fr';
}
