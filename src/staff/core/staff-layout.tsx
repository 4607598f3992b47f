import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { pageContext } from '../../platform/http/request-context.ts';
import type { PageContext } from '../../views/page-context.ts';
import { NavLink, PageShell, SignOutButton } from '../../views/page-shell.tsx';
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
  const { t, staff } = ctx;
  return (
    <PageShell
      ctx={ctx}
      documentTitle={`${title} — ${t('app.name')} ${t('staff.tagline')}`}
      brand={{ href: staff ? '/staff/accounts' : '/staff/login', tagline: t('staff.tagline') }}
      navLabel={t('staff.nav.main')}
      nav={
        staff ? (
          <ul>
            {staff.can('accounts.search') ? (
              <NavLink ctx={ctx} href="/staff/accounts" label={t('staff.nav.accounts')} />
            ) : null}
            {staff.can('recovery.review') ? (
              <NavLink ctx={ctx} href="/staff/recovery" label={t('recovery.staff.nav')} />
            ) : null}
            {staff.can('tickets.view') ? (
              <NavLink ctx={ctx} href="/staff/tickets" label={t('tickets.staff.nav')} />
            ) : null}
            {staff.can('audit.view') ? (
              <NavLink ctx={ctx} href="/staff/audit" label={t('staff.nav.audit')} />
            ) : null}
            {staff.can('staff.manage') ? (
              <NavLink ctx={ctx} href="/staff/team" label={t('staff.nav.team')} />
            ) : null}
            <NavLink ctx={ctx} href="/staff/me" label={t('staff.nav.me')} />
            <li class="muted">
              {t('staff.nav.signedInAs', { name: staff.name, role: t(`staff.role.${staff.role}`) })}
            </li>
            <SignOutButton ctx={ctx} action="/staff/logout" label={t('staff.nav.logout')} />
          </ul>
        ) : null
      }
      // Posted under /staff so the CSRF check uses the staff session's secret.
      languageAction="/staff/language"
      stylesheets={['/static/staff.css']}
      bodyClass="staff"
      mainClass="site-main site-main--wide"
      footer={t('staff.footer')}
    >
      {children}
    </PageShell>
  );
}
