import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';
import { formatRecoveryDateTime } from '../objection.ts';

/**
 * To the claimant (the new, verified address), in the case's language, when support approves the
 * case: when access will be given. It carries no token: the reset link comes in its own email at
 * completion, sent to the address then on the fiche.
 */

export type RecoveryApprovedEmailData = {
  reference: string;
  /** When the fiche takes the new address; null when it happens at once (no objection window). */
  effectiveAt: Date | null;
};

const words: Record<
  Locale,
  {
    subject: (reference: string) => string;
    greeting: string;
    approved: (reference: string) => string;
    later: (date: string) => string;
    now: string;
    resetLinkLater: string;
    resetLinkNow: string;
  }
> = {
  fr: {
    subject: (reference) => `Dossier de récupération ${reference}\u00a0: demande acceptée`,
    greeting: 'Bonjour,',
    approved: (reference) =>
      `Notre support a vérifié les pièces de votre dossier ${reference} et accepte votre demande de récupération de compte.`,
    later: (date) =>
      `Par sécurité, l’adresse actuellement enregistrée sur la fiche client est prévenue et peut s’y opposer jusqu’au ${date}. Passé ce délai sans opposition, votre nouvelle adresse remplacera l’ancienne sur la fiche.`,
    now: 'Votre nouvelle adresse remplace dès maintenant l’ancienne sur la fiche client.',
    resetLinkLater:
      'À cette date, vous recevrez à cette adresse un second e-mail contenant un lien pour choisir votre mot de passe. L’ancien mot de passe ne fonctionnera plus et toutes les sessions ouvertes seront fermées.',
    resetLinkNow:
      'Vous allez recevoir à cette adresse un second e-mail contenant un lien pour choisir votre mot de passe. L’ancien mot de passe ne fonctionne plus et toutes les sessions ouvertes ont été fermées.',
  },
  en: {
    subject: (reference) => `Recovery case ${reference}: request approved`,
    greeting: 'Hello,',
    approved: (reference) =>
      `Our support team has checked the documents of your case ${reference} and approves your request to recover the account.`,
    later: (date) =>
      `For security, the address currently on the customer record is notified and may object until ${date}. Once that time has passed without objection, your new address will replace the old one on the record.`,
    now: 'Your new address replaces the old one on the customer record as of now.',
    resetLinkLater:
      'On that date, you will receive at this address a second email with a link to choose your password. The old password will stop working and every open session will be signed out.',
    resetLinkNow:
      'You are about to receive at this address a second email with a link to choose your password. The old password no longer works and every open session has been signed out.',
  },
};

export const recoveryApprovedEmail: EmailTemplate<RecoveryApprovedEmailData> = {
  name: 'recovery-approved',
  render({ reference, effectiveAt }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: w.greeting,
      blocks: [
        w.approved(reference),
        ...(effectiveAt
          ? [w.later(formatRecoveryDateTime(locale, effectiveAt)), w.resetLinkLater]
          : [w.now, w.resetLinkNow]),
      ],
    });
  },
};
