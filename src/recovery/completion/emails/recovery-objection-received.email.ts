import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * To the claimant, in the case's language, when the address on file objected: the case goes back
 * to review. It says who objected no more precisely than "the address on file".
 */

export type RecoveryObjectionReceivedEmailData = { reference: string };

const words: Record<
  Locale,
  { subject: (reference: string) => string; greeting: string; objected: string; next: string }
> = {
  fr: {
    subject: (reference) => `Dossier de récupération ${reference}\u00a0: retour en examen`,
    greeting: 'Bonjour,',
    objected:
      'Une opposition a été formulée depuis l’adresse e-mail enregistrée sur la fiche client. Le changement d’adresse prévu n’aura donc pas lieu pour le moment.',
    next: 'Votre dossier retourne en examen auprès de notre support, qui pourra vous demander des pièces complémentaires. Vous serez prévenu par e-mail de la suite.',
  },
  en: {
    subject: (reference) => `Recovery case ${reference}: back under review`,
    greeting: 'Hello,',
    objected:
      'An objection was made from the email address on the customer record. The scheduled change of address will therefore not take place for now.',
    next: 'Your case goes back to our support team for review; they may ask you for further documents. You will be told by email what happens next.',
  },
};

export const recoveryObjectionReceivedEmail: EmailTemplate<RecoveryObjectionReceivedEmailData> = {
  name: 'recovery-objection-received',
  render({ reference }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: w.greeting,
      blocks: [w.objected, w.next],
    });
  },
};
