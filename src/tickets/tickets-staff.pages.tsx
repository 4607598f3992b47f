import { StaffLayout, type StaffPageContext } from '../staff/core/staff-layout.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import { type Ticket, ticketChannels, ticketStatuses } from './ticket.ts';
import type { StaffQueueEntry, StaffQueueFilters } from './tickets-staff.service.ts';

/** The back office's ticket queue, with its GET filter form (works without JavaScript). */

export const staffStatusLabel = (s: Ticket['status']) => `tickets.staff.status.${s}` as MessageKey;

/** A ticket's status for staff, saying when the customer closed it themselves (« Clos par le client »). */
export const staffTicketStatusLabel = (ticket: Pick<Ticket, 'status' | 'closedBy'>): MessageKey =>
  ticket.status === 'closed' && ticket.closedBy === 'customer'
    ? 'tickets.staff.status.closedByCustomer'
    : staffStatusLabel(ticket.status);
export const channelLabel = (c: Ticket['channel']) => `tickets.staff.channel.${c}` as MessageKey;
/** Why a sender is (not) verified, in words; an unknown code is shown as is. */
export function verificationWords(t: StaffPageContext['t'], code: string): string {
  const key = `tickets.staff.verification.${code}` as MessageKey;
  const words = t(key);
  return words === key ? code : words;
}

/** The sender check as a badge: verified or not, and why. */
export function SenderBadge({
  ctx,
  verified,
  code,
}: {
  ctx: StaffPageContext;
  verified: boolean;
  code: string;
}) {
  const { t } = ctx;
  return (
    <span class={verified ? 'badge badge--verified' : 'badge badge--unverified'}>
      {verified ? t('tickets.staff.sender.verified') : t('tickets.staff.sender.unverified')}
      {' — '}
      {verificationWords(t, code)}
    </span>
  );
}

function age(t: StaffPageContext['t'], from: Date, now: Date): string {
  const hours = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 3_600_000));
  return hours < 24
    ? t('tickets.staff.queue.hours', { count: hours })
    : t('tickets.staff.queue.days', { count: Math.floor(hours / 24) });
}

export function StaffTicketQueuePage({
  ctx,
  entries,
  filters,
  now,
}: {
  ctx: StaffPageContext;
  entries: StaffQueueEntry[];
  filters: StaffQueueFilters;
  now: Date;
}) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('tickets.staff.queue.title')}>
      <section class="panel">
        <h1>{t('tickets.staff.queue.title')}</h1>
        <form
          method="get"
          action="/staff/tickets"
          class="search-form"
          aria-label={t('tickets.staff.queue.filters')}
        >
          <div class="field">
            <label for="field-status">{t('tickets.staff.field.status')}</label>
            <select id="field-status" name="status">
              <option value="" selected={!filters.status}>
                {t('tickets.staff.queue.openWork')}
              </option>
              {ticketStatuses.map((s) => (
                <option key={s} value={s} selected={filters.status === s}>
                  {t(staffStatusLabel(s))}
                </option>
              ))}
              <option value="all" selected={filters.status === 'all'}>
                {t('tickets.staff.queue.all')}
              </option>
            </select>
          </div>
          <div class="field">
            <label for="field-channel">{t('tickets.staff.field.channel')}</label>
            <select id="field-channel" name="channel">
              <option value="">{t('tickets.staff.queue.anyChannel')}</option>
              {ticketChannels.map((c) => (
                <option key={c} value={c} selected={filters.channel === c}>
                  {t(channelLabel(c))}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-assigned">{t('tickets.staff.field.assigned')}</label>
            <select id="field-assigned" name="assigned">
              <option value="">{t('tickets.staff.queue.anyone')}</option>
              <option value="me" selected={filters.assigned === 'me'}>
                {t('tickets.staff.queue.me')}
              </option>
            </select>
          </div>
          <button type="submit" class="button button--primary">
            {t('tickets.staff.queue.filter')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="queue-results">
        <h2 id="queue-results">{t('tickets.staff.queue.count', { count: entries.length })}</h2>
        {entries.length === 0 ? (
          <p>{t('tickets.staff.queue.empty')}</p>
        ) : (
          <table class="table table--compact ticket-queue">
            <thead>
              <tr>
                <th scope="col">{t('tickets.staff.field.reference')}</th>
                <th scope="col">{t('tickets.staff.field.subject')}</th>
                <th scope="col">{t('tickets.staff.field.requester')}</th>
                <th scope="col">{t('tickets.staff.field.channel')}</th>
                <th scope="col">{t('tickets.staff.field.sender')}</th>
                <th scope="col">{t('tickets.staff.field.status')}</th>
                <th scope="col">{t('tickets.staff.field.age')}</th>
                <th scope="col">{t('tickets.staff.field.assigned')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ ticket, clientNumber, assignedStaffName }) => (
                <tr key={ticket.id}>
                  <td>
                    <a href={`/staff/tickets/${encodeURIComponent(ticket.reference)}`}>{ticket.reference}</a>
                  </td>
                  <td>
                    {ticket.subject}{' '}
                    {ticket.sensitive ? (
                      <strong class="badge badge--sensitive">{t('tickets.staff.sensitive')}</strong>
                    ) : null}
                  </td>
                  <td>
                    {ticket.requesterEmail}
                    {clientNumber ? ` (${clientNumber})` : ''}
                  </td>
                  <td>
                    <span class="badge badge--channel">{t(channelLabel(ticket.channel))}</span>
                  </td>
                  <td>
                    <SenderBadge ctx={ctx} verified={ticket.senderVerified} code={ticket.verification} />
                  </td>
                  <td>{t(staffTicketStatusLabel(ticket))}</td>
                  <td>{age(t, ticket.createdAt, now)}</td>
                  <td>
                    {ticket.assignedStaffId ? (assignedStaffName ?? '—') : t('tickets.staff.unassigned')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </StaffLayout>
  );
}
