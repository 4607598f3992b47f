import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * Sent to the NEW address of an email change: its link proves the customer reads that mailbox.
 * It carries a token, so the outbox keeps it sealed until delivered.
 */

export type EmailChangeConfirmationEmailData = {
  /** The display name on the fiche (may be empty). */
  name: string;
  /** Built from PUBLIC_URL (see `emailChangeConfirmationLink`). */
  link: string;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    asked: string;
    action: string;
    until: string;
    notYou: string;
  }
> = {
  fr: {
    subject: 'Confirmez votre nouvelle adresse e-mail',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    asked:
      'Vous avez demandé que cette adresse devienne celle de votre fiche client Sésame. Confirmez-le en ouvrant ce lien dans les 24 heures, puis en cliquant sur le bouton de la page.',
    action: 'Confirmer cette adresse e-mail',
    until:
      'Tant que vous n’avez pas confirmé, votre fiche garde l’ancienne adresse. Ce lien ne sert qu’une fois.',
    notYou: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: rien ne sera changé.',
  },
  en: {
    subject: 'Confirm your new email address',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    asked:
      'You asked for this address to become the one on your Sésame customer record. Confirm it by opening this link within 24 hours, then clicking the button on the page.',
    action: 'Confirm this email address',
    until: 'Until you confirm, your record keeps the old address. This link works only once.',
    notYou: 'If you did not make this request, ignore this message: nothing will change.',
  },
};

export const emailChangeConfirmationEmail: EmailTemplate<EmailChangeConfirmationEmailData> = {
  name: 'email-change-confirmation',
  render({ name, link }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [w.asked, { action: w.action, url: link }, w.until, w.notYou],
    });
  },
};
