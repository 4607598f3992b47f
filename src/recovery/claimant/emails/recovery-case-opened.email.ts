import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * Sent once the new address is confirmed: the reference and the link to the case page. The link
 * carries the case token (the claimant's only credential), so the outbox keeps it sealed.
 */

export type RecoveryCaseOpenedEmailData = { reference: string; link: string };

const words: Record<
  Locale,
  {
    subject: (r: string) => string;
    confirmed: (r: string) => string;
    action: string;
    next: string;
    keep: string;
  }
> = {
  fr: {
    subject: (reference) => `Dossier de récupération ${reference}`,
    confirmed: (reference) =>
      `Votre adresse e-mail est confirmée. Votre dossier de récupération de compte porte la référence ${reference}.`,
    action: 'Suivre mon dossier',
    next: 'Depuis ce lien, vous pouvez déposer les justificatifs demandés, signer la déclaration sur l’honneur, envoyer le dossier puis suivre son avancement.',
    keep: 'Conservez ce message et ne transférez ce lien à personne\u00a0: il donne accès à votre dossier.',
  },
  en: {
    subject: (reference) => `Recovery case ${reference}`,
    confirmed: (reference) =>
      `Your email address is confirmed. Your account recovery case has the reference ${reference}.`,
    action: 'Follow my case',
    next: 'From this link, you can upload the documents we ask for, sign the sworn statement, send the case and then follow its progress.',
    keep: 'Keep this message and do not forward this link to anyone: it gives access to your case.',
  },
};

export const recoveryCaseOpenedEmail: EmailTemplate<RecoveryCaseOpenedEmailData> = {
  name: 'recovery-case-opened',
  render({ reference, link }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: locale === 'fr' ? 'Bonjour,' : 'Hello,',
      blocks: [w.confirmed(reference), { action: w.action, url: link }, w.next, w.keep],
    });
  },
};
