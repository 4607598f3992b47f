import { type AuditEvent, auditActions } from '../audit/audit.ts';
import type { FieldError } from '../platform/http/errors.ts';
import { ErrorSummary } from '../views/form.tsx';
import { formatStaffDateTime } from './core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';
import { auditActionLabel, auditActorLabel } from './staff-audit-labels.ts';

const actorTypes = ['customer', 'staff', 'system', 'anonymous', 'api'] as const;

function describeDetails(event: AuditEvent): string {
  return Object.entries(event.details)
    .map(([key, value]) => `${key}=${value === null ? '∅' : String(value)}`)
    .join(' ');
}

/** Audit events as a table; every value is text (Preact escapes it). */
export function AuditEventsTable({
  ctx,
  events,
  staffNames,
  showAccount,
}: {
  ctx: StaffPageContext;
  events: AuditEvent[];
  staffNames: Map<string, string>;
  showAccount: boolean;
}) {
  const { t, locale } = ctx;
  if (events.length === 0) return <p>{t('staff.audit.none')}</p>;
  return (
    <table class="table table--compact">
      <thead>
        <tr>
          <th scope="col">{t('staff.audit.when')}</th>
          <th scope="col">{t('staff.audit.what')}</th>
          <th scope="col">{t('staff.audit.who')}</th>
          {showAccount ? <th scope="col">{t('staff.audit.accountCol')}</th> : null}
          <th scope="col">{t('staff.audit.ip')}</th>
          <th scope="col">{t('staff.audit.details')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td>{formatStaffDateTime(locale, e.occurredAt)}</td>
            <td>{auditActionLabel(t, e.action)}</td>
            <td>{auditActorLabel(t, e, staffNames)}</td>
            {showAccount ? (
              <td>
                {e.accountId ? <a href={`/staff/accounts/${e.accountId}`}>{e.accountId.slice(0, 8)}</a> : '—'}
              </td>
            ) : null}
            <td>{e.ip ?? '—'}</td>
            <td class="details">{describeDetails(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TextFilter(props: { name: string; label: string; value: string; errors: FieldError[] }) {
  const invalid = props.errors.some((e) => e.field === props.name);
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for={`field-${props.name}`}>{props.label}</label>
      <input
        id={`field-${props.name}`}
        name={props.name}
        value={props.value}
        maxLength={100}
        aria-invalid={invalid ? 'true' : undefined}
      />
    </div>
  );
}

function SelectFilter(props: {
  name: string;
  label: string;
  value: string;
  options: readonly string[];
  any: string;
}) {
  return (
    <div class="field">
      <label for={`field-${props.name}`}>{props.label}</label>
      <select id={`field-${props.name}`} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option key={o} value={o} selected={o === props.value}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The audit view: filters (a GET form, so a filtered view is a link), one page of events, CSV export. */
export function AuditPage({
  ctx,
  values,
  errors,
  events,
  staffNames,
  nextQuery,
  exportQuery,
}: {
  ctx: StaffPageContext;
  values: Record<string, string>;
  errors: FieldError[];
  events: AuditEvent[];
  staffNames: Map<string, string>;
  nextQuery: string | null;
  exportQuery: string;
}) {
  const { t } = ctx;
  const v = (name: string) => values[name] ?? '';
  return (
    <StaffLayout ctx={ctx} title={t('staff.audit.title')}>
      <section class="panel">
        <h1>{t('staff.audit.title')}</h1>
        <ErrorSummary t={t} errors={errors} />
        <form method="get" action="/staff/audit" aria-label={t('staff.audit.filters')}>
          <div class="filters">
            <SelectFilter
              name="actorType"
              label={t('staff.audit.actorType')}
              value={v('actorType')}
              options={actorTypes}
              any={t('staff.audit.any')}
            />
            <TextFilter name="actor" label={t('staff.audit.actor')} value={v('actor')} errors={errors} />
            <TextFilter
              name="account"
              label={t('staff.audit.account')}
              value={v('account')}
              errors={errors}
            />
            <SelectFilter
              name="action"
              label={t('staff.audit.action')}
              value={v('action')}
              options={auditActions}
              any={t('staff.audit.any')}
            />
            <TextFilter name="from" label={t('staff.audit.from')} value={v('from')} errors={errors} />
            <TextFilter name="to" label={t('staff.audit.to')} value={v('to')} errors={errors} />
          </div>
          <div class="actions">
            <button type="submit" class="button button--primary">
              {t('staff.audit.apply')}
            </button>
            {ctx.staff?.can('audit.export') ? (
              <a class="button" href={`/staff/audit.csv${exportQuery}`} download>
                {t('staff.audit.export')}
              </a>
            ) : null}
          </div>
        </form>
      </section>
      <section class="panel">
        <AuditEventsTable ctx={ctx} events={events} staffNames={staffNames} showAccount={true} />
        <p class="actions">
          {values.before ? <a href={`/staff/audit${exportQuery}`}>{t('staff.audit.first')}</a> : null}
          {nextQuery ? <a href={`/staff/audit${nextQuery}`}>{t('staff.audit.next')}</a> : null}
        </p>
      </section>
    </StaffLayout>
  );
}
