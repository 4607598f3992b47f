import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * The 6-digit code that confirms the new address of a recovery case. Never a link: the code is
 * typed into the page the claimant already has open, so a forwarded or scanned email opens nothing.
 */

export type RecoveryCodeEmailData = { code: string; reference: string; validMinutes: number };

const words: Record<
  Locale,
  {
    subject: string;
    intro: (reference: string) => string;
    code: (code: string) => string;
    validity: (m: number) => string;
    notYou: string;
  }
> = {
  fr: {
    subject: 'Votre code de confirmation',
    intro: (reference) =>
      `Vous avez ouvert une demande de récupération de compte (dossier ${reference}) en indiquant cette adresse e-mail. Pour confirmer qu’elle est bien la vôtre, saisissez ce code sur la page de votre dossier\u00a0:`,
    code: (code) => code,
    validity: (minutes) =>
      `Ce code est valable ${minutes}\u00a0minutes. Après cinq essais erronés, il faut en demander un nouveau.`,
    notYou:
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message\u00a0: sans ce code, le dossier ne peut pas avancer. Notre équipe ne vous demandera jamais ce code.',
  },
  en: {
    subject: 'Your confirmation code',
    intro: (reference) =>
      `You opened an account recovery request (case ${reference}) giving this email address. To confirm it is yours, enter this code on your case page:`,
    code: (code) => code,
    validity: (minutes) =>
      `This code is valid for ${minutes} minutes. After five wrong attempts, you must ask for a new one.`,
    notYou:
      'If you did not make this request, ignore this message: without this code, the case cannot go any further. Our team will never ask you for this code.',
  },
};

export const recoveryCodeEmail: EmailTemplate<RecoveryCodeEmailData> = {
  name: 'recovery-code',
  render({ code, reference, validMinutes }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: locale === 'fr' ? 'Bonjour,' : 'Hello,',
      blocks: [w.intro(reference), w.code(code), w.validity(validMinutes), w.notYou],
    });
  },
};
