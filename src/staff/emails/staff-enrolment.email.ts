import type { RenderedEmail } from '../../platform/mail/email-template.ts';
import { renderBilingualEmail } from './bilingual.ts';

/**
 * The one-time enrolment link an admin sends: to a new member, or to one who forgot their password
 * (then using it replaces both the password and the TOTP). It carries a token: sealed in the outbox.
 */
export type StaffEnrolmentEmailData = { name: string; link: string; validHours: number; reset: boolean };

const words = {
  fr: {
    subject: 'Activez votre accès au back-office Sésame',
    greeting: (name: string) => `Bonjour ${name},`,
    created: 'Un administrateur vous a ouvert un accès au back-office Sésame.',
    reset:
      'Un administrateur vous a envoyé un nouveau lien d’activation\u00a0: en l’utilisant, vous choisirez un nouveau mot de passe et enregistrerez un nouveau code TOTP\u00a0; les anciens cesseront de fonctionner.',
    action: 'Choisir mon mot de passe et activer le TOTP',
    validity: (hours: number) =>
      `Ce lien est valable ${hours} heures et ne sert qu’une fois\u00a0; seul le dernier lien envoyé fonctionne.`,
    notYou: 'Si vous n’attendiez pas ce message, prévenez votre administrateur.',
  },
  en: {
    subject: 'Activate your Sésame back-office access',
    greeting: (name: string) => `Hello ${name},`,
    created: 'An administrator has given you access to the Sésame back office.',
    reset:
      'An administrator has sent you a new activation link: using it, you will choose a new password and enrol a new TOTP code; the old ones will stop working.',
    action: 'Choose my password and enable TOTP',
    validity: (hours: number) =>
      `This link is valid for ${hours} hours and works only once; only the most recent link works.`,
    notYou: 'If you did not expect this message, tell your administrator.',
  },
};

export function renderStaffEnrolmentEmail({
  name,
  link,
  validHours,
  reset,
}: StaffEnrolmentEmailData): RenderedEmail {
  return renderBilingualEmail((locale) => {
    const w = words[locale];
    return {
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        reset ? w.reset : w.created,
        { action: w.action, url: link },
        w.validity(validHours),
        w.notYou,
      ],
    };
  });
}
