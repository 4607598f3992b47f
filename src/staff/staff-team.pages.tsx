import { CsrfField } from '../views/form.tsx';
import type { StaffUser } from './core/staff.ts';
import { formatStaffDateTime } from './core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';
import type { TotpEnrolment } from './staff-users.service.ts';

/** The team: every staff member, with a link to their activity and the TOTP re-enrolment action. */
export function TeamPage({ ctx, users }: { ctx: StaffPageContext; users: StaffUser[] }) {
  const { t, locale } = ctx;
  const mayReenrol = ctx.staff?.can('staff.reenrol_totp') ?? false;
  return (
    <StaffLayout ctx={ctx} title={t('staff.team.title')}>
      <section class="panel">
        <h1>{t('staff.team.title')}</h1>
        <p>{t('staff.team.intro')}</p>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('staff.team.name')}</th>
              <th scope="col">{t('staff.team.email')}</th>
              <th scope="col">{t('staff.team.role')}</th>
              <th scope="col">{t('staff.team.enrolled')}</th>
              <th scope="col">{t('staff.team.status')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('staff.team.reenrol')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{t(`staff.role.${u.role}`)}</td>
                <td>{formatStaffDateTime(locale, u.totpEnrolledAt)}</td>
                <td>{u.disabledAt ? t('staff.team.disabled') : t('staff.team.active')}</td>
                <td>
                  <a
                    href={`/staff/audit?actor=${u.id}`}
                    aria-label={t('staff.team.activityLabel', { name: u.name })}
                  >
                    {t('staff.team.activity')}
                  </a>{' '}
                  {mayReenrol ? (
                    <form method="post" action={`/staff/team/${u.id}/totp`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button
                        type="submit"
                        class="button button--small"
                        aria-label={t('staff.team.reenrolLabel', { name: u.name })}
                      >
                        {t('staff.team.reenrol')}
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </StaffLayout>
  );
}

/** Shown once, in the answer to the re-enrolment POST: never stored in clear, never shown again. */
export function EnrolmentPage({
  ctx,
  user,
  enrolment,
  qrCodeDataUrl,
}: {
  ctx: StaffPageContext;
  user: StaffUser;
  enrolment: TotpEnrolment;
  qrCodeDataUrl: string;
}) {
  const { t } = ctx;
  return (
    <StaffLayout ctx={ctx} title={t('staff.enrol.title', { name: user.name })}>
      <section class="panel enrolment">
        <h1>{t('staff.enrol.title', { name: user.name })}</h1>
        <p class="alert alert--warning" role="status">
          {t('staff.enrol.once', { name: user.name })}
        </p>
        <img class="enrolment__qr" src={qrCodeDataUrl} alt={t('staff.enrol.qr', { email: user.email })} />
        <dl class="dl">
          <div class="dl-row">
            <dt>{t('staff.enrol.secret')}</dt>
            <dd>
              <code class="secret" data-totp-secret="">
                {enrolment.secret}
              </code>
            </dd>
          </div>
          <div class="dl-row">
            <dt>{t('staff.enrol.uri')}</dt>
            <dd class="details">{enrolment.otpauthUri}</dd>
          </div>
        </dl>
        <p>
          <a href="/staff/team">{t('staff.enrol.back')}</a>
        </p>
      </section>
    </StaffLayout>
  );
}
