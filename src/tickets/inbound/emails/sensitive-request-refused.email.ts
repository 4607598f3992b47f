import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * The one answer to a sensitive request (deletion, termination, transfer, change of holder) from a
 * sender we could not verify. It explains how to make the request properly and says nothing else:
 * no reset link, no account data, not even whether the address is on a fiche — it may reach
 * whoever forged the From line, or the real holder of a forged address.
 */

export type SensitiveRequestRefusedEmailData = {
  reference: string;
  supportUrl: string;
  /** The ticket's email subject (`ticketEmailSubject`), so the answer threads with the request. */
  subject: string;
};

const words: Record<
  Locale,
  {
    greeting: string;
    received: (reference: string) => string;
    why: string;
    how: string;
    portal: string;
    fromFile: string;
    ignore: string;
  }
> = {
  fr: {
    greeting: 'Bonjour,',
    received: (reference) => `Nous avons bien reçu votre message, enregistré sous la référence ${reference}.`,
    why: 'Il contient une demande qui peut toucher un site ou un service (suppression, résiliation, transfert, changement de titulaire…). Pour protéger nos clients, nous ne traitons une telle demande que si nous sommes certains qu’elle vient du titulaire.',
    how: 'Pour qu’elle soit prise en compte, faites-la\u00a0:',
    portal: 'depuis votre espace client, rubrique Support (après connexion)\u00a0;',
    fromFile:
      'ou par e-mail depuis l’adresse enregistrée sur votre fiche client, envoyé par le service de messagerie habituel de ce domaine.',
    ignore:
      'Si vous n’êtes pas à l’origine de ce message, vous pouvez ignorer cet e-mail\u00a0: aucune action ne sera faite.',
  },
  en: {
    greeting: 'Hello,',
    received: (reference) => `We have received your message, filed under reference ${reference}.`,
    why: 'It contains a request that can affect a website or a service (deletion, termination, transfer, change of holder…). To protect our customers, we only act on such a request when we are certain it comes from the holder.',
    how: 'For it to be taken into account, please make it:',
    portal: 'from your customer area, Support section (once signed in);',
    fromFile:
      'or by email from the address recorded on your customer file, sent through that domain’s usual mail service.',
    ignore: 'If you did not send this message, you can ignore this email: nothing will be done.',
  },
};

export const sensitiveRequestRefusedEmail: EmailTemplate<SensitiveRequestRefusedEmailData> = {
  name: 'ticket-sensitive-request-refused',
  render({ reference, supportUrl, subject }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject,
      greeting: w.greeting,
      blocks: [
        w.received(reference),
        w.why,
        w.how,
        w.portal,
        { link: supportUrl, url: supportUrl },
        w.fromFile,
        w.ignore,
      ],
    });
  },
};
