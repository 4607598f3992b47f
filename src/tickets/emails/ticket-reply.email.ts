import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * Support's answer on a ticket, emailed to the requester. The subject carries the reference (set
 * by the caller with `ticketEmailSubject`) so that an answer threads back even without
 * In-Reply-To. Portal customers also get a link to the thread; an email requester only replies.
 */

export type TicketReplyEmailData = {
  subject: string;
  reference: string;
  /** The staff member's answer, as written. */
  body: string;
  /** `/support/{reference}` on PUBLIC_URL for tickets of an account, else null. */
  threadUrl: string | null;
};

const words: Record<
  Locale,
  { intro: (ref: string) => string; action: string; replyHint: string; footer: string }
> = {
  fr: {
    intro: (ref) => `Le support vous répond au sujet de votre demande ${ref}\u00a0:`,
    action: 'Voir la demande dans mon espace client',
    replyHint:
      'Répondez à ce message pour compléter votre demande, en gardant la référence entre crochets dans l’objet.',
    footer: 'Vous pouvez répondre à ce message\u00a0: votre réponse rejoint la demande.',
  },
  en: {
    intro: (ref) => `Support has answered your request ${ref}:`,
    action: 'See the request in my customer area',
    replyHint:
      'Reply to this message to add to your request, keeping the reference in brackets in the subject.',
    footer: 'You may reply to this message: your answer joins the request.',
  },
};

export const ticketReplyEmail: EmailTemplate<TicketReplyEmailData> = {
  name: 'ticket-reply',
  render({ subject, reference, body, threadUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject,
      // No « Bonjour, » of ours: the agent's answer opens with their own greeting.
      blocks: [
        w.intro(reference),
        { message: body },
        ...(threadUrl ? [{ action: w.action, url: threadUrl }] : []),
        w.replyHint,
      ],
      footerNote: w.footer,
    });
  },
};
