import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * Sent to the claimant's new (verified) address when support asks for more. It carries the
 * reviewer's message and the case reference but no token: the claimant follows the case with
 * the link of the « dossier ouvert » email or the browser that opened it.
 */

export type RecoveryInfoRequestedEmailData = {
  name: string;
  reference: string;
  /** The reviewer's words to the claimant, shown as written. */
  message: string;
  expiryDays: number;
  /** PUBLIC_URL: links are built from it, never from a request's Host header. */
  publicUrl: URL;
};

const words: Record<
  Locale,
  {
    subject: (reference: string) => string;
    greeting: (name: string) => string;
    asked: (reference: string) => string;
    message: string;
    how: (days: number) => string;
    action: string;
  }
> = {
  fr: {
    subject: (reference) =>
      `Dossier de récupération ${reference}\u00a0: des éléments complémentaires sont nécessaires`,
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    asked: (reference) =>
      `Notre équipe support a examiné votre dossier de récupération ${reference} et a besoin d’éléments complémentaires avant de pouvoir poursuivre.`,
    message: 'Message du support\u00a0:',
    how: (days) =>
      `Ajoutez les documents demandés depuis la page de suivi de votre dossier. Sans réponse de votre part sous ${days}\u00a0jours, le dossier sera clos et vous devrez en ouvrir un nouveau.`,
    action: 'Suivre mon dossier',
  },
  en: {
    subject: (reference) => `Recovery case ${reference}: more information is needed`,
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    asked: (reference) =>
      `Our support team has reviewed your recovery case ${reference} and needs more information before going further.`,
    message: 'Message from support:',
    how: (days) =>
      `Add the requested documents from your case's status page. Without an answer within ${days} days, the case will be closed and you will have to open a new one.`,
    action: 'Follow my case',
  },
};

export const recoveryInfoRequestedEmail: EmailTemplate<RecoveryInfoRequestedEmailData> = {
  name: 'recovery-info-requested',
  render({ name, reference, message, expiryDays, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: w.greeting(name),
      blocks: [
        w.asked(reference),
        w.message,
        { message },
        w.how(expiryDays),
        { action: w.action, url: new URL('/recovery', publicUrl.origin).toString() },
      ],
    });
  },
};
