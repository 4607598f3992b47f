import { CsrfField, ErrorSummary, Field, type FormState } from '../../views/form.tsx';
import { StaffLayout, type StaffPageContext } from '../core/staff-layout.tsx';
import type { OpenStaffEnrolment } from './staff-enrolment.service.ts';

/** What the emailed link opens: a button, so the token leaves the address bar on the click. */
export function StaffEnrolmentLandingPage({ ctx, token }: { ctx: StaffPageContext; token: string }) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.activate.title')}>
      <section class="panel panel--narrow">
        <h1>{t('staff.activate.title')}</h1>
        <p>{t('staff.activate.landing')}</p>
        <form method="post" action="/staff/enrol/open">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button button--primary">
            {t('staff.activate.continue')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}

/** The enrolment form: the pending TOTP secret to scan, the new password, and a code proving the scan. */
export function StaffEnrolmentPage({
  ctx,
  enrolment,
  qrCodeDataUrl,
  form,
}: {
  ctx: StaffPageContext;
  enrolment: OpenStaffEnrolment;
  qrCodeDataUrl: string;
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.activate.title')}>
      <section class="panel panel--narrow enrolment">
        <h1>{t('staff.activate.title')}</h1>
        <p>{t('staff.activate.intro', { name: enrolment.user.name, email: enrolment.user.email })}</p>
        <ErrorSummary t={t} errors={form.errors} />
        <h2>{t('staff.activate.step1')}</h2>
        <img
          class="enrolment__qr"
          src={qrCodeDataUrl}
          alt={t('staff.enrol.qr', { email: enrolment.user.email })}
        />
        <dl class="dl">
          <div class="dl-row">
            <dt>{t('staff.enrol.secret')}</dt>
            <dd>
              <code class="secret" data-totp-secret="">
                {enrolment.secret}
              </code>
            </dd>
          </div>
        </dl>
        <h2>{t('staff.activate.step2')}</h2>
        <form method="post" action="/staff/enrol" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="password"
            label={t('staff.activate.password')}
            hint={t('staff.activate.passwordHint')}
            form={form}
            type="password"
            autocomplete="new-password"
            required
            keepValue={false}
          />
          <Field
            t={t}
            name="totp"
            label={t('staff.login.totp')}
            hint={t('staff.activate.totpHint')}
            form={form}
            autocomplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('staff.activate.submit')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}

/** Unknown, used, superseded or expired: one page for all, with what to do next. */
export function StaffEnrolmentInvalidPage({ ctx }: { ctx: StaffPageContext }) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.activate.invalidTitle')}>
      <section class="panel panel--narrow">
        <h1>{t('staff.activate.invalidTitle')}</h1>
        <p>{t('staff.activate.invalid')}</p>
        <p>
          <a href="/staff/login">{t('staff.activate.toLogin')}</a>
        </p>
      </section>
    </StaffLayout>
  );
}
