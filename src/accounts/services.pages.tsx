import { domainToUnicode } from 'node:url';
import type { PageContext } from '../views/page-context.ts';
import type { AccountService } from './service.ts';

/** A domain as its holder reads it, with the stored ASCII form beside it when the two differ. */
function DomainName({ ctx, name }: { ctx: PageContext; name: string }) {
  const unicode = domainToUnicode(name);
  if (!unicode || unicode === name) return <>{name}</>;
  return (
    <>
      {unicode} <span class="muted">({ctx.t('account.services.asciiForm', { name })})</span>
    </>
  );
}

/** A service in one line: its name (a domain as its holder reads it) and its kind. */
export function ServiceLabel({ ctx, service }: { ctx: PageContext; service: AccountService }) {
  return (
    <>
      {service.kind === 'domain' ? <DomainName ctx={ctx} name={service.name} /> : service.name}{' '}
      <span class="muted">({ctx.t(`account.services.kind.${service.kind}`)})</span>
    </>
  );
}

/** « Service concerné » in a ticket's details, when the ticket is about one. */
export function TicketServiceRow({ ctx, service }: { ctx: PageContext; service: AccountService | null }) {
  if (!service) return null;
  return (
    <div class="dl-row">
      <dt>{ctx.t('support.field.service')}</dt>
      <dd>
        <ServiceLabel ctx={ctx} service={service} />
      </dd>
    </div>
  );
}

/** « Mes services » on the fiche: hosting plans with their panel user, and domains. */
export function ServicesSection({ ctx, services }: { ctx: PageContext; services: AccountService[] }) {
  const { t } = ctx;
  const hasHosting = services.some((s) => s.kind === 'hosting');
  return (
    <section class="panel" aria-labelledby="services-title">
      <h2 id="services-title">{t('account.services.title')}</h2>
      {services.length === 0 ? (
        <p class="muted">{t('account.services.empty')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('account.services.service')}</th>
              <th scope="col">{t('account.services.kind')}</th>
              <th scope="col">{t('account.services.panelUsername')}</th>
            </tr>
          </thead>
          <tbody>
            {services.map((service) => (
              <tr key={service.id}>
                <td>
                  {service.kind === 'domain' ? <DomainName ctx={ctx} name={service.name} /> : service.name}
                </td>
                <td>{t(`account.services.kind.${service.kind}`)}</td>
                <td>{service.panelUsername ? <code>{service.panelUsername}</code> : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* The provider's rule: a webmaster gets panel access, never the client account. */}
      {hasHosting ? <p class="alert alert--info">{t('account.services.webmasterNote')}</p> : null}
    </section>
  );
}
