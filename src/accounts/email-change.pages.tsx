import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import type { EmailChangeRequest } from './email-change.ts';

function formatDateTime(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

/** On the fiche: the address the change waits for, since when, until when, and « Annuler la modification ». */
export function PendingEmailChange({ ctx, pending }: { ctx: PageContext; pending: EmailChangeRequest }) {
  const { t } = ctx;
  return (
    <section class="alert alert--info" aria-labelledby="pending-email-title" data-pending-email-change>
      <h2 id="pending-email-title">{t('emailChange.pending.title')}</h2>
      <p>
        {t('emailChange.pending.intro', {
          email: pending.newEmail,
          requested: formatDateTime(ctx, pending.createdAt),
          expires: formatDateTime(ctx, pending.expiresAt),
        })}
      </p>
      <form method="post" action="/account/email/cancel" class="inline-form">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button button--small">
          {t('emailChange.pending.cancel')}
        </button>
      </form>
    </section>
  );
}

export function ChangeEmailPage({
  ctx,
  currentEmail,
  form,
  sent,
  error,
}: {
  ctx: PageContext;
  currentEmail: string;
  form: FormState;
  sent?: boolean;
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('emailChange.title')}>
      <section class="panel panel--narrow">
        <h1>{t('emailChange.title')}</h1>
        {sent ? (
          <p class="alert alert--success" role="status">
            {t('emailChange.sent')}
          </p>
        ) : null}
        <p>{t('emailChange.current', { email: currentEmail })}</p>
        <p>{t('emailChange.intro')}</p>
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/account/email" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="newEmail"
            label={t('emailChange.newEmail')}
            form={form}
            type="email"
            autocomplete="email"
            required
            maxLength={254}
          />
          <Field
            t={t}
            name="password"
            label={t('emailChange.password')}
            form={form}
            type="password"
            autocomplete="current-password"
            hint={t('emailChange.passwordHint')}
            required
            keepValue={false}
          />
          <div class="actions">
            <button type="submit" class="button button--primary">
              {t('emailChange.submit')}
            </button>
            <a href="/account">{t('form.cancel')}</a>
          </div>
        </form>
      </section>
    </Layout>
  );
}

/** The page behind the emailed link: a button posts the token; opening the page changes nothing. */
export function ConfirmEmailChangePage({
  ctx,
  token,
  newEmail,
}: {
  ctx: PageContext;
  token: string;
  newEmail: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('emailChange.confirm.title')}>
      <section class="panel panel--narrow">
        <h1>{t('emailChange.confirm.title')}</h1>
        <p>{t('emailChange.confirm.intro', { email: newEmail })}</p>
        <form method="post" action="/account/email/confirm">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button button--primary">
            {t('emailChange.confirm.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function EmailChangeDonePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('emailChange.done.title')}>
      <section class="panel panel--narrow">
        <h1>{t('emailChange.done.title')}</h1>
        <p class="alert alert--success" role="status">
          {t('emailChange.done')}
        </p>
        <p class="actions">
          <a class="button button--primary" href={ctx.signedInAs ? '/account' : '/login'}>
            {ctx.signedInAs ? t('emailChange.backToAccount') : t('nav.login')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** Unknown, used, superseded and expired links all get this same page. */
export function InvalidEmailChangeLinkPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('emailChange.invalid.title')}>
      <section class="panel panel--narrow">
        <h1>{t('emailChange.invalid.title')}</h1>
        <p class="alert alert--error" role="alert">
          {t('emailChange.invalid')}
        </p>
        <p class="actions">
          <a class="button button--primary" href="/account/email">
            {t('emailChange.title')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
