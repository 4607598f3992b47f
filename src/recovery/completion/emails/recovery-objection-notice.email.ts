import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';
import { formatRecoveryDateTime } from '../objection.ts';

/**
 * To the address on the fiche when a recovery case is approved, in the account's language: what
 * will change and when, and the link to object. The link carries a token, so the outbox keeps the
 * message sealed. The new address is masked: an old mailbox may have changed hands.
 */

export type RecoveryObjectionNoticeEmailData = {
  /** The display name on the fiche (may be empty). */
  name: string;
  /** The new address, masked: "j•••@e•••.net". */
  newEmailMasked: string;
  effectiveAt: Date;
  /** Built from PUBLIC_URL (see `recoveryObjectionLink`). */
  objectionLink: string;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    approved: (masked: string, date: string) => string;
    consequences: string;
    ifYou: string;
    ifNotYou: string;
    action: string;
  }
> = {
  fr: {
    subject: 'Récupération de votre compte Sésame\u00a0: changement d’adresse prévu',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    approved: (masked, date) =>
      `Une demande de récupération de votre compte client a été acceptée par notre support après vérification de pièces justificatives. Le ${date}, l’adresse e-mail de votre fiche sera remplacée par ${masked}.`,
    consequences:
      'À ce moment-là, votre mot de passe actuel cessera de fonctionner, toutes les sessions ouvertes seront fermées et un lien pour choisir un nouveau mot de passe sera envoyé à la nouvelle adresse.',
    ifYou: 'Si c’est vous qui avez fait cette demande, vous n’avez rien à faire.',
    ifNotYou:
      'Si ce n’est pas vous, opposez-vous avant cette date avec le bouton ci-dessous\u00a0: rien ne sera changé et le dossier retournera en examen auprès de notre support.',
    action: 'M’opposer à ce changement',
  },
  en: {
    subject: 'Recovery of your Sésame account: change of address scheduled',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    approved: (masked, date) =>
      `A request to recover your customer account has been approved by our support team after checking supporting documents. On ${date}, the email address on your record will be replaced with ${masked}.`,
    consequences:
      'At that moment your current password will stop working, every open session will be signed out and a link to choose a new password will be sent to the new address.',
    ifYou: 'If you made this request, there is nothing to do.',
    ifNotYou:
      'If this was not you, object before that date with the button below: nothing will change and the case will go back to our support team for review.',
    action: 'Object to this change',
  },
};

export const recoveryObjectionNoticeEmail: EmailTemplate<RecoveryObjectionNoticeEmailData> = {
  name: 'recovery-objection-notice',
  render({ name, newEmailMasked, effectiveAt, objectionLink }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        w.approved(newEmailMasked, formatRecoveryDateTime(locale, effectiveAt)),
        w.consequences,
        w.ifYou,
        w.ifNotYou,
        { action: w.action, url: objectionLink },
      ],
    });
  },
};
