import { emailAddressInUseEmail } from '../../src/accounts/emails/email-address-in-use.email.ts';
import { emailChangeConfirmationEmail } from '../../src/accounts/emails/email-change-confirmation.email.ts';
import { emailChangedNoticeEmail } from '../../src/accounts/emails/email-changed-notice.email.ts';
import { passwordChangedEmail } from '../../src/accounts/emails/password-changed.email.ts';
import { passwordResetEmail } from '../../src/password-reset/emails/password-reset.email.ts';
import type { RenderedEmail } from '../../src/platform/mail/email-template.ts';
import { recoveryCaseOpenedEmail } from '../../src/recovery/claimant/emails/recovery-case-opened.email.ts';
import { recoveryCodeEmail } from '../../src/recovery/claimant/emails/recovery-code.email.ts';
import { recoverySubmittedEmail } from '../../src/recovery/claimant/emails/recovery-submitted.email.ts';
import { recoveryApprovedEmail } from '../../src/recovery/completion/emails/recovery-approved.email.ts';
import { recoveryCompletedNoticeEmail } from '../../src/recovery/completion/emails/recovery-completed-notice.email.ts';
import { recoveryObjectionNoticeEmail } from '../../src/recovery/completion/emails/recovery-objection-notice.email.ts';
import { recoveryObjectionReceivedEmail } from '../../src/recovery/completion/emails/recovery-objection-received.email.ts';
import { recoveryInfoRequestedEmail } from '../../src/recovery/review/emails/recovery-info-requested.email.ts';
import { recoveryRejectedEmail } from '../../src/recovery/review/emails/recovery-rejected.email.ts';
import { recoveryCodeUsedEmail } from '../../src/second-factor/emails/recovery-code-used.email.ts';
import { secondFactorChangedEmail } from '../../src/second-factor/emails/second-factor-changed.email.ts';
import { renderStaffAccountNoticeEmail } from '../../src/staff/emails/staff-account-notice.email.ts';
import { renderStaffEnrolmentEmail } from '../../src/staff/emails/staff-enrolment.email.ts';
import { ticketAcknowledgementEmail } from '../../src/tickets/emails/ticket-acknowledgement.email.ts';
import { ticketReplyEmail } from '../../src/tickets/emails/ticket-reply.email.ts';
import { sensitiveRequestRefusedEmail } from '../../src/tickets/inbound/emails/sensitive-request-refused.email.ts';
import type { Locale } from '../../src/views/i18n/index.ts';

const publicUrl = new URL('https://espace.hebergeur.example/');
// A real token-sized link: 43 base64url characters, as the application sends.
const link =
  'https://espace.hebergeur.example/password/reset?token=q8Zk3vR2mN7xW1pL5tY9bC4hF6jD0sA2eG8uK3oI5nM';
const name = 'Marie-Hélène de La Tour d’Auvergne';
const agentAnswer =
  'Bonjour Madame,\n\nVotre certificat SSL a été renouvelé ce matin\u00a0; le site répond de nouveau en HTTPS.\nSi le cadenas ne s’affiche pas, videz le cache de votre navigateur.\n\nBien cordialement,\nCamille — support technique';

/**
 * Every email the application sends, rendered with realistic data (long names, real links, an
 * agent's answer in several paragraphs), in one locale. Staff emails are bilingual whatever the locale.
 * `file` names the template's module: a test checks that every *.email.ts is listed here.
 */
