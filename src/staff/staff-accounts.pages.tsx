import { type Account, accountDisplayName, formatPhoneForDisplay } from '../accounts/account.ts';
import { formatPostalAddress } from '../accounts/countries.ts';
import type { AccountService } from '../accounts/service.ts';
import type { AuditEvent } from '../audit/audit.ts';
import type { Session } from '../sessions/session.ts';
import { CsrfField } from '../views/form.tsx';
import { formatStaffDateTime } from './core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';
import { OpenRecoveryCases, OpenTickets } from './staff-account-open-work.pages.tsx';
import type { AccountDossier } from './staff-accounts.service.ts';
import { AuditEventsTable } from './staff-audit.pages.tsx';

/** The search form and its results. */
export function AccountSearchPage({
  ctx,
  query,
  accounts,
}: {
  ctx: StaffPageContext;
  query: string;
  accounts: Account[];
}) {
  const { t } = ctx;
  const searched = query.trim().length >= 2;
  return (
    <StaffLayout ctx={ctx} title={t('staff.accounts.title')}>
      <section class="panel">
        <h1>{t('staff.accounts.title')}</h1>
        <form
          method="get"
          action="/staff/accounts"
          class="search-form"
          aria-label={t('staff.accounts.query')}
        >
          <div class="field">
            <label for="field-q">{t('staff.accounts.query')}</label>
            <p class="field__hint" id="field-q-hint">
              {t('staff.accounts.queryHint')}
            </p>
            <input
              id="field-q"
              name="q"
              type="search"
              value={query}
              maxLength={200}
              aria-describedby="field-q-hint"
            />
          </div>
          <button type="submit" class="button button--primary">
            {t('staff.accounts.submit')}
          </button>
        </form>
      </section>
      {searched ? (
        <section class="panel" aria-labelledby="results-title">
          <h2 id="results-title">{t('staff.accounts.results', { count: accounts.length })}</h2>
          {accounts.length === 0 ? (
            <p>{t('staff.accounts.none', { query })}</p>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('staff.accounts.clientNumber')}</th>
                  <th scope="col">{t('staff.accounts.name')}</th>
                  <th scope="col">{t('staff.accounts.email')}</th>
                  <th scope="col">{t('staff.accounts.type')}</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <a href={`/staff/accounts/${a.id}`}>{a.clientNumber}</a>
                    </td>
                    <td>{accountDisplayName(a) || '—'}</td>
                    <td>{a.email}</td>
                    <td>{t(`account.type.${a.type}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </StaffLayout>
  );
}

function Row({ label, value, ctx }: { label: string; value: string | null; ctx: StaffPageContext }) {
  return (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>{value ?? <span class="muted">{ctx.t('account.notProvided')}</span>}</dd>
    </div>
  );
}

function Fiche({ ctx, account }: { ctx: StaffPageContext; account: Account }) {
  const { t } = ctx;
  const address = formatPostalAddress(account.address, ctx.locale);
  return (
    <dl class="dl">
      <Row ctx={ctx} label={t('account.clientNumber')} value={account.clientNumber} />
      <Row ctx={ctx} label={t('account.type')} value={t(`account.type.${account.type}`)} />
      {account.legalName ? <Row ctx={ctx} label={t('account.legalName')} value={account.legalName} /> : null}
      {account.siren ? <Row ctx={ctx} label={t('account.siren')} value={account.siren} /> : null}
      {account.associationName ? (
        <Row ctx={ctx} label={t('account.associationName')} value={account.associationName} />
      ) : null}
      {account.rna ? <Row ctx={ctx} label={t('account.rna')} value={account.rna} /> : null}
      <Row
        ctx={ctx}
        label={t('account.holder')}
        value={[account.firstName, account.lastName].filter(Boolean).join(' ') || null}
      />
      <Row ctx={ctx} label={t('account.email')} value={account.email} />
      <Row
        ctx={ctx}
        label={t('account.phone')}
        value={account.phone ? formatPhoneForDisplay(account.phone) : null}
      />
      <Row ctx={ctx} label={t('account.address')} value={address} />
    </dl>
  );
}

function Services({ ctx, services }: { ctx: StaffPageContext; services: AccountService[] }) {
  const { t } = ctx;
  if (services.length === 0) return <p>{t('staff.account.noServices')}</p>;
  return (
    <ul>
      {services.map((s) => (
        <li key={s.id}>
          {t(`staff.account.service.${s.kind}`)} : <strong>{s.name}</strong>
          {s.panelUsername ? ` — ${t('staff.account.panelUser', { username: s.panelUsername })}` : null}
        </li>
      ))}
    </ul>
  );
}

function Sessions({
  ctx,
  accountId,
  sessions,
}: {
  ctx: StaffPageContext;
  accountId: string;
  sessions: Session[];
}) {
  const { t, locale } = ctx;
  if (sessions.length === 0) return <p>{t('staff.account.noSessions')}</p>;
  const mayRevoke = ctx.staff?.can('accounts.revoke_sessions') ?? false;
  return (
    <table class="table table--compact">
      <thead>
        <tr>
          <th scope="col">{t('sessions.started')}</th>
          <th scope="col">{t('sessions.lastSeen')}</th>
          <th scope="col">{t('sessions.ip')}</th>
          <th scope="col">{t('sessions.device')}</th>
          {mayRevoke ? (
            <th scope="col">
              <span class="visually-hidden">{t('staff.account.revokeSession')}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id} data-session-id={s.id}>
            <td>{formatStaffDateTime(locale, s.createdAt)}</td>
            <td>{formatStaffDateTime(locale, s.lastSeenAt)}</td>
            <td>{s.ip ?? '—'}</td>
            <td class="details">{s.userAgent ?? '—'}</td>
            {mayRevoke ? (
              <td>
                <form
                  method="post"
                  action={`/staff/accounts/${accountId}/sessions/${s.id}/revoke`}
                  class="inline-form"
                >
                  <CsrfField ctx={ctx} />
                  <button
                    type="submit"
                    class="button button--small"
                    aria-label={t('staff.account.revokeLabel', {
                      date: formatStaffDateTime(locale, s.createdAt),
                    })}
                  >
                    {t('staff.account.revokeSession')}
                  </button>
                </form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One account as support sees it: fiche, services, new access, sessions and recent events. */
export function StaffAccountPage({
  ctx,
  dossier,
  notice,
}: {
  ctx: StaffPageContext;
  dossier: AccountDossier;
  notice?: string | undefined;
}) {
  const { t } = ctx;
  const { account } = dossier;
  const events: AuditEvent[] = dossier.auditEvents;
  return (
    <StaffLayout ctx={ctx} title={t('staff.account.title', { clientNumber: account.clientNumber })}>
      <h1>
        {t('staff.account.title', { clientNumber: account.clientNumber })} — {accountDisplayName(account)}
      </h1>
      {notice ? (
        <p class="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      <div class="grid-2">
        <section class="panel" aria-labelledby="fiche-title">
          <h2 id="fiche-title">{t('staff.account.fiche')}</h2>
          <Fiche ctx={ctx} account={account} />
        </section>
        <div>
          <section class="panel" aria-labelledby="services-title">
            <h2 id="services-title">{t('staff.account.services')}</h2>
            <Services ctx={ctx} services={dossier.services} />
          </section>
          {ctx.staff?.can('accounts.send_reset') ? (
            <section class="panel" aria-labelledby="access-title">
              <h2 id="access-title">{t('staff.account.access')}</h2>
              <p>{t('staff.account.accessIntro', { email: account.email })}</p>
              <form method="post" action={`/staff/accounts/${account.id}/send-reset`}>
                <CsrfField ctx={ctx} />
                <button type="submit" class="button button--primary">
                  {t('staff.account.sendReset')}
                </button>
              </form>
            </section>
          ) : null}
        </div>
      </div>
      <div class="grid-2">
        {ctx.staff?.can('recovery.review') ? (
          <OpenRecoveryCases ctx={ctx} cases={dossier.openRecoveryCases} />
        ) : null}
        {ctx.staff?.can('tickets.view') ? <OpenTickets ctx={ctx} tickets={dossier.openTickets} /> : null}
      </div>
      <section class="panel" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('staff.account.sessions')}</h2>
        <Sessions ctx={ctx} accountId={account.id} sessions={dossier.sessions} />
      </section>
      <section class="panel" aria-labelledby="audit-title">
        <h2 id="audit-title">{t('staff.account.audit')}</h2>
        <AuditEventsTable ctx={ctx} events={events} staffNames={dossier.staffNames} showAccount={false} />
        {ctx.staff?.can('audit.view') ? (
          <p>
            <a href={`/staff/audit?account=${account.id}`}>{t('staff.account.allEvents')}</a>
          </p>
        ) : null}
      </section>
    </StaffLayout>
  );
}
