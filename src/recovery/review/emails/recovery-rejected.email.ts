import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * Sent to the claimant's new address when support rejects the case, with the reason. No token,
 * no detail of the fiche: the reason is written by the reviewer for the claimant.
 */

export type RecoveryRejectedEmailData = {
  name: string;
  reference: string;
  reason: string;
  publicUrl: URL;
};

const words: Record<
  Locale,
  {
    subject: (reference: string) => string;
    greeting: (name: string) => string;
    rejected: (reference: string) => string;
    reason: string;
    next: string;
    action: string;
  }
> = {
  fr: {
    subject: (reference) => `Dossier de récupération ${reference}\u00a0: demande refusée`,
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    rejected: (reference) =>
      `Après examen, notre équipe support n’a pas pu donner suite à votre dossier de récupération ${reference}. Nous refusons toute demande qui laisse le moindre doute\u00a0: c’est ce qui protège votre compte contre une usurpation.`,
    reason: 'Motif\u00a0:',
    next: 'Si vous pensez pouvoir lever ce doute, vous pouvez ouvrir un nouveau dossier avec des documents complets et lisibles. Vos documents seront supprimés à l’issue de la durée de conservation.',
    action: 'Ouvrir un nouveau dossier',
  },
  en: {
    subject: (reference) => `Recovery case ${reference}: request refused`,
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    rejected: (reference) =>
      'After review, our support team could not accept your recovery case ' +
      `${reference}. We refuse any request that leaves the slightest doubt: that is what protects your account from impersonation.`,
    reason: 'Reason:',
    next: 'If you think you can remove this doubt, you may open a new case with complete, legible documents. Your documents will be deleted at the end of the retention period.',
    action: 'Open a new case',
  },
};

export const recoveryRejectedEmail: EmailTemplate<RecoveryRejectedEmailData> = {
  name: 'recovery-rejected',
  render({ name, reference, reason, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(reference),
      greeting: w.greeting(name),
      blocks: [
        w.rejected(reference),
        w.reason,
        { message: reason },
        w.next,
        { action: w.action, url: new URL('/recovery', publicUrl.origin).toString() },
      ],
    });
  },
};
