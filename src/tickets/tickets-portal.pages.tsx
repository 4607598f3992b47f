import type { AccountService } from '../accounts/service.ts';
import { TicketServiceRow } from '../accounts/services.pages.tsx';
import { RegisterLabel, useRegisterFieldLabel } from '../views/field-labels.ts';
import { CsrfField, ErrorSummary, Field, type FormState, fieldMessage } from '../views/form.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import { type Ticket, type TicketMessage, ticketCategories } from './ticket.ts';
import { AttachFileForm, CloseTicketForm } from './ticket-portal-forms.pages.tsx';
import { portalAuthor } from './tickets-portal.presenter.ts';

/** The customer's support pages: their tickets, a new request, one thread. They work without JavaScript. */

const statusLabel = (s: Ticket['status']) => `support.status.${s}` as MessageKey;
const categoryLabel = (c: Ticket['category']) => `support.category.${c}` as MessageKey;

export function formatPortalDate(locale: PageContext['locale'], date: Date): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

export function SupportListPage({ ctx, tickets }: { ctx: PageContext; tickets: Ticket[] }) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={t('support.list.title')}>
      <section class="panel">
        <h1>{t('support.list.title')}</h1>
        <p>{t('support.list.intro')}</p>
        <p>
          <a class="button button--primary" href="/support/new">
            {t('support.list.new')}
          </a>
        </p>
        {tickets.length === 0 ? (
          <p>{t('support.list.empty')}</p>
        ) : (
          <table class="table">
            <caption class="visually-hidden">{t('support.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('support.field.reference')}</th>
                <th scope="col">{t('support.field.subject')}</th>
                <th scope="col">{t('support.field.status')}</th>
                <th scope="col">{t('support.field.lastMessageAt')}</th>
              </tr>
            </thead>
            <tbody>
              {tickets.map((ticket) => (
                <tr key={ticket.id}>
                  <td>
                    <a href={`/support/${encodeURIComponent(ticket.reference)}`}>{ticket.reference}</a>
                  </td>
                  <td>{ticket.subject}</td>
                  <td>{t(statusLabel(ticket.status))}</td>
                  <td>{formatPortalDate(locale, ticket.lastMessageAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

/** A message as written: its line breaks kept (Preact escapes the text). */
export function MessageBody({ body }: { body: string }) {
  const lines = body.split(/\r?\n/);
  return (
    <p class="thread__body">
      {lines.map((line, i) => (
        <span key={i}>
          {i > 0 ? <br /> : null}
          {line}
        </span>
      ))}
    </p>
  );
}

function FieldErrors({ ctx, form, name }: { ctx: PageContext; form: FormState; name: string }) {
  const errors = form.errors.filter((e) => e.field === name);
  if (errors.length === 0) return null;
  return (
    <p class="field__error" id={`field-${name}-error`}>
      {errors.map((e) => fieldMessage(ctx.t, e)).join(' ')}
    </p>
  );
}

/** The message box of the new-request and reply forms. */
function BodyArea({ ctx, form, label }: { ctx: PageContext; form: FormState; label: string }) {
  const invalid = form.errors.some((e) => e.field === 'body');
  useRegisterFieldLabel('field-body', label);
  return (
    <div class={`field${invalid ? ' field--error' : ''}`}>
      <label for="field-body">
        {label} <span class="field__flag">{ctx.t('form.required')}</span>
      </label>
      <textarea
        id="field-body"
        name="body"
        rows={8}
        maxLength={20000}
        required
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={invalid ? 'field-body-error' : undefined}
      >
        {form.values.body ?? ''}
      </textarea>
      <FieldErrors ctx={ctx} form={form} name="body" />
    </div>
  );
}

export function NewTicketPage({
  ctx,
  form,
  services,
  error,
}: {
  ctx: PageContext;
  form: FormState;
  services: AccountService[];
  error?: string;
}) {
  const { t } = ctx;
  const category = form.values.category ?? 'general';
  return (
    <Layout ctx={ctx} title={t('support.new.title')}>
      <section class="panel panel--narrow">
        <h1>{t('support.new.title')}</h1>
        <p>{t('support.new.intro')}</p>
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/support/new" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="subject"
            label={t('support.field.subject')}
            form={form}
            required
            maxLength={200}
          />
          <fieldset id="field-category">
            <legend>{t('support.field.category')}</legend>
            <RegisterLabel id="field-category" label={t('support.field.category')} />
            {ticketCategories.map((c) => (
              <div class="field field--checkbox" key={c}>
                <input
                  type="radio"
                  id={`field-category-${c}`}
                  name="category"
                  value={c}
                  checked={category === c}
                  aria-describedby={`field-category-${c}-hint`}
                />
                <label for={`field-category-${c}`}>{t(categoryLabel(c))}</label>
                <p class="field__hint" id={`field-category-${c}-hint`}>
                  {t(`support.category.${c}.hint` as MessageKey)}
                </p>
              </div>
            ))}
            <FieldErrors ctx={ctx} form={form} name="category" />
          </fieldset>
          {services.length > 0 ? (
            <div class={`field${form.errors.some((e) => e.field === 'serviceId') ? ' field--error' : ''}`}>
              <RegisterLabel id="field-serviceId" label={t('support.field.service')} />
              <label for="field-serviceId">
                {t('support.field.service')} <span class="field__flag">{t('form.optional')}</span>
              </label>
              <select id="field-serviceId" name="serviceId">
                <option value="">{t('support.field.noService')}</option>
                {services.map((s) => (
                  <option key={s.id} value={s.id} selected={form.values.serviceId === s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <FieldErrors ctx={ctx} form={form} name="serviceId" />
            </div>
          ) : null}
          <BodyArea ctx={ctx} form={form} label={t('support.field.body')} />
          <button type="submit" class="button button--primary">
            {t('support.new.submit')}
          </button>
        </form>
        <ul class="links">
          <li>
            <a href="/support">{t('support.back')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export function TicketThreadPage({
  ctx,
  ticket,
  messages,
  service,
  form,
  notice,
  attachError,
}: {
  ctx: PageContext;
  ticket: Ticket;
  messages: TicketMessage[];
  service: AccountService | null;
  form: FormState;
  notice?: string;
  attachError?: string | undefined;
}) {
  const { t, locale } = ctx;
  return (
    <Layout ctx={ctx} title={`${ticket.reference} — ${ticket.subject}`}>
      <section class="panel">
        <h1>{ticket.subject}</h1>
        {notice ? (
          <p class="alert alert--success" role="status">
            {notice}
          </p>
        ) : null}
        <dl class="dl">
          <div class="dl-row">
            <dt>{t('support.field.reference')}</dt>
            <dd>{ticket.reference}</dd>
          </div>
          <div class="dl-row">
            <dt>{t('support.field.status')}</dt>
            <dd>{t(statusLabel(ticket.status))}</dd>
          </div>
          <div class="dl-row">
            <dt>{t('support.field.category')}</dt>
            <dd>{t(categoryLabel(ticket.category))}</dd>
          </div>
          <TicketServiceRow ctx={ctx} service={service} />
        </dl>
      </section>
      <section class="panel" aria-labelledby="thread-title">
        <h2 id="thread-title">{t('support.thread.title')}</h2>
        <ol class="thread">
          {messages.map((m) => (
            <li
              key={m.id}
              class={`thread__message thread__message--${portalAuthor(m) === 'vous' ? 'own' : 'support'}`}
            >
              <h3 class="thread__author">
                {portalAuthor(m) === 'vous' ? t('support.thread.you') : t('support.thread.support')}
                {' — '}
                <time datetime={m.createdAt.toISOString()}>{formatPortalDate(locale, m.createdAt)}</time>
              </h3>
              <MessageBody body={m.body} />
            </li>
          ))}
        </ol>
      </section>
      <section class="panel" aria-labelledby="reply-title">
        <h2 id="reply-title">{t('support.reply.title')}</h2>
        {ticket.status === 'closed' ? <p>{t('support.reply.closed')}</p> : null}
        <ErrorSummary t={t} errors={form.errors} />
        <form method="post" action={`/support/${encodeURIComponent(ticket.reference)}`} novalidate>
          <CsrfField ctx={ctx} />
          <BodyArea ctx={ctx} form={form} label={t('support.reply.body')} />
          <button type="submit" class="button button--primary">
            {t('support.reply.submit')}
          </button>
        </form>
        <AttachFileForm ctx={ctx} ticket={ticket} error={attachError} />
        <CloseTicketForm ctx={ctx} ticket={ticket} />
        <ul class="links">
          <li>
            <a href="/support">{t('support.back')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}
