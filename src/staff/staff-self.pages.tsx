import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import type { StaffSession } from './core/staff.ts';
import { formatStaffDateTime } from './core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';

/** A member's own access: change the password (current one + TOTP), see and end their sessions. */
export function StaffSelfPage({
  ctx,
  sessions,
  currentSessionId,
  form,
  notice,
}: {
  ctx: StaffPageContext;
  sessions: StaffSession[];
  currentSessionId: string;
  form: FormState;
  notice?: string | undefined;
}) {
  const { t, locale } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.self.title')}>
      <section class="panel">
        <h1>{t('staff.self.title')}</h1>
        {notice ? (
          <p class="alert alert--info" role="status">
            {notice}
          </p>
        ) : null}
        <h2>{t('staff.self.sessions')}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('staff.self.started')}</th>
              <th scope="col">{t('staff.self.lastSeen')}</th>
              <th scope="col">{t('staff.self.device')}</th>
              <th scope="col">{t('staff.team.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>{formatStaffDateTime(locale, s.createdAt)}</td>
                <td>{formatStaffDateTime(locale, s.lastSeenAt)}</td>
                <td>
                  {s.ip ?? ''} {s.userAgent ?? ''}
                </td>
                <td>
                  {s.id === currentSessionId ? (
                    t('staff.self.thisSession')
                  ) : (
                    <form method="post" action={`/staff/me/sessions/${s.id}/revoke`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="button button--small">
                        {t('staff.self.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="panel panel--narrow">
        <h2>{t('staff.self.password')}</h2>
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action="/staff/me/password" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="currentPassword"
            label={t('staff.self.currentPassword')}
            form={form}
            type="password"
            autocomplete="current-password"
            required
            keepValue={false}
          />
          <Field
            t={t}
            name="newPassword"
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
            hint={t('staff.login.totpHint')}
            form={form}
            autocomplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('staff.self.changePassword')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}
