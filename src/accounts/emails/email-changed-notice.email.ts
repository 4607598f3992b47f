import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * Sent to the OLD address once an email change is confirmed, so the owner can react if it was
 * not them. It shows the new address masked (see `maskEmail`) and carries no token.
 */

export type EmailChangedNoticeEmailData = {
  /** The display name on the fiche (may be empty). */
  name: string;
  /** The new address, masked: "j•••@example.fr". */
  newEmailMasked: string;
  /** PUBLIC_URL: links are built from it, never from a request's Host header. */
  publicUrl: URL;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    changed: (masked: string) => string;
    ifYou: string;
    ifNotYou: string;
    recovery: string;
  }
> = {
  fr: {
    subject: 'L’adresse e-mail de votre fiche client a changé',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    changed: (masked) =>
      `L’adresse e-mail de votre fiche client Sésame vient d’être remplacée par ${masked}. Ce message est envoyé à l’ancienne adresse pour vous prévenir\u00a0; les liens de réinitialisation envoyés ici ne fonctionnent plus.`,
    ifYou: 'Si c’est vous, vous n’avez rien à faire.',
    ifNotYou:
      'Si ce n’est pas vous, quelqu’un a peut-être pris le contrôle de votre compte. Cette adresse n’étant plus sur la fiche, demandez la récupération de votre compte\u00a0: le support vérifiera votre identité.',
    recovery: 'Récupérer mon compte',
  },
  en: {
    subject: 'The email address on your customer record has changed',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    changed: (masked) =>
      `The email address on your Sésame customer record has just been replaced with ${masked}. This message goes to the old address to let you know; reset links sent here no longer work.`,
    ifYou: 'If this was you, there is nothing to do.',
    ifNotYou:
      'If this was not you, someone may have taken over your account. As this address is no longer on the record, ask for your account to be recovered: support will check your identity.',
    recovery: 'Recover my account',
  },
};

export const emailChangedNoticeEmail: EmailTemplate<EmailChangedNoticeEmailData> = {
  name: 'email-changed-notice',
  render({ name, newEmailMasked, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        w.changed(newEmailMasked),
        w.ifYou,
        w.ifNotYou,
        { action: w.recovery, url: new URL('/recovery', publicUrl.origin).toString() },
      ],
    });
  },
};
