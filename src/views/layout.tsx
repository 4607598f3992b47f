import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

type LayoutProps = { ctx: PageContext; title: string; children: ComponentChildren; scripts?: string[] };

/** The page frame: header with navigation and language switcher, main content, footer. No inline script or style. */
export function Layout({ ctx, title, children, scripts = [] }: LayoutProps) {
  const { t, locale } = ctx;
  const otherLocale = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('app.name')}`}</title>
        <meta name="csrf-token" content={ctx.csrfToken} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        {scripts.map((src) => (
          <script src={src} defer key={src} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={ctx.signedInAs ? '/account' : '/login'}>
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('app.tagline')}</span>
            </a>
            <nav aria-label={t('nav.main')} class="site-nav">
              {ctx.signedInAs ? (
                <ul>
                  <li>
                    <a href="/account" aria-current={ctx.path === '/account' ? 'page' : undefined}>
                      {t('nav.account')}
                    </a>
                  </li>
                  <li>
                    <a
                      href="/account/sessions"
                      aria-current={ctx.path === '/account/sessions' ? 'page' : undefined}
                    >
                      {t('nav.sessions')}
                    </a>
                  </li>
                  <li>
                    <form method="post" action="/logout" class="inline-form">
                      <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                      <button type="submit" class="link-button">
                        {t('nav.logout')}
                      </button>
                    </form>
                  </li>
                </ul>
              ) : null}
              <form method="post" action="/language" class="inline-form lang-switch">
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
        <main id="main" class="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">{t('footer.text')}</footer>
      </body>
    </html>
  );
}
