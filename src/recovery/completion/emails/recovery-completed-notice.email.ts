import { renderEmailLayout } from '../../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../../platform/mail/email-template.ts';
import type { Locale } from '../../../views/i18n/index.ts';

/**
 * To the PREVIOUS address once a recovery completes, in the account's language: the email on the
 * fiche was changed by the recovery procedure. With no objection window it is the only notice.
 * The new address is masked; no token.
 */

export type RecoveryCompletedNoticeEmailData = {
  /** The display name on the fiche (may be empty). */
  name: string;
  /** The new address, masked: "j•••@e•••.net". */
  newEmailMasked: string;
  /** The second factor was removed (the documents proved identity): said in the email. */
  factorsRemoved?: boolean;
  /** PUBLIC_URL: links are built from it, never from a request's Host header. */
  publicUrl: URL;
};

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    changed: (masked: string) => string;
    consequences: string;
    factorsRemoved: string;
    ifNotYou: string;
    recovery: string;
  }
> = {
  fr: {
    subject: 'L’adresse e-mail de votre fiche client a été changée par la procédure de récupération',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    changed: (masked) =>
      `À l’issue d’une procédure de récupération de compte validée par notre support sur pièces justificatives, l’adresse e-mail de votre fiche client Sésame a été remplacée par ${masked}.`,
    consequences:
      'L’ancien mot de passe ne fonctionne plus, toutes les sessions ont été fermées et les liens envoyés à cette adresse sont désactivés.',
    factorsRemoved:
      'La double authentification (application et codes de secours) a également été retirée du compte.',
    ifNotYou:
      'Si vous n’êtes pas à l’origine de cette demande, engagez vous-même une récupération de compte\u00a0: notre support examinera votre situation.',
    recovery: 'Récupérer mon compte',
  },
  en: {
    subject: 'The email address on your customer record was changed by the recovery procedure',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    changed: (masked) =>
      `Following an account recovery procedure approved by our support team on supporting documents, the email address on your Sésame customer record has been replaced with ${masked}.`,
    consequences:
      'The old password no longer works, every session has been signed out and links sent to this address are disabled.',
    factorsRemoved: 'Two-factor authentication (app and recovery codes) was removed from the account too.',
    ifNotYou:
      'If you did not make this request, start an account recovery yourself: our support team will look into your situation.',
    recovery: 'Recover my account',
  },
};

export const recoveryCompletedNoticeEmail: EmailTemplate<RecoveryCompletedNoticeEmailData> = {
  name: 'recovery-completed-notice',
  render({ name, newEmailMasked, publicUrl, factorsRemoved }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        w.changed(newEmailMasked),
        w.consequences,
        ...(factorsRemoved ? [w.factorsRemoved] : []),
        w.ifNotYou,
        { link: w.recovery, url: new URL('/recovery', publicUrl.origin).toString() },
      ],
    });
  },
};
