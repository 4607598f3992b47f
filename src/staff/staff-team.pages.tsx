import { RegisterLabel } from '../views/field-labels.ts';
import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { type StaffUser, staffRoles } from './core/staff.ts';
import { formatStaffDateTime } from './core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from './core/staff-layout.tsx';
import type { TotpEnrolment } from './staff-users.service.ts';
import type { StaffMemberOverview } from './team/staff-team.repository.ts';

export const teamNotices = [
  'created',
  'roleChanged',
  'disabled',
  'enabled',
  'linkSent',
  'sessionsRevoked',
] as const;
export type TeamNotice = (typeof teamNotices)[number];

/** The team: every member with their access, the actions on it, and the form to add a member. */
export function TeamPage({
  ctx,
  members,
  notice,
  error,
  form,
}: {
  ctx: StaffPageContext;
  members: StaffMemberOverview[];
  notice?: TeamNotice | undefined;
  error?: string | undefined;
  form: FormState;
}) {
  const { t, locale } = ctx;
  const mayReenrol = ctx.staff?.can('staff.reenrol_totp') ?? false;
  return (
    <StaffLayout ctx={ctx} title={t('staff.team.title')}>
      <section class="panel">
        <h1>{t('staff.team.title')}</h1>
        <p>{t('staff.team.intro')}</p>
        {notice ? (
          <p class="alert alert--info" role="status">
            {t(`staff.team.notice.${notice}`)}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={[]} message={error} />
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('staff.team.name')}</th>
              <th scope="col">{t('staff.team.role')}</th>
              <th scope="col">{t('staff.team.enrolled')}</th>
              <th scope="col">{t('staff.team.lastSignIn')}</th>
              <th scope="col">{t('staff.team.sessions')}</th>
              <th scope="col">{t('staff.team.status')}</th>
              <th scope="col">{t('staff.team.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((u) => (
              <tr key={u.id} data-staff-email={u.email}>
                <td>
                  {u.name}
                  <br />
                  <span class="muted">{u.email}</span>
                </td>
                <td>
                  <form method="post" action={`/staff/team/${u.id}/role`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <label class="visually-hidden" for={`role-${u.id}`}>
                      {t('staff.team.roleLabel', { name: u.name })}
                    </label>
                    <select id={`role-${u.id}`} name="role">
                      {staffRoles.map((r) => (
                        <option key={r} value={r} selected={r === u.role}>
                          {t(`staff.role.${r}`)}
                        </option>
                      ))}
                    </select>{' '}
                    <button type="submit" class="button button--small">
                      {t('staff.team.changeRole')}
                    </button>
                  </form>
                </td>
                <td data-label={t('staff.team.enrolled')}>
                  {u.totpEnrolledAt
                    ? formatStaffDateTime(locale, u.totpEnrolledAt)
                    : t('staff.team.notEnrolled')}
                </td>
                <td data-label={t('staff.team.lastSignIn')}>
                  {u.lastSignInAt ? formatStaffDateTime(locale, u.lastSignInAt) : t('staff.team.never')}
                </td>
                <td data-label={t('staff.team.sessions')}>{u.activeSessions}</td>
                <td data-label={t('staff.team.status')}>
                  {u.disabledAt ? t('staff.team.disabled') : t('staff.team.active')}
                </td>
                <td>
                  <a
                    href={`/staff/audit?actor=${u.id}`}
                    aria-label={t('staff.team.activityLabel', { name: u.name })}
                  >
                    {t('staff.team.activity')}
                  </a>{' '}
                  <MemberButton ctx={ctx} member={u} action={u.disabledAt ? 'enable' : 'disable'} />
                  {u.disabledAt ? null : <MemberButton ctx={ctx} member={u} action="enrolment-link" />}
                  <MemberButton ctx={ctx} member={u} action="sessions/revoke" />
                  {mayReenrol && u.totpEnrolledAt ? (
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
      <section class="panel panel--narrow">
        <h2>{t('staff.team.add')}</h2>
        <p>{t('staff.team.addIntro')}</p>
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action="/staff/team" novalidate>
          <CsrfField ctx={ctx} />
          <Field t={t} name="name" label={t('staff.team.name')} form={form} autocomplete="off" required />
          <Field
            t={t}
            name="email"
            label={t('staff.team.email')}
            form={form}
            type="email"
            autocomplete="off"
            required
          />
          <div class="field">
            <RegisterLabel id="field-role" label={t('staff.team.role')} />
            <label for="field-role">
              {t('staff.team.role')} <span class="field__flag">{t('form.required')}</span>
            </label>
            <select id="field-role" name="role" required>
              {staffRoles.map((r) => (
                <option key={r} value={r} selected={r === (form.values.role || 'agent')}>
                  {t(`staff.role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" class="button button--primary">
            {t('staff.team.addSubmit')}
          </button>
        </form>
      </section>
    </StaffLayout>
  );
}

const buttonLabel = {
  enable: 'staff.team.enableLabel',
  disable: 'staff.team.disableLabel',
  'enrolment-link': 'staff.team.linkLabel',
  'sessions/revoke': 'staff.team.revokeLabel',
} as const;
const buttonText = {
  enable: 'staff.team.enable',
  disable: 'staff.team.disable',
  'enrolment-link': 'staff.team.link',
  'sessions/revoke': 'staff.team.revoke',
} as const;

function MemberButton({
  ctx,
  member,
  action,
}: {
  ctx: StaffPageContext;
  member: StaffMemberOverview;
  action: keyof typeof buttonLabel;
}) {
  return (
    <form method="post" action={`/staff/team/${member.id}/${action}`} class="inline-form">
      <CsrfField ctx={ctx} />
      <button
        type="submit"
        class="button button--small"
        aria-label={ctx.t(buttonLabel[action], { name: member.name })}
      >
        {ctx.t(buttonText[action])}
      </button>
    </form>
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
