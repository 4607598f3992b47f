import { NewPasswordField } from '../accounts/password-change.pages.tsx';
import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';

export function ForgotPasswordPage({
  ctx,
  form,
  sent,
  validMinutes,
  error,
}: {
  ctx: PageContext;
  form: FormState;
  sent?: boolean;
  validMinutes: number;
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('forgot.title')}>
      <section class="panel panel--narrow">
        <h1>{t('forgot.title')}</h1>
        {sent ? (
          <div class="alert alert--success" role="status">
            <p>{t('forgot.sent', { minutes: validMinutes })}</p>
            <p>{t('forgot.sentHint')}</p>
          </div>
        ) : (
          <p>{t('forgot.intro')}</p>
        )}
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/password/forgot" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="email"
            label={t('forgot.email')}
            form={form}
            type="email"
            autocomplete="email"
            required
            maxLength={254}
          />
          <button type="submit" class="button button--primary">
            {t('forgot.submit')}
          </button>
        </form>
        <ul class="links">
          <li>
            <a href="/login">{t('forgot.backToLogin')}</a>
          </li>
          <li>
            <a href="/recovery">{t('forgot.lostEmail')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

/** The form behind the emailed link. The token travels in a hidden field: posting it is what uses it. */
export function ResetPasswordPage({
  ctx,
  form,
  token,
  email,
  requireClasses,
}: {
  ctx: PageContext;
  form: FormState;
  token: string;
  email: string;
  requireClasses: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.title')} scripts={['/static/password-feedback.js']}>
      <section class="panel panel--narrow">
        <h1>{t('reset.title')}</h1>
        <p>{t('reset.account', { email })}</p>
        <p>{t('reset.intro')}</p>
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action="/password/reset" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} />
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autocomplete="username" value={email} />
          <NewPasswordField ctx={ctx} form={form} name="newPassword" requireClasses={requireClasses} />
          <Field
            t={t}
            name="confirmPassword"
            label={t('password.change.confirm')}
            form={form}
            type="password"
            autocomplete="new-password"
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('reset.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

export function ResetDonePage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.done.title')}>
      <section class="panel panel--narrow">
        <h1>{t('reset.done.title')}</h1>
        <p class="alert alert--success" role="status">
          {t('reset.done')}
        </p>
        <p class="actions">
          <a class="button button--primary" href="/login">
            {t('reset.login')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

/** Unknown, used, superseded and expired links all get this same page. */
export function InvalidResetLinkPage({ ctx, validMinutes }: { ctx: PageContext; validMinutes: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('reset.invalid.title')}>
      <section class="panel panel--narrow">
        <h1>{t('reset.invalid.title')}</h1>
        <p class="alert alert--error" role="alert">
          {t('reset.invalid', { minutes: validMinutes })}
        </p>
        <p class="actions">
          <a class="button button--primary" href="/password/forgot">
            {t('reset.invalid.again')}
          </a>
        </p>
      </section>
    </Layout>
  );
}
