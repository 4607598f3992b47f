import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';
import { NavLink, PageShell, SignOutButton } from './page-shell.tsx';

type LayoutProps = { ctx: PageContext; title: string; children: ComponentChildren; scripts?: string[] };

/** The customer area's frame: the fiche, sessions and sign-out in the navigation once signed in. */
export function Layout({ ctx, title, children, scripts = [] }: LayoutProps) {
  const { t } = ctx;
  return (
    <PageShell
      ctx={ctx}
      documentTitle={`${title} — ${t('app.name')}`}
      brand={{ href: ctx.signedInAs ? '/account' : '/login', tagline: t('app.tagline') }}
      navLabel={t('nav.main')}
      nav={
        ctx.signedInAs ? (
          <ul>
            <NavLink ctx={ctx} href="/account" label={t('nav.account')} exact />
            <NavLink ctx={ctx} href="/account/sessions" label={t('nav.sessions')} />
            <NavLink ctx={ctx} href="/account/applications" label={t('nav.applications')} />
            <NavLink ctx={ctx} href="/support" label={t('support.nav')} />
            <SignOutButton ctx={ctx} action="/logout" label={t('nav.logout')} />
          </ul>
        ) : null
      }
      languageAction="/language"
      scripts={scripts}
      footer={t('footer.text')}
    >
      {children}
    </PageShell>
  );
}
