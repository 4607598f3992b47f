import { accountDisplayName } from '../accounts/account.ts';
import { TicketServiceRow } from '../accounts/services.pages.tsx';
import { formatStaffDateTime } from '../staff/core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from '../staff/core/staff-layout.tsx';
import { CsrfField, ErrorSummary } from '../views/form.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import { staffStatusChoices } from './ticket.ts';
import { MessageBody } from './tickets-portal.pages.tsx';
import {
  channelLabel,
  SenderBadge,
  staffStatusLabel,
  staffTicketStatusLabel,
} from './tickets-staff.pages.tsx';
import type { StaffTicketDossier } from './tickets-staff.service.ts';

/** One ticket in the back office: who wrote, through which channel, verified or not; and support's actions. */

export const staffTicketNotices = [
  'replied',
  'status',
  'assigned',
  'access_sent',
  'factors_removed',
] as const;
export type StaffTicketNotice = (typeof staffTicketNotices)[number];

const problemWords = (problem: string) => `tickets.staff.problem.${problem}` as MessageKey;

export function StaffTicketPage({
  ctx,
  dossier,
  staffId,
  canRemoveFactors = false,
  done,
  problem,
}: {
  ctx: StaffPageContext;
  dossier: StaffTicketDossier;
  staffId: string;
  /** A supervisor, a verified sender, an account with a second factor: the removal is offered. */
  canRemoveFactors?: boolean;
  done?: StaffTicketNotice;
  problem?: string;
}) {
  const { t, locale } = ctx;
  const { ticket, messages, account, attachments, service, staffNames } = dossier;
  const base = `/staff/tickets/${encodeURIComponent(ticket.reference)}`;
  const problemText = problem ? t(problemWords(problem)) : null;
  return (
    <StaffLayout ctx={ctx} title={`${ticket.reference} — ${ticket.subject}`}>
      <section class="panel">
        <h1>
          {ticket.reference} — {ticket.subject}
        </h1>
        {done ? (
          <p class="alert alert--success" role="status">
            {t(`tickets.staff.done.${done}` as MessageKey)}
          </p>
        ) : null}
        {problemText ? (
          <ErrorSummary
            t={t}
            errors={[]}
            message={
              problemText === problemWords(problem ?? '') ? t('tickets.staff.problem.other') : problemText
            }
          />
        ) : null}
        {!ticket.actionable ? (
          <p class="alert alert--warning" role="note">
            <strong>{t('tickets.staff.notActionable')}</strong>
          </p>
        ) : null}
        <dl class="dl">
          <div class="dl-row">
            <dt>{t('tickets.staff.field.channel')}</dt>
            <dd>{t(channelLabel(ticket.channel))}</dd>
          </div>
          <div class="dl-row">
            <dt>{t('tickets.staff.field.sender')}</dt>
            <dd>
              {ticket.requesterEmail}{' '}
              <SenderBadge ctx={ctx} verified={ticket.senderVerified} code={ticket.verification} />
            </dd>
          </div>
          <div class="dl-row">
            <dt>{t('tickets.staff.field.status')}</dt>
            <dd>{t(staffTicketStatusLabel(ticket))}</dd>
          </div>
          <div class="dl-row">
            <dt>{t('tickets.staff.field.category')}</dt>
            <dd>
              {t(`support.category.${ticket.category}` as MessageKey)}
              {/* Recognized from the words of a ticket filed under another category. */}
              {ticket.sensitive && ticket.category !== 'sensitive' ? (
                <>
                  {' '}
                  <strong class="badge badge--sensitive">{t('tickets.staff.sensitive')}</strong>
                </>
              ) : null}
            </dd>
          </div>
          <TicketServiceRow ctx={ctx} service={service} />
          <div class="dl-row">
            <dt>{t('tickets.staff.field.account')}</dt>
            <dd>
              {account ? (
                <a href={`/staff/accounts/${account.id}`}>
                  {account.clientNumber} — {accountDisplayName(account) || account.email}
                </a>
              ) : (
                t('tickets.staff.noAccount')
              )}
            </dd>
          </div>
          <div class="dl-row">
            <dt>{t('tickets.staff.field.assigned')}</dt>
            <dd>
              {ticket.assignedStaffId
                ? (staffNames.get(ticket.assignedStaffId) ?? '—')
                : t('tickets.staff.unassigned')}
            </dd>
          </div>
        </dl>
      </section>
      <section class="panel" aria-labelledby="thread-title">
        <h2 id="thread-title">{t('tickets.staff.thread.title')}</h2>
        <ol class="thread">
          {messages.map((m) => {
            const files = attachments.filter((a) => a.messageId === m.id);
            const inbound = m.authorType === 'customer' || m.authorType === 'sender';
            return (
              <li key={m.id} class={`thread__message thread__message--${inbound ? 'own' : m.authorType}`}>
                <h3 class="thread__author">
                  {m.authorType === 'staff'
                    ? t('tickets.staff.thread.staff', { name: staffNames.get(m.authorStaffId ?? '') ?? '—' })
                    : m.authorType === 'system'
                      ? t('tickets.staff.thread.system')
                      : (m.fromAddress ?? ticket.requesterEmail)}
                  {' — '}
                  {formatStaffDateTime(locale, m.createdAt)} — {t(channelLabel(m.channel))}
                </h3>
                {inbound ? (
                  <p>
                    <SenderBadge
                      ctx={ctx}
                      verified={m.senderVerified ?? m.authorType === 'customer'}
                      code={m.verification ?? 'portal'}
                    />
                  </p>
                ) : null}
                <MessageBody body={m.body} />
                {files.length > 0 ? (
                  <ul class="thread__files">
                    {files.map((f) => (
                      <li key={f.id}>
                        <a
                          href={`/api/v1/staff/tickets/${encodeURIComponent(ticket.reference)}/attachments/${f.id}`}
                        >
                          {f.originalName ?? f.id}
                        </a>{' '}
                        ({f.mediaType}, {Math.ceil(f.size / 1024)} Ko)
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </section>
      <section class="panel" aria-labelledby="reply-title">
        <h2 id="reply-title">{t('tickets.staff.reply.title')}</h2>
        {ticket.status === 'closed' ? <p>{t('tickets.staff.reply.closed')}</p> : null}
        <form method="post" action={`${base}/reply`}>
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="field-body">{t('tickets.staff.reply.body')}</label>
            <p class="field__hint" id="field-body-hint">
              {t('tickets.staff.reply.hint', { email: ticket.requesterEmail })}
            </p>
            <textarea
              id="field-body"
              name="body"
              rows={8}
              maxLength={20000}
              required
              aria-describedby="field-body-hint"
            />
          </div>
          <button type="submit" class="button button--primary" disabled={ticket.status === 'closed'}>
            {t('tickets.staff.reply.submit')}
          </button>
        </form>
      </section>
      <section class="panel ticket-actions" aria-labelledby="actions-title">
        <h2 id="actions-title">{t('tickets.staff.actions.title')}</h2>
        <form method="post" action={`${base}/status`} class="inline-form">
          <CsrfField ctx={ctx} />
          <div class="field">
            <label for="field-status">{t('tickets.staff.field.status')}</label>
            <select id="field-status" name="status">
              {staffStatusChoices(ticket.status).map((s) => (
                <option key={s} value={s} selected={ticket.status === s}>
                  {t(staffStatusLabel(s))}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button">
            {t('tickets.staff.actions.setStatus')}
          </button>
        </form>
        {ticket.assignedStaffId !== staffId ? (
          <form method="post" action={`${base}/assign`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t('tickets.staff.actions.assignMe')}
            </button>
          </form>
        ) : null}
        {account && ticket.actionable ? (
          <form method="post" action={`${base}/send-access`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="field__hint">{t('tickets.staff.actions.sendAccessHint')}</p>
            <button type="submit" class="button">
              {t('tickets.staff.actions.sendAccess')}
            </button>
          </form>
        ) : null}
        {canRemoveFactors ? (
          <form method="post" action={`${base}/remove-factors`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="field__hint">{t('tickets.staff.actions.removeFactorsHint')}</p>
            <button type="submit" class="button button--danger">
              {t('tickets.staff.actions.removeFactors')}
            </button>
          </form>
        ) : null}
      </section>
    </StaffLayout>
  );
}
