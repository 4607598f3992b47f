import type { RenderedEmail } from '../../platform/mail/email-template.ts';
import type { StaffRole } from '../core/staff.ts';
import { renderBilingualEmail } from './bilingual.ts';

/** What changed on a member's back-office access; each change is told to the member concerned. */
export type StaffAccountChange =
  | { kind: 'role_changed'; role: StaffRole }
  | { kind: 'disabled' }
  | { kind: 'enabled' }
  | { kind: 'sessions_revoked' }
  | { kind: 'password_changed' }
  | { kind: 'enrolled' };

const roleNames = {
  fr: { agent: 'agent', supervisor: 'superviseur', admin: 'administrateur' },
  en: { agent: 'agent', supervisor: 'supervisor', admin: 'administrator' },
} as const;

const words = {
  fr: {
    subject: 'Votre accès au back-office Sésame a changé',
    greeting: (name: string) => `Bonjour ${name},`,
    role_changed: (role: StaffRole) => `Votre rôle est désormais\u00a0: ${roleNames.fr[role]}.`,
    disabled: 'Votre accès a été désactivé\u00a0; vos sessions ouvertes ont été fermées.',
    enabled: 'Votre accès a été réactivé.',
    sessions_revoked: 'Vos sessions ouvertes ont été fermées\u00a0; reconnectez-vous pour continuer.',
    password_changed: 'Votre mot de passe a été changé\u00a0; vos autres sessions ont été fermées.',
    enrolled: 'Votre mot de passe et votre code TOTP sont enregistrés\u00a0; vous pouvez vous connecter.',
    notYou:
      'Si vous n’êtes pas à l’origine de ce changement et ne l’attendiez pas, prévenez votre administrateur.',
  },
  en: {
    subject: 'Your Sésame back-office access has changed',
    greeting: (name: string) => `Hello ${name},`,
    role_changed: (role: StaffRole) => `Your role is now: ${roleNames.en[role]}.`,
    disabled: 'Your access has been disabled; your open sessions have been ended.',
    enabled: 'Your access has been enabled again.',
    sessions_revoked: 'Your open sessions have been ended; sign in again to continue.',
    password_changed: 'Your password has been changed; your other sessions have been ended.',
    enrolled: 'Your password and TOTP code are set; you can sign in.',
    notYou: 'If you did not make or expect this change, tell your administrator.',
  },
};

export function renderStaffAccountNoticeEmail(name: string, change: StaffAccountChange): RenderedEmail {
  return renderBilingualEmail((locale) => {
    const w = words[locale];
    const line = change.kind === 'role_changed' ? w.role_changed(change.role) : w[change.kind];
    return { locale, subject: w.subject, greeting: w.greeting(name), blocks: [line, w.notYou] };
  });
}
