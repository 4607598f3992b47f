import { type EmailBlock, renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * The reset link, sent to the email on the fiche (forgot form, support, recovery). It carries a
 * token, so the outbox keeps it sealed until delivered. It does not say who asked: the customer,
 * support or the recovery process send the same message.
 */

export type PasswordResetEmailData = {
  /** The display name on the fiche (may be empty); after a recovery, the person who proved who they are. */
  name: string;
  /** Built from PUBLIC_URL (see `passwordResetLink`). */
  link: string;
  validMinutes: number;
  /**
   * Set when the link ends a recovery case: the email then says the account is given back, and
   * whether the second factor was removed, instead of « if you did not ask for anything ».
   */
  recovery?: { reference: string; factorsRemoved: boolean };
};

type Words = {
  subject: string;
  greeting: (name: string) => string;
  asked: string;
  action: string;
  validity: (minutes: number) => string;
  notYou: string;
};

const words: Record<Locale, Words> = {
  fr: {
    subject: 'Choisissez un nouveau mot de passe',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    asked:
      'Un lien pour choisir un nouveau mot de passe a été demandé pour votre espace client Sésame. Ouvrez-le pour saisir votre nouveau mot de passe.',
    action: 'Choisir un nouveau mot de passe',
    validity: (minutes) =>
      `Ce lien est valable ${minutes}\u00a0minutes et ne sert qu’une fois\u00a0; seul le dernier lien demandé fonctionne. Une fois le mot de passe changé, toutes vos sessions seront déconnectées.`,
    notYou:
      'Si vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe reste inchangé et personne ne peut l’utiliser sans accès à cette boîte e-mail.',
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

/** After a recovery: the claimant asked for exactly this, so nothing says « if you did not ask ». */
const recoveryWords: Record<
  Locale,
  {
    subject: string;
    given: (reference: string) => string;
    action: string;
    validity: (minutes: number) => string;
    factorsRemoved: string;
    notYou: string;
  }
> = {
  fr: {
    subject: 'Votre compte vous est rendu\u00a0: choisissez votre mot de passe',
    given: (reference) =>
      `Votre dossier de récupération ${reference} est terminé\u00a0: cette adresse est désormais celle de votre fiche client. Il vous reste à choisir votre mot de passe pour accéder à votre espace client Sésame.`,
    action: 'Choisir mon mot de passe',
    validity: (minutes) =>
      `Ce lien est valable ${minutes}\u00a0minutes et ne sert qu’une fois. S’il a expiré, demandez-en un nouveau depuis « Mot de passe oublié » avec cette adresse.`,
    factorsRemoved:
      'Votre identité ayant été vérifiée sur pièces, la double authentification (application et codes de secours) a été retirée de votre compte\u00a0: réactivez-la après votre connexion.',
    notYou:
      'Si vous n’êtes pas à l’origine de ce dossier, n’ouvrez pas ce lien et contactez immédiatement notre support.',
  },
  en: {
    subject: 'Your account is yours again: choose your password',
    given: (reference) =>
      `Your recovery case ${reference} is complete: this address is now the one on your customer record. All that is left is to choose your password to reach your Sésame customer area.`,
    action: 'Choose my password',
    validity: (minutes) =>
      `This link is valid for ${minutes} minutes and works only once. If it has expired, ask for a new one from « Forgot password » with this address.`,
    factorsRemoved:
      'As your identity was verified on documents, two-factor authentication (app and recovery codes) was removed from your account: turn it on again once signed in.',
    notYou: 'If you did not open this case, do not open the link and contact our support at once.',
  },
};

export const passwordResetEmail: EmailTemplate<PasswordResetEmailData> = {
  name: 'password-reset',
  render({ name, link, validMinutes, recovery }, locale) {
    const w = words[locale];
    const r = recoveryWords[locale];
    const blocks: EmailBlock[] = recovery
      ? [
          r.given(recovery.reference),
          ...(recovery.factorsRemoved ? [r.factorsRemoved] : []),
          { action: r.action, url: link },
          r.validity(validMinutes),
          r.notYou,
        ]
      : [w.asked, { action: w.action, url: link }, w.validity(validMinutes), w.notYou];
    return renderEmailLayout({
      locale,
      subject: recovery ? r.subject : w.subject,
      greeting: w.greeting(name),
      blocks,
    });
  },
};
