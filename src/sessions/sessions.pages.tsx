import { PasskeySignInButton, passkeyScripts } from '../second-factor/passkeys.pages.tsx';
import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import { describeDevice, type Session } from './session.ts';

export function LoginPage({
  ctx,
  form,
  next,
  notice,
  error,
}: {
  ctx: PageContext;
  form: FormState;
  next: string;
  notice?: string;
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('login.title')} scripts={passkeyScripts}>
      <section class="panel panel--narrow">
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        {notice ? (
          <p class="alert alert--info" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/login" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <Field
            t={t}
            name="email"
            label={t('login.email')}
            form={form}
            type="email"
            autocomplete="username"
            required
          />
          <Field
            t={t}
            name="password"
            label={t('login.password')}
            form={form}
            type="password"
            autocomplete="current-password"
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('login.submit')}
          </button>
        </form>
        <PasskeySignInButton ctx={ctx} mode="passwordless" next={next} />
        <ul class="links">
          <li>
            <a href="/password/forgot">{t('login.forgot')}</a>
          </li>
          <li>
            <a href="/recovery">{t('login.lostEmail')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

function formatDateTime(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

function deviceLabel(ctx: PageContext, session: Session): string {
  const { browser, os } = describeDevice(session.userAgent);
  if (browser && os) return ctx.t('sessions.on', { browser, os });
  return browser ?? os ?? ctx.t('sessions.unknownDevice');
}

function authMethodLabel(ctx: PageContext, method: string): string {
  if (method === 'password+totp') return ctx.t('sessions.method.totp');
  if (method === 'password+recovery_code') return ctx.t('sessions.method.recoveryCode');
  if (method === 'password+passkey') return ctx.t('sessions.method.passwordPasskey');
  if (method === 'passkey') return ctx.t('sessions.method.passkey');
  return ctx.t('sessions.method.password');
}

export function SessionsPage({
  ctx,
  sessions,
  currentId,
  notice,
}: {
  ctx: PageContext;
  sessions: Session[];
  currentId: string;
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('sessions.title')}>
      <section class="panel">
        <h1>{t('sessions.title')}</h1>
        <p>{t('sessions.intro')}</p>
        {notice ? (
          <p class="alert alert--success" role="status">
            {notice}
          </p>
        ) : null}
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('sessions.device')}</th>
              <th scope="col">{t('sessions.ip')}</th>
              <th scope="col">{t('sessions.started')}</th>
              <th scope="col">{t('sessions.method')}</th>
              <th scope="col">{t('sessions.lastSeen')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('sessions.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-session-id={session.id}>
                <td>{deviceLabel(ctx, session)}</td>
                <td>{session.ip ?? '—'}</td>
                <td>{formatDateTime(ctx, session.createdAt)}</td>
                <td data-auth-method={session.authMethod}>{authMethodLabel(ctx, session.authMethod)}</td>
                <td>{formatDateTime(ctx, session.lastSeenAt)}</td>
                <td>
                  {session.id === currentId ? (
                    <strong class="badge">{t('sessions.current')}</strong>
                  ) : (
                    <form method="post" action={`/account/sessions/${session.id}/revoke`} class="inline-form">
                      <CsrfField ctx={ctx} />
                      <button
                        type="submit"
                        class="button button--small"
                        aria-label={t('sessions.revokeLabel', { device: deviceLabel(ctx, session) })}
                      >
                        {t('sessions.revoke')}
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {sessions.some((session) => session.id !== currentId) ? (
          <form method="post" action="/account/sessions/revoke-others">
            <CsrfField ctx={ctx} />
            <p>{t('sessions.revokeOthersHint')}</p>
            <button type="submit" class="button button--danger">
              {t('sessions.revokeOthers')}
            </button>
          </form>
        ) : (
          <p>{t('sessions.none')}</p>
        )}
      </section>
    </Layout>
  );
}
