import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * "Your password was changed": sent to the email on the fiche after a change from the fiche or a
 * reset by link. It carries no token; its job is to let the owner react if it was not them.
 */

export type PasswordChangedEmailData = {
  /** The display name on the fiche (may be empty). */
  name: string;
  /** PUBLIC_URL: links are built from it, never from a request's Host header. */
  publicUrl: URL;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    changed: string;
    ifYou: string;
    ifNotYou: string;
    forgot: string;
    support: string;
    customerArea: string;
  }
> = {
  fr: {
    subject: 'Votre mot de passe a été modifié',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    changed:
      'Le mot de passe de votre espace client Sésame vient d’être modifié. Par sécurité, vos sessions ouvertes sur d’autres appareils ont été fermées.',
    ifYou: 'Si c’est vous, vous n’avez rien à faire.',
    ifNotYou:
      'Si ce n’est pas vous, quelqu’un connaît peut-être votre mot de passe\u00a0: choisissez-en un nouveau sans attendre avec « mot de passe oublié », qui vous enverra un lien à cette adresse.',
    forgot: 'Mot de passe oublié\u00a0: choisir un nouveau mot de passe',
    support:
      'Contactez ensuite notre support depuis votre espace client pour qu’il vérifie avec vous l’activité de votre compte.',
    customerArea: 'Votre espace client',
  },
  en: {
    subject: 'Your password was changed',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    changed:
      'The password of your Sésame customer area has just been changed. For your security, your sessions on other devices have been signed out.',
    ifYou: 'If this was you, there is nothing to do.',
    ifNotYou:
      'If this was not you, someone may know your password: choose a new one at once with “forgot password”, which will send a link to this address.',
    forgot: 'Forgot password: choose a new password',
    support:
      'Then contact our support from your customer area, so that they can check your account’s activity with you.',
    customerArea: 'Your customer area',
  },
};

export const passwordChangedEmail: EmailTemplate<PasswordChangedEmailData> = {
  name: 'password-changed',
  render({ name, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        w.changed,
        w.ifYou,
        w.ifNotYou,
        { action: w.forgot, url: new URL('/password/forgot', publicUrl.origin).toString() },
        w.support,
        { link: w.customerArea, url: new URL('/login', publicUrl.origin).toString() },
      ],
    });
  },
};
