import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * The reset link, sent to the email on the fiche (forgot form, support, recovery). It carries a
 * token, so the outbox keeps it sealed until delivered. It does not say who asked: the customer,
 * support or the recovery process send the same message.
 */

export type PasswordResetEmailData = {
  /** After a recovery completion: the second factor was removed, and the email says so. */
  factorsRemoved?: boolean;
  /** The display name on the fiche (may be empty). */
  name: string;
  /** Built from PUBLIC_URL (see `passwordResetLink`). */
  link: string;
  validMinutes: number;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    asked: string;
    action: string;
    validity: (minutes: number) => string;
    notYou: string;
  }
> = {
  fr: {
    subject: 'Choisissez un nouveau mot de passe',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    asked:
      'Un lien pour choisir un nouveau mot de passe a été demandé pour votre espace client Sésame. Ouvrez-le pour saisir votre nouveau mot de passe.',
    action: 'Choisir un nouveau mot de passe',
    validity: (minutes) =>
      `Ce lien est valable ${minutes} minutes et ne sert qu’une fois ; seul le dernier lien demandé fonctionne. Une fois le mot de passe changé, toutes vos sessions seront déconnectées.`,
    notYou:
      'Si vous n’avez rien demandé, ignorez ce message : votre mot de passe reste inchangé et personne ne peut l’utiliser sans accès à cette boîte e-mail.',
  },
  en: {
    subject: 'Choose a new password',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    asked:
      'A link to choose a new password was requested for your Sésame customer area. Open it to enter your new password.',
    action: 'Choose a new password',
    validity: (minutes) =>
      `This link is valid for ${minutes} minutes and works only once; only the most recent link works. Once the password is changed, all your sessions will be signed out.`,
    notYou:
      'If you did not ask for anything, ignore this message: your password stays as it is, and no one can use this link without access to this mailbox.',
  },
};

const factorsRemovedWords: Record<Locale, string> = {
  fr: 'Votre identité ayant été vérifiée sur pièces, la double authentification (application et codes de secours) a été retirée de votre compte : réactivez-la après votre connexion.',
  en: 'As your identity was verified on documents, two-factor authentication (app and recovery codes) was removed from your account: turn it on again once signed in.',
};

export const passwordResetEmail: EmailTemplate<PasswordResetEmailData> = {
  name: 'password-reset',
  render({ name, link, validMinutes, factorsRemoved }, locale) {
    const w = words[locale];
    const removed = factorsRemoved ? [factorsRemovedWords[locale]] : [];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [w.asked, ...removed, { action: w.action, url: link }, w.validity(validMinutes), w.notYou],
    });
  },
};