export function emailSamples(locale: Locale): { file: string; email: RenderedEmail }[] {
  const effectiveAt = new Date('2026-12-21T09:30:00Z');
  return [
    { file: 'email-address-in-use.email.ts', email: emailAddressInUseEmail.render({ publicUrl }, locale) },
    {
      file: 'email-change-confirmation.email.ts',
      email: emailChangeConfirmationEmail.render({ name, link }, locale),
    },
    {
      file: 'email-changed-notice.email.ts',
      email: emailChangedNoticeEmail.render({ name, newEmailMasked: 'm***@exemple.fr', publicUrl }, locale),
    },
    { file: 'password-changed.email.ts', email: passwordChangedEmail.render({ name, publicUrl }, locale) },
    {
      file: 'password-reset.email.ts',
      email: passwordResetEmail.render({ name, link, validMinutes: 30 }, locale),
    },
    {
      file: 'password-reset.email.ts',
      email: passwordResetEmail.render(
        { name, link, validMinutes: 30, recovery: { reference: 'R-7K2M-9QXD', factorsRemoved: true } },
        locale,
      ),
    },
    {
      file: 'recovery-approved.email.ts',
      email: recoveryApprovedEmail.render({ reference: 'R-7K2M-9QXD', effectiveAt: null }, locale),
    },
    {
      file: 'recovery-case-opened.email.ts',
      email: recoveryCaseOpenedEmail.render({ reference: 'R-7K2M-9QXD', link }, locale),
    },
    {
      file: 'recovery-code.email.ts',
      email: recoveryCodeEmail.render({ code: '482913', reference: 'R-7K2M-9QXD', validMinutes: 15 }, locale),
    },
    {
      file: 'recovery-submitted.email.ts',
      email: recoverySubmittedEmail.render({ reference: 'R-7K2M-9QXD', complement: false }, locale),
    },
    {
      file: 'recovery-approved.email.ts',
      email: recoveryApprovedEmail.render({ reference: 'R-7K2M-9QXD', effectiveAt }, locale),
    },
    {
      file: 'recovery-completed-notice.email.ts',
      email: recoveryCompletedNoticeEmail.render(
        { name, newEmailMasked: 'm***@exemple.fr', factorsRemoved: true, publicUrl },
        locale,
      ),
    },
    {
      file: 'recovery-objection-notice.email.ts',
      email: recoveryObjectionNoticeEmail.render(
        { name, newEmailMasked: 'm***@exemple.fr', effectiveAt, objectionLink: link },
        locale,
      ),
    },
    {
      file: 'recovery-objection-received.email.ts',
      email: recoveryObjectionReceivedEmail.render({ reference: 'R-7K2M-9QXD' }, locale),
    },
    {
      file: 'recovery-info-requested.email.ts',
      email: recoveryInfoRequestedEmail.render(
        { name, reference: 'R-7K2M-9QXD', message: agentAnswer, expiryDays: 14, publicUrl },
        locale,
      ),
    },
    {
      file: 'recovery-rejected.email.ts',
      email: recoveryRejectedEmail.render(
        { name, reference: 'R-7K2M-9QXD', reason: agentAnswer, publicUrl },
        locale,
      ),
    },
    {
      file: 'recovery-code-used.email.ts',
      email: recoveryCodeUsedEmail.render({ name, remaining: 1, publicUrl }, locale),
    },
    {
      file: 'second-factor-changed.email.ts',
      email: secondFactorChangedEmail.render(
        {
          name,
          change: { kind: 'passkey_added', name: 'MacBook Pro de Marie-Hélène' },
          noneLeft: false,
          publicUrl,
        },
        locale,
      ),
    },
    {
      file: 'staff-account-notice.email.ts',
      email: renderStaffAccountNoticeEmail(name, { kind: 'role_changed', role: 'supervisor' }),
    },
    {
      file: 'staff-enrolment.email.ts',
      email: renderStaffEnrolmentEmail({ name, link, validHours: 72, reset: false }),
    },
    {
      file: 'ticket-acknowledgement.email.ts',
      email: ticketAcknowledgementEmail.render(
        {
          reference: 'T-4F7Q2Z-M9XD',
          subject: 'Le certificat SSL de boulangerie-marie-helene-de-la-tour-dauvergne.example a expiré',
          emailSubject: '[T-4F7Q2Z-M9XD] Le certificat SSL a expiré',
          threadUrl: 'https://espace.hebergeur.example/support/T-4F7Q2Z-M9XD',
          channel: 'email',
        },
        locale,
      ),
    },
    {
      file: 'ticket-reply.email.ts',
      email: ticketReplyEmail.render(
        { subject: 'Re: [T-4F7Q2Z] Certificat', reference: 'T-4F7Q2Z', body: agentAnswer, threadUrl: link },
        locale,
      ),
    },
    {
      file: 'sensitive-request-refused.email.ts',
      email: sensitiveRequestRefusedEmail.render(
        {
          reference: 'T-4F7Q2Z',
          supportUrl: 'https://espace.hebergeur.example/support',
          subject: 'Supprimer mon site',
        },
        locale,
      ),
    },
  ];
}
