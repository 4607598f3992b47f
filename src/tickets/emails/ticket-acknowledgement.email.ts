import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * « Nous avons bien reçu votre demande »: sent when a ticket opens, only ever to the address on the
 * account's fiche. It never quotes the message, and it repeats the subject only when the sender was
 * verified (`subject` null otherwise): a forged email must not make us relay a stranger's words —
 * a phishing line, a link — to a customer under our name.
 */

export type TicketAcknowledgementEmailData = {
  reference: string;
  /** The ticket's subject as the customer wrote it; null when the sender was not verified. */
  subject: string | null;
  /** The email subject (`ticketEmailSubject` of the reference and the ticket's subject, or ours). */
  emailSubject: string;
  /** `/support/{reference}` on PUBLIC_URL. */
  threadUrl: string;
  channel: 'portal' | 'email';
};

const words: Record<
  Locale,
  {
    greeting: string;
    received: (reference: string) => string;
    about: (subject: string) => string;
    next: string;
    action: string;
    replyHint: string;
    notYou: string;
    footer: string;
  }
> = {
  fr: {
    greeting: 'Bonjour,',
    received: (reference) =>
      `Nous avons bien reçu votre demande\u00a0; elle est enregistrée sous la référence ${reference}.`,
    about: (subject) => `Objet\u00a0: ${subject}`,
    next: 'Un membre de l’équipe support vous répondra dès que possible, par e-mail et dans votre espace client.',
    action: 'Suivre la demande dans mon espace client',
    replyHint:
      'Pour compléter votre demande, répondez à ce message en gardant la référence entre crochets dans l’objet.',
    notYou:
      'Si vous n’avez écrit aucun message au support, dites-le-nous en répondant à cet e-mail\u00a0: aucune action ne sera faite sur une demande sensible sans vérification.',
    footer: 'Vous pouvez répondre à ce message\u00a0: votre réponse rejoint la demande.',
  },
  en: {
    greeting: 'Hello,',
    received: (reference) => `We have received your request; it is filed under reference ${reference}.`,
    about: (subject) => `Subject: ${subject}`,
    next: 'A member of the support team will answer as soon as possible, by email and in your customer area.',
    action: 'Follow the request in my customer area',
    replyHint:
      'To add to your request, reply to this message keeping the reference in brackets in the subject.',
    notYou:
      'If you did not write to support, tell us by replying to this email: nothing sensitive is ever done on a request without verification.',
    footer: 'You may reply to this message: your answer joins the request.',
  },
};

/** The subject of the acknowledgement when the ticket's own subject may not be repeated. */
export function acknowledgementSubject(reference: string, locale: Locale): string {
  return locale === 'fr' ? `[${reference}] Demande reçue` : `[${reference}] Request received`;
}

export const ticketAcknowledgementEmail: EmailTemplate<TicketAcknowledgementEmailData> = {
  name: 'ticket-acknowledgement',
  render({ reference, subject, emailSubject, threadUrl, channel }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: emailSubject,
      greeting: w.greeting,
      blocks: [
        w.received(reference),
        ...(subject ? [w.about(subject)] : []),
        w.next,
        { action: w.action, url: threadUrl },
        w.replyHint,
        // By email, the From line may have been forged with the customer's address.
        ...(channel === 'email' ? [w.notYou] : []),
      ],
      footerNote: w.footer,
    });
  },
};
