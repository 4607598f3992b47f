import { formatStaffDateTime } from '../../staff/core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from '../../staff/core/staff-layout.tsx';
import type { MessageKey } from '../../views/i18n/index.ts';
import { type RecoveryStatus, recoveryStatuses } from '../case.ts';
import type { QueueEntry } from './queue.service.ts';

/** The back office's recovery queue, with its GET filter form (works without JavaScript). */

export const statusLabel = (status: RecoveryStatus) => `recovery.staff.status.${status}` as MessageKey;

export function RecoveryQueuePage({
  ctx,
  entries,
  status,
  olderThanDays,
}: {
  ctx: StaffPageContext;
  entries: QueueEntry[];
  status: RecoveryStatus | '';
  olderThanDays: number | undefined;
}) {
  const { t, locale } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('recovery.staff.queue.title')}>
      <section class="panel">
        <h1>{t('recovery.staff.queue.title')}</h1>
        <p>{t('recovery.staff.queue.intro')}</p>
        <form
          method="get"
          action="/staff/recovery"
          class="search-form"
          aria-label={t('recovery.staff.queue.filters')}
        >
          <div class="field">
            <label for="field-status">{t('recovery.staff.queue.status')}</label>
            <select id="field-status" name="status">
              <option value="" selected={status === ''}>
                {t('recovery.staff.queue.openCases')}
              </option>
              {recoveryStatuses.map((s) => (
                <option key={s} value={s} selected={status === s}>
                  {t(statusLabel(s))}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-olderThanDays">{t('recovery.staff.queue.olderThan')}</label>
            <p class="field__hint" id="field-olderThanDays-hint">
              {t('recovery.staff.queue.olderThanHint')}
            </p>
            <input
              id="field-olderThanDays"
              name="olderThanDays"
              type="number"
              min={0}
              max={3650}
              inputMode="numeric"
              value={olderThanDays === undefined ? '' : String(olderThanDays)}
              aria-describedby="field-olderThanDays-hint"
            />
          </div>
          <button type="submit" class="button button--primary">
            {t('recovery.staff.queue.filter')}
          </button>
        </form>
      </section>
      <section class="panel" aria-labelledby="queue-results">
        <h2 id="queue-results">{t('recovery.staff.queue.count', { count: entries.length })}</h2>
        {entries.length === 0 ? (
          <p>{t('recovery.staff.queue.empty')}</p>
        ) : (
          <table class="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('recovery.staff.case.reference')}</th>
                <th scope="col">{t('recovery.staff.case.type')}</th>
                <th scope="col">{t('recovery.staff.case.status')}</th>
                <th scope="col">{t('recovery.staff.case.claimant')}</th>
                <th scope="col">{t('recovery.staff.case.submittedAt')}</th>
                <th scope="col">{t('recovery.staff.queue.age')}</th>
                <th scope="col">{t('recovery.staff.case.assignedTo')}</th>
                <th scope="col">{t('recovery.staff.queue.flags')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map(({ recoveryCase: c, ageDays, assignedStaffName, openFlags }) => (
                <tr key={c.id}>
                  <td>
                    <a href={`/staff/recovery/${encodeURIComponent(c.reference)}`}>{c.reference}</a>
                  </td>
                  <td>{t(`account.type.${c.accountType}`)}</td>
                  <td>{t(statusLabel(c.status))}</td>
                  <td>
                    {c.claimant.firstName} {c.claimant.lastName}
                  </td>
                  <td>{c.submittedAt ? formatStaffDateTime(locale, c.submittedAt) : '—'}</td>
                  <td>{ageDays === null ? '—' : t('recovery.staff.queue.days', { count: ageDays })}</td>
                  <td>
                    {c.assignedStaffId ? (assignedStaffName ?? '—') : t('recovery.staff.case.unassigned')}
                  </td>
                  <td>
                    {openFlags > 0 ? (
                      <strong>{t('recovery.staff.queue.openFlags', { count: openFlags })}</strong>
                    ) : (
                      '—'
                    )}
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
