import type { ComponentChildren } from 'preact';
import { Layout } from '../../views/layout.tsx';
import type { PageContext } from '../../views/page-context.ts';
import type { DevMail, DevMailSummary } from './dev-mailbox.ts';

/** /dev/mail: what the file transport wrote, newest first. Development only. */
export function DevMailListPage({ ctx, mails }: { ctx: PageContext; mails: DevMailSummary[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devMail.title')}>
      <section class="panel">
        <h1>{t('devMail.title')}</h1>
        <p>{t('devMail.intro')}</p>
        <p class="alert alert--warning">{t('devMail.warning')}</p>
        {mails.length === 0 ? (
          <p class="muted">{t('devMail.empty')}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('devMail.date')}</th>
                <th scope="col">{t('devMail.to')}</th>
                <th scope="col">{t('devMail.subject')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr key={mail.file}>
                  <td>{formatDate(mail.date, ctx)}</td>
                  <td>{mail.to}</td>
                  <td>
                    <a href={`/dev/mail/${encodeURIComponent(mail.file)}`}>
                      {mail.subject || t('devMail.noSubject')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

/** One message: headers and the plain-text part with clickable links. The HTML part is never put in our page. */
export function DevMailPage({ ctx, mail }: { ctx: PageContext; mail: DevMail }) {
  const { t } = ctx;
  const rows: [string, string][] = [
    [t('devMail.date'), formatDate(mail.date, ctx)],
    [t('devMail.from'), mail.from],
    [t('devMail.to'), mail.to],
    [t('devMail.messageId'), mail.messageId],
  ];
  return (
    <Layout ctx={ctx} title={mail.subject || t('devMail.noSubject')}>
      <section class="panel">
        <p>
          <a href="/dev/mail">{t('devMail.back')}</a>
        </p>
        <h1>{mail.subject || t('devMail.noSubject')}</h1>
        <dl class="dl">
          {rows.map(([label, value]) => (
            <div class="dl-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <h2>{t('devMail.textPart')}</h2>
        <pre class="mail-text">{linkify(mail.text)}</pre>
        {mail.hasHtml ? <p class="muted">{t('devMail.htmlNote')}</p> : null}
        <p>
          <a href={`/dev/mail/${encodeURIComponent(mail.file)}/raw`}>{t('devMail.download')}</a>
        </p>
      </section>
    </Layout>
  );
}

// http(s) addresses only; a trailing period or parenthesis belongs to the sentence, not the link.
const WEB_URL = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** The text with its web addresses as links; everything else stays text (Preact escapes it). */
export function linkify(text: string): ComponentChildren[] {
  const parts: ComponentChildren[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_URL)) {
    parts.push(text.slice(last, match.index));
    parts.push(<a href={match[0]}>{match[0]}</a>);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts;
}

function formatDate(date: Date | null, ctx: PageContext): string {
  if (!date) return '';
  return date.toLocaleString(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  });
}
