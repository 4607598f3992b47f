import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';

/** The staff sign-in form: email, password and the TOTP code, every time. */
export function StaffLoginPage({
  ctx,
  form,
  next,
  notice,
  error,
}: {
  ctx: StaffPageContext;
  form: FormState;
  /** Where a successful sign-in goes (a safe path); kept across a failed attempt. */
  next: string;
  notice?: string | undefined;
  error?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.login.title')}>
      <section class="panel panel--narrow">
        <h1>{t('staff.login.title')}</h1>
        <p>{t('staff.login.intro')}</p>
        {notice ? (
          <p class="alert alert--info" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/staff/login" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <Field
            t={t}
            name="email"
            label={t('staff.login.email')}
            form={form}
            type="email"
            autocomplete="username"
            required
          />
          <Field
            t={t}
            name="password"
            label={t('staff.login.password')}
            form={form}
            type="password"
            autocomplete="current-password"
            required
            keepValue={false}
          />
          <Field
            t={t}
            name="totp"
            label={t('staff.login.totp')}
            hint={t('staff.login.totpHint')}
            form={form}
            autocomplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('staff.login.submit')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}
