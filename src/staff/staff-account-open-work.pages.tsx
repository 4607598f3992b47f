import type { RecoveryCase } from '../recovery/case.ts';
import type { Ticket } from '../tickets/ticket.ts';
import { formatStaffDateTime } from './core/staff-format.ts';
import type { StaffPageContext } from './core/staff-layout.tsx';

/** The account's recovery cases not finished: reference (link to the case), status in words, since when. */
export function OpenRecoveryCases({ ctx, cases }: { ctx: StaffPageContext; cases: RecoveryCase[] }) {
  const { t, locale } = ctx;
  return (
    <section class="panel" aria-labelledby="open-cases-title">
      <h2 id="open-cases-title">{t('staff.account.openCases')}</h2>
      {cases.length === 0 ? (
        <p>{t('staff.account.noOpenCases')}</p>
      ) : (
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('staff.account.caseReference')}</th>
              <th scope="col">{t('staff.account.caseStatus')}</th>
              <th scope="col">{t('staff.account.caseOpened')}</th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id} data-case-reference={c.reference}>
                <td data-label={t('staff.account.caseReference')}>
                  <a href={`/staff/recovery/${encodeURIComponent(c.reference)}`}>{c.reference}</a>
                </td>
                <td data-label={t('staff.account.caseStatus')}>{t(`recovery.staff.status.${c.status}`)}</td>
                <td data-label={t('staff.account.caseOpened')}>{formatStaffDateTime(locale, c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The account's tickets not closed: subject (link to the thread), status in words, last activity. */
export function OpenTickets({ ctx, tickets }: { ctx: StaffPageContext; tickets: Ticket[] }) {
  const { t, locale } = ctx;
  return (
    <section class="panel" aria-labelledby="open-tickets-title">
      <h2 id="open-tickets-title">{t('staff.account.openTickets')}</h2>
      {tickets.length === 0 ? (
        <p>{t('staff.account.noOpenTickets')}</p>
      ) : (
        <table class="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('staff.account.ticketSubject')}</th>
              <th scope="col">{t('staff.account.ticketStatus')}</th>
              <th scope="col">{t('staff.account.ticketLastActivity')}</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((ticket) => (
              <tr key={ticket.id} data-ticket-reference={ticket.reference}>
                <td data-label={t('staff.account.ticketSubject')}>
                  <a href={`/staff/tickets/${encodeURIComponent(ticket.reference)}`}>{ticket.subject}</a>{' '}
                  <span class="muted">({ticket.reference})</span>
                </td>
                <td data-label={t('staff.account.ticketStatus')}>
                  {t(`tickets.staff.status.${ticket.status}`)}
                </td>
                <td data-label={t('staff.account.ticketLastActivity')}>
                  {formatStaffDateTime(locale, ticket.lastMessageAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
