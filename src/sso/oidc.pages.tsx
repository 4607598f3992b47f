import { renderToString } from 'preact-render-to-string';
import { CsrfField } from '../views/form.tsx';
import { type Locale, translator } from '../views/i18n/index.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import type { ConnectedApplication } from './sso-access.ts';

/** A scope as the customer reads it; unknown scopes are never granted, so never shown. */
const scopeMessages = {
  openid: 'consent.scope.openid',
  email: 'consent.scope.email',
  profile: 'consent.scope.profile',
  'sesame:account': 'consent.scope.sesame:account',
  offline_access: 'consent.scope.offline_access',
} as const;

function ScopeList({ ctx, scopes }: { ctx: PageContext; scopes: string[] }) {
  const known = scopes.filter((scope): scope is keyof typeof scopeMessages => scope in scopeMessages);
  return (
    <ul class="links">
      {known.map((scope) => (
        <li key={scope} data-scope={scope}>
          {ctx.t(scopeMessages[scope])}
        </li>
      ))}
    </ul>
  );
}

export function ConsentPage({
  ctx,
  uid,
  clientName,
  scopes,
  accountName,
}: {
  ctx: PageContext;
  uid: string;
  clientName: string;
  scopes: string[];
  accountName: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('consent.title')}>
      <section class="panel panel--narrow" aria-labelledby="consent-title">
        <h1 id="consent-title">{t('consent.question', { client: clientName })}</h1>
        <p>
          {t('consent.signedInAs', { name: accountName })}{' '}
          <a href="/account/sessions">{t('consent.notYou')}</a>
        </p>
        <p>{t('consent.willReceive', { client: clientName })}</p>
        <ScopeList ctx={ctx} scopes={scopes} />
        <p class="muted">{t('consent.revokeLater')}</p>
        <div class="actions">
          <form method="post" action={`/oidc/interaction/${uid}/consent`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button button--primary">
              {t('consent.allow')}
            </button>
          </form>
          <form method="post" action={`/oidc/interaction/${uid}/deny`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button">
              {t('consent.deny')}
            </button>
          </form>
        </div>
      </section>
    </Layout>
  );
}

export function ApplicationsPage({
  ctx,
  applications,
  notice,
}: {
  ctx: PageContext;
  applications: ConnectedApplication[];
  notice?: string;
}) {
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  });
  return (
    <Layout ctx={ctx} title={t('applications.title')}>
      <section class="panel">
        <h1>{t('applications.title')}</h1>
        <p>{t('applications.intro')}</p>
        {notice ? (
          <p class="alert alert--success" role="status">
            {notice}
          </p>
        ) : null}
        {applications.length === 0 ? <p>{t('applications.none')}</p> : null}
        <ul class="card-list">
          {applications.map((application) => (
            <li key={application.clientId} data-client-id={application.clientId}>
              <h2>{application.name}</h2>
              <p class="muted">{t('applications.since', { date: date.format(application.since) })}</p>
              <p>{t('applications.receives')}</p>
              <ScopeList ctx={ctx} scopes={application.scopes} />
              <form method="post" action="/account/applications/revoke" class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="clientId" value={application.clientId} />
                <button
                  type="submit"
                  class="button button--small button--danger"
                  aria-label={t('applications.revokeLabel', { client: application.name })}
                >
                  {t('applications.revoke')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

/** The context of a page the provider renders itself (no Sésame form on it but its own). */
function providerPageContext(locale: Locale): PageContext {
  return { t: translator(locale), locale, csrfToken: '', path: '/oidc', signedInAs: null };
}

function documentOf(page: preact.VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

/** An error the provider cannot redirect back (unknown client, unregistered redirect URI…): shown, never redirected. */
export function OidcErrorPage({
  ctx,
  code,
  expired,
}: {
  ctx: PageContext;
  code: string | null;
  expired?: boolean;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('oidcError.title')}>
      <section class="panel panel--narrow" role="alert">
        <h1>{t('oidcError.title')}</h1>
        <p>{expired ? t('oidcError.expired') : t('oidcError.intro')}</p>
        {code ? <p class="muted">{t('oidcError.code', { code })}</p> : null}
        <p>
          <a href="/account">{t('oidcError.back')}</a>
        </p>
      </section>
    </Layout>
  );
}

export function renderOidcErrorPage(locale: Locale, code: string, _description: string | null): string {
  // The description can name internals (a client id, a parameter's value): the code is enough here.
  return documentOf(<OidcErrorPage ctx={providerPageContext(locale)} code={code} />);
}

/** RP-initiated logout: the provider's form (its own anti-forgery token) with our words and buttons. */
export function renderLogoutPage(locale: Locale, providerForm: string, clientName: string | null): string {
  const ctx = providerPageContext(locale);
  const { t } = ctx;
  return documentOf(
    <Layout ctx={ctx} title={t('oidcLogout.title')}>
      <section class="panel panel--narrow">
        <h1>{t('oidcLogout.title')}</h1>
        <p>{clientName ? t('oidcLogout.questionFrom', { client: clientName }) : t('oidcLogout.question')}</p>
        {/* The provider's form: a hidden anti-forgery field only, built by oidc-provider. */}
        <div dangerouslySetInnerHTML={{ __html: providerForm }} />
        <div class="actions">
          <button type="submit" class="button button--primary" form="op.logoutForm" name="logout" value="yes">
            {t('oidcLogout.yes')}
          </button>
          <button type="submit" class="button" form="op.logoutForm">
            {t('oidcLogout.no')}
          </button>
        </div>
      </section>
    </Layout>,
  );
}

export function renderSignedOutPage(locale: Locale, clientName: string | null): string {
  const ctx = providerPageContext(locale);
  const { t } = ctx;
  return documentOf(
    <Layout ctx={ctx} title={t('oidcLogout.title')}>
      <section class="panel panel--narrow" role="status">
        <h1>{clientName ? t('oidcLogout.doneFrom', { client: clientName }) : t('oidcLogout.done')}</h1>
        <p>
          <a href="/login">{t('oidcLogout.signInAgain')}</a>
        </p>
      </section>
    </Layout>,
  );
}

export function renderExpiredInteraction(ctx: PageContext): string {
  return documentOf(<OidcErrorPage ctx={ctx} code={null} expired />);
}
