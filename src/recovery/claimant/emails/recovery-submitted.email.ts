import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/** Sent when the claimant sends the case (or the complements support asked for): what happens next. No link. */

export type RecoverySubmittedEmailData = { reference: string; complement: boolean };

const words: Record<
  Locale,
  {
    subject: (r: string) => string;
    received: (r: string, complement: boolean) => string;
    next: string;
    doubt: string;
  }
> = {
  fr: {
    subject: (reference) => `Dossier ${reference} bien reçu`,
    received: (reference, complement) =>
      complement
        ? `Nous avons bien reçu les compléments de votre dossier ${reference}. Il reprend sa place dans la file de notre équipe.`
        : `Nous avons bien reçu votre dossier ${reference}. Il va être examiné par un membre de notre équipe support.`,
    next: 'Nous vérifions chaque pièce et sa cohérence avec la fiche client. Si un élément manque ou n’est pas lisible, nous vous écrirons à cette adresse. Si la demande est acceptée, l’ancienne adresse du compte est prévenue, puis vous recevez ici un lien pour choisir un nouveau mot de passe.',
    doubt:
      'Au moindre doute sur les pièces, la demande est refusée\u00a0: c’est ce qui protège votre compte contre l’usurpation.',
  },
  en: {
    subject: (reference) => `Case ${reference} received`,
    received: (reference, complement) =>
      complement
        ? `We have received the additional documents for your case ${reference}. It is back in our team’s queue.`
        : `We have received your case ${reference}. A member of our support team will review it.`,
    next: 'We check each document and its consistency with the customer record. If something is missing or unreadable, we will write to you at this address. If the request is accepted, the account’s former address is notified, then you receive here a link to choose a new password.',
    doubt:
      'At the slightest doubt about the documents, the request is refused: this is what protects your account from impersonation.',
  },
};

export const recoverySubmittedEmail: EmailTemplate<RecoverySubmittedEmailData> = {
  name: 'recovery-submitted',
  render({ reference, complement }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: locale === 'fr' ? 'Bonjour,' : 'Hello,',
      blocks: [w.received(reference, complement), w.next, w.doubt],
    });
  },
};
