import { CsrfField, ErrorSummary, Field, type FormState, SelectField } from '../views/form.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import { type Account, accountDisplayName, type ContactReminder, formatPhoneForDisplay } from './account.ts';
import { countryOptions, formatPostalAddress } from './countries.ts';
import { PendingEmailChange } from './email-change.pages.tsx';
import type { EmailChangeRequest } from './email-change.ts';
import type { AccountService } from './service.ts';
import { ServicesSection } from './services.pages.tsx';

function formatDate(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(date);
}

function Row({ label, value, ctx }: { label: string; value: string | null; ctx: PageContext }) {
  return (
    <div class="dl-row">
      <dt>{label}</dt>
      <dd>{value ?? <span class="muted">{ctx.t('account.notProvided')}</span>}</dd>
    </div>
  );
}

function holderLabel(account: Account): MessageKey {
  if (account.type === 'company') return 'account.contactPerson';
  if (account.type === 'association') return 'account.president';
  return 'account.holder';
}

function Reminders({ ctx, reminders }: { ctx: PageContext; reminders: ContactReminder[] }) {
  if (reminders.length === 0) return null;
  const { t } = ctx;
  return (
    <section class="alert alert--warning" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t('account.reminders.title')}</h2>
      <p>{t('account.reminders.intro')}</p>
      <ul>
        {reminders.map((r) => (
          <li key={r}>{t(`account.reminders.${r}`)}</li>
        ))}
      </ul>
      {reminders.includes('phone_stale') ? (
        <form method="post" action="/account/phone/confirm" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button button--small">
            {t('account.reminders.confirmPhone')}
          </button>
        </form>
      ) : null}
      {reminders.includes('phone_missing') ? (
        <a href="/account/edit">{t('account.reminders.addPhone')}</a>
      ) : null}
    </section>
  );
}

export function AccountPage({
  ctx,
  account,
  reminders,
  notice,
  services = [],
  pendingEmailChange = null,
}: {
  ctx: PageContext;
  account: Account;
  reminders: ContactReminder[];
  notice?: string;
  services?: AccountService[];
  pendingEmailChange?: EmailChangeRequest | null;
}) {
  const { t } = ctx;
  const address = formatPostalAddress(account.address, ctx.locale);
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <section class="panel">
        <h1>{t('account.title')}</h1>
        {notice ? (
          <p class="alert alert--success" role="status">
            {notice}
          </p>
        ) : null}
        <Reminders ctx={ctx} reminders={reminders} />
        {pendingEmailChange ? <PendingEmailChange ctx={ctx} pending={pendingEmailChange} /> : null}
        <dl class="dl">
          <Row ctx={ctx} label={t('account.clientNumber')} value={account.clientNumber} />
          <Row ctx={ctx} label={t('account.type')} value={t(`account.type.${account.type}`)} />
          {account.type === 'company' ? (
            <Row ctx={ctx} label={t('account.legalName')} value={account.legalName} />
          ) : null}
          {account.type === 'company' ? (
            <Row ctx={ctx} label={t('account.siren')} value={account.siren} />
          ) : null}
          {account.type === 'association' ? (
            <Row ctx={ctx} label={t('account.associationName')} value={account.associationName} />
          ) : null}
          {account.type === 'association' ? (
            <Row ctx={ctx} label={t('account.rna')} value={account.rna} />
          ) : null}
          <Row
            ctx={ctx}
            label={t(holderLabel(account))}
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
        <p class="actions">
          <a class="button button--primary" href="/account/edit">
            {t('account.edit')}
          </a>
        </p>
      </section>
      <ServicesSection ctx={ctx} services={services} />
      <section class="panel" aria-labelledby="security-title">
        <h2 id="security-title">{t('account.security')}</h2>
        {account.passwordChangedAt ? (
          <p>{t('account.passwordChangedAt', { date: formatDate(ctx, account.passwordChangedAt) })}</p>
        ) : null}
        <ul class="links">
          <li>
            <a href="/account/password">{t('account.changePassword')}</a>
          </li>
          <li>
            <a href="/account/email">{t('account.changeEmail')}</a>
          </li>
          <li>
            <a href="/account/sessions">{t('nav.sessions')}</a>
          </li>
          <li>
            <a href="/account/security">{t('security.title')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function EditAccountPage({
  ctx,
  account,
  form,
}: {
  ctx: PageContext;
  account: Account;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.edit.title')}>
      <section class="panel">
        <h1>{t('account.edit.title')}</h1>
        <p>
          {accountDisplayName(account)} — {account.clientNumber}
        </p>
        <p class="muted">{t('account.edit.intro')}</p>
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action="/account/edit" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="phone"
            label={t('account.phone')}
            form={form}
            type="tel"
            autocomplete="tel"
            hint={t('account.edit.phoneHint')}
            maxLength={40}
          />
          <fieldset>
            <legend>{t('account.address')}</legend>
            <Field
              t={t}
              name="address.line1"
              label={t('account.edit.line1')}
              form={form}
              autocomplete="address-line1"
              maxLength={200}
            />
            <Field
              t={t}
              name="address.line2"
              label={t('account.edit.line2')}
              form={form}
              autocomplete="address-line2"
              maxLength={200}
            />
            <Field
              t={t}
              name="address.postalCode"
              label={t('account.edit.postalCode')}
              form={form}
              autocomplete="postal-code"
              maxLength={12}
            />
            <Field
              t={t}
              name="address.city"
              label={t('account.edit.city')}
              form={form}
              autocomplete="address-level2"
              maxLength={100}
            />
            <SelectField
              t={t}
              name="address.country"
              label={t('account.edit.country')}
              form={form}
              autocomplete="country"
              options={countryOptions(ctx.locale).map(({ code, name }) => ({ value: code, label: name }))}
            />
          </fieldset>
          <div class="actions">
            <button type="submit" class="button button--primary">
              {t('form.save')}
            </button>
            <a href="/account">{t('form.cancel')}</a>
          </div>
        </form>
        <p>
          <a href="/account/password">{t('account.changePassword')}</a>
        </p>
        <p>
          <a href="/account/email">{t('account.changeEmail')}</a>
        </p>
      </section>
    </Layout>
  );
}
