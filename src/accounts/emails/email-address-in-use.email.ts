import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * Sent to the NEW address of an email change when that address is already on another fiche,
 * instead of a confirmation link. Only whoever reads this mailbox learns that it has an account,
 * which they could learn anyway with "forgot password"; the requester learns nothing. It names
 * neither the requester nor the account, and carries no token.
 */

export type EmailAddressInUseEmailData = {
  /** PUBLIC_URL: links are built from it, never from a request's Host header. */
  publicUrl: URL;
};

const words: Record<
  Locale,
  { subject: string; greeting: string; asked: string; ifYou: string; forgot: string; notYou: string }
> = {
  fr: {
    subject: 'Cette adresse e-mail est déjà utilisée',
    greeting: 'Bonjour,',
    asked:
      'Quelqu’un a demandé, depuis un espace client Sésame, que cette adresse devienne celle de sa fiche client. Cette adresse est déjà celle d’une autre fiche\u00a0: elle ne peut pas servir deux fois, et rien n’a été changé.',
    ifYou:
      'Si c’est vous, connectez-vous simplement avec cette adresse. Si vous avez oublié le mot de passe qui va avec, choisissez-en un nouveau\u00a0:',
    forgot: 'Mot de passe oublié',
    notYou: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message.',
  },
  en: {
    subject: 'This email address is already in use',
    greeting: 'Hello,',
    asked:
      'Someone asked, from a Sésame customer area, for this address to become the one on their customer record. This address is already on another record: it cannot be used twice, and nothing was changed.',
    ifYou: 'If this was you, simply sign in with this address. If you forgot its password, choose a new one:',
    forgot: 'Forgot password',
    notYou: 'If you did not make this request, ignore this message.',
  },
};

export const emailAddressInUseEmail: EmailTemplate<EmailAddressInUseEmailData> = {
  name: 'email-change-address-in-use',
  render({ publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting,
      blocks: [
        w.asked,
        w.ifYou,
        { link: w.forgot, url: new URL('/password/forgot', publicUrl.origin).toString() },
        w.notYou,
      ],
    });
  },
};
