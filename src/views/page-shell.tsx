import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';

type PageShellProps = {
  ctx: PageContext;
  /** The whole <title>. */
  documentTitle: string;
  brand: { href: string; tagline: string };
  navLabel: string;
  /** The navigation list; null when nobody is signed in. */
  nav: ComponentChildren;
  /** Where the language switcher posts: each side posts under its own paths so CSRF uses its session. */
  languageAction: string;
  stylesheets?: string[];
  scripts?: string[];
  bodyClass?: string;
  mainClass?: string;
  footer: string;
  children: ComponentChildren;
};

/**
 * The document frame shared by the customer area and the back office: head, skip link, header
 * with brand, navigation and language switcher, main content, footer. No inline script or style.
 */
export function PageShell(props: PageShellProps) {
  const { ctx } = props;
  const { t, locale } = ctx;
  const otherLocale = locale === 'fr' ? 'en' : 'fr';
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.documentTitle}</title>
        <meta name="csrf-token" content={ctx.csrfToken} />
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        {['/static/app.css', ...(props.stylesheets ?? [])].map((href) => (
          <link rel="stylesheet" href={href} key={href} />
        ))}
        {['/static/password-toggle.js', ...(props.scripts ?? [])].map((src) => (
          <script src={src} defer key={src} />
        ))}
      </head>
      <body class={props.bodyClass}>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="brand" href={props.brand.href}>
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{props.brand.tagline}</span>
            </a>
            <nav aria-label={props.navLabel} class="site-nav">
              {props.nav}
              {/* Pages the OpenID Provider renders carry no token of ours: no switcher there. */}
              {ctx.csrfToken ? (
                <form method="post" action={props.languageAction} class="inline-form lang-switch">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <input type="hidden" name="locale" value={otherLocale} />
                  <input type="hidden" name="next" value={ctx.path} />
                  <button type="submit" class="link-button" lang={otherLocale}>
                    {t('lang.switchTo')}
                  </button>
                </form>
              ) : null}
            </nav>
          </div>
        </header>
        <main id="main" class={props.mainClass ?? 'site-main'} tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">{props.footer}</footer>
      </body>
    </html>
  );
}

/** A navigation entry, marked as the current page when the path is it or below it. */
export function NavLink({
  ctx,
  href,
  label,
  exact = false,
}: {
  ctx: PageContext;
  href: string;
  label: string;
  exact?: boolean;
}) {
  const current = ctx.path === href || (!exact && ctx.path.startsWith(`${href}/`));
  return (
    <li>
      <a href={href} aria-current={current ? 'page' : undefined}>
        {label}
      </a>
    </li>
  );
}

/** The sign-out button of a navigation list. */
export function SignOutButton({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <li>
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <button type="submit" class="link-button">
          {label}
        </button>
      </form>
    </li>
  );
}
