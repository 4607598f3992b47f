import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * "A recovery code was used to sign in": sent to the fiche's address each time one is spent, so
 * that an owner whose codes were stolen with the password learns it at once. Carries no code.
 */
export type RecoveryCodeUsedEmailData = { name: string; remaining: number; publicUrl: URL };

const words: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    used: (remaining: number) => string;
    ifNotYou: string;
    manage: string;
  }
> = {
  fr: {
    subject: 'Un code de secours a servi à vous connecter',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    used: (n) =>
      `Un code de secours vient d’être utilisé pour vous connecter à votre espace client Sésame. Il vous en reste ${n}.`,
    ifNotYou:
      'Si ce n’est pas vous, quelqu’un connaît votre mot de passe et vos codes\u00a0: changez votre mot de passe, générez de nouveaux codes de secours et contactez notre support.',
    manage: 'Gérer la double authentification',
  },
  en: {
    subject: 'A recovery code was used to sign you in',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    used: (n) =>
      `A recovery code has just been used to sign in to your Sésame customer area. You have ${n} left.`,
    ifNotYou:
      'If this was not you, someone knows your password and your codes: change your password, generate new recovery codes and contact our support.',
    manage: 'Manage two-factor authentication',
  },
};

export const recoveryCodeUsedEmail: EmailTemplate<RecoveryCodeUsedEmailData> = {
  name: 'recovery-code-used',
  render({ name, remaining, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject,
      greeting: w.greeting(name),
      blocks: [
        w.used(remaining),
        w.ifNotYou,
        { action: w.manage, url: new URL('/account/security', publicUrl.origin).toString() },
      ],
    });
  },
};
