import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { pageContext } from '../platform/http/request-context.ts';
import type { PageContext } from '../views/page-context.ts';
import { can, type StaffAction } from './permissions.ts';
import type { StaffRole } from './staff.ts';

/** A back-office page's context: the common one plus who is signed in and what they may do. */
export type StaffPageContext = PageContext & {
  staff: { name: string; role: StaffRole; can: (action: StaffAction) => boolean } | null;
};

export function staffPageContext(request: FastifyRequest): StaffPageContext {
  const user = request.staff?.user;
  return {
    ...pageContext(request),
    staff: user ? { name: user.name, role: user.role, can: (action) => can(user.role, action) } : null,
  };
}

function NavLink({ ctx, href, label }: { ctx: StaffPageContext; href: string; label: string }) {
  const current = ctx.path === href || ctx.path.startsWith(`${href}/`);
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

/**
 * The back-office frame, in the customer area's style. The navigation links only to pages that
 * exist and that the staff member's role may open; recovery cases and tickets join it with their features.
 */
export function StaffLayout({
  ctx,
  title,
  children,
}: {
  ctx: StaffPageContext;
  title: string;
  children: ComponentChildren;
}) {
  const { t, locale, staff } = ctx;
  const otherLocale = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('app.name')} ${t('staff.tagline')}`}</title>
        <meta name="csrf-token" content={ctx.csrfToken} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <link rel="stylesheet" href="/static/staff.css" />
      </head>
      <body class="staff">
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={staff ? '/staff/accounts' : '/staff/login'}>
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('staff.tagline')}</span>
            </a>
            <nav aria-label={t('staff.nav.main')} class="site-nav">
              {staff ? (
                <ul>
                  {staff.can('accounts.search') ? (
                    <NavLink ctx={ctx} href="/staff/accounts" label={t('staff.nav.accounts')} />
                  ) : null}
                  {staff.can('audit.view') ? (
                    <NavLink ctx={ctx} href="/staff/audit" label={t('staff.nav.audit')} />
                  ) : null}
                  {staff.can('staff.manage') ? (
                    <NavLink ctx={ctx} href="/staff/team" label={t('staff.nav.team')} />
                  ) : null}
                  <li class="muted">
                    {t('staff.nav.signedInAs', { name: staff.name, role: t(`staff.role.${staff.role}`) })}
                  </li>
                  <li>
                    <form method="post" action="/staff/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t('staff.nav.logout')}
                      </button>
                    </form>
                  </li>
                </ul>
              ) : null}
              {/* Posted under /staff so the CSRF check uses the staff session's secret. */}
              <form method="post" action="/staff/language" class="inline-form lang-switch">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <input type="hidden" name="locale" value={otherLocale} />
                <input type="hidden" name="next" value={ctx.path} />
                <button type="submit" class="link-button" lang={otherLocale}>
                  {t('lang.switchTo')}
                </button>
              </form>
            </nav>
          </div>
        </header>
        <main id="main" class="site-main site-main--wide" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">{t('footer.text')}</footer>
      </body>
    </html>
  );
}
