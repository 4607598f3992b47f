import { renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { EmailTemplate } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * "Your second factor changed": sent to the fiche's address whenever an authenticator app or a
 * passkey is added or removed (by the customer, or by a supervisor after proof of identity), so an
 * owner learns at once when someone with their password touches their protection. Carries no secret.
 */
export type SecondFactorChange =
  | { kind: 'totp_added' }
  | { kind: 'totp_removed' }
  | { kind: 'passkey_added'; name: string }
  | { kind: 'passkey_removed'; name: string }
  | { kind: 'removed_by_support' };

export type SecondFactorChangedEmailData = {
  name: string;
  change: SecondFactorChange;
  /** True when no factor is left: the account is back to the password alone. */
  noneLeft: boolean;
  publicUrl: URL;
};

type Words = {
  subject: (change: SecondFactorChange) => string;
  greeting: (name: string) => string;
  what: (change: SecondFactorChange) => string;
  noneLeft: string;
  ifNotYou: string;
  manage: string;
};

const words: Record<Locale, Words> = {
  fr: {
    subject: (c) =>
      c.kind === 'totp_added' || c.kind === 'passkey_added'
        ? 'Double authentification\u00a0: un facteur a été ajouté'
        : 'Double authentification\u00a0: un facteur a été retiré',
    greeting: (name) => (name ? `Bonjour ${name},` : 'Bonjour,'),
    what: (c) => {
      switch (c.kind) {
        case 'totp_added':
          return 'Une application d’authentification a été ajoutée à votre espace client Sésame.';
        case 'totp_removed':
          return 'L’application d’authentification de votre espace client Sésame a été retirée.';
        case 'passkey_added':
          return `Une clé d’accès (« ${c.name} ») a été ajoutée à votre espace client Sésame.`;
        case 'passkey_removed':
          return `La clé d’accès « ${c.name} » a été retirée de votre espace client Sésame.`;
        case 'removed_by_support':
          return 'À votre demande, et après vérification de votre identité, notre support a retiré tous les facteurs de double authentification de votre espace client Sésame.';
      }
    },
    noneLeft:
      'Votre compte n’est plus protégé que par son mot de passe. Nous vous conseillons de réactiver la double authentification.',
    ifNotYou:
      'Si vous n’êtes pas à l’origine de ce changement, changez votre mot de passe et contactez notre support sans attendre.',
    manage: 'Gérer la double authentification',
  },
  en: {
    subject: (c) =>
      c.kind === 'totp_added' || c.kind === 'passkey_added'
        ? 'Two-factor authentication: a factor was added'
        : 'Two-factor authentication: a factor was removed',
    greeting: (name) => (name ? `Hello ${name},` : 'Hello,'),
    what: (c) => {
      switch (c.kind) {
        case 'totp_added':
          return 'An authenticator app was added to your Sésame customer area.';
        case 'totp_removed':
          return 'The authenticator app of your Sésame customer area was removed.';
        case 'passkey_added':
          return `A passkey (“${c.name}”) was added to your Sésame customer area.`;
        case 'passkey_removed':
          return `The passkey “${c.name}” was removed from your Sésame customer area.`;
        case 'removed_by_support':
          return 'At your request, and after checking your identity, our support removed every two-factor authentication factor from your Sésame customer area.';
      }
    },
    noneLeft:
      'Your account is now protected by its password alone. We advise you to turn two-factor authentication on again.',
    ifNotYou: 'If you did not make this change, change your password and contact our support at once.',
    manage: 'Manage two-factor authentication',
  },
};

export const secondFactorChangedEmail: EmailTemplate<SecondFactorChangedEmailData> = {
  name: 'second-factor-changed',
  render({ name, change, noneLeft, publicUrl }, locale) {
    const w = words[locale];
    return renderEmailLayout({
      locale,
      subject: w.subject(change),
      greeting: w.greeting(name),
      blocks: [
        w.what(change),
        ...(noneLeft ? [w.noneLeft] : []),
        w.ifNotYou,
        { action: w.manage, url: new URL('/account/security', publicUrl.origin).toString() },
      ],
    });
  },
};
