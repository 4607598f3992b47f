import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Locale } from '../../views/i18n/index.ts';
import type { RenderedEmail } from './email-template.ts';

/**
 * The frame every email shares: a sober, table-based HTML part (what mail clients render
 * reliably; inline styles because most of them drop <style>) and the plain-text part, built from
 * the same blocks so the two always say the same thing. Preact escapes every text and attribute.
 * @example renderEmailLayout({ locale: 'fr', subject: 'Objet', greeting: 'Bonjour Jeanne,', blocks: ['Un paragraphe.', { action: 'Ouvrir', url: 'https://…' }] })
 */

export type EmailBlock =
  /** A paragraph. */
  | string
  /** The main button; its address is also written out for clients that block buttons. */
  | { action: string; url: string }
  /** A secondary link on its own line. */
  | { link: string; url: string }
  /** Words a person wrote (an agent's answer): kept as written, blank lines between paragraphs. */
  | { message: string };

export type EmailLayoutInput = {
  locale: Locale;
  subject: string;
  /** Left out when the blocks start with a person's own message, which has its own greeting. */
  greeting?: string;
  blocks: EmailBlock[];
  /** Replaces « do not reply » for emails that want an answer (support tickets). */
  footerNote?: string;
};

const footer: Record<Locale, { signature: string; automatic: string; copyLink: string; colon: string }> = {
  fr: {
    // French typography: a no-break space before the colon.
    colon: '\u00a0:',
    signature: 'L’équipe Sésame',
    automatic: 'Ce message est envoyé automatiquement\u00a0; merci de ne pas y répondre.',
    copyLink: 'Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur\u00a0:',
  },
  en: {
    colon: ':',
    signature: 'The Sésame team',
    automatic: 'This message is sent automatically; please do not reply to it.',
    copyLink: 'If the button does not work, copy this address into your browser:',
  },
};

const FONT = 'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;';
const BUTTON =
  'display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;font-family:Arial,Helvetica,sans-serif;font-size:16px;';

/** Renders the subject, the HTML part and the text part of an email. */
export function renderEmailLayout(input: EmailLayoutInput): RenderedEmail {
  for (const block of input.blocks) if (typeof block !== 'string' && 'url' in block) assertWebUrl(block.url);
  return { subject: input.subject, html: renderHtml(input), text: renderText(input) };
}

// Only web links: a javascript: or data: URL in an email is never something we meant to send.
function assertWebUrl(url: string): void {
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:')
    throw new Error(`email links must be http(s): ${protocol}`);
}

/** The paragraphs of a written message, each a list of lines (CRLF and trailing spaces dropped). */
export function messageParagraphs(message: string): string[][] {
  return message
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.split('\n').map((line) => line.trimEnd()))
    .filter((lines) => lines.some((line) => line.trim() !== ''));
}

function renderText(input: EmailLayoutInput): string {
  const words = footer[input.locale];
  const blocks = input.blocks.map((block) => {
    if (typeof block === 'string') return block;
    if ('message' in block)
      return messageParagraphs(block.message)
        .map((lines) => lines.join('\n'))
        .join('\n\n');
    return `${'action' in block ? block.action : block.link}${words.colon}\n${block.url}`;
  });
  const greeting = input.greeting === undefined ? [] : [input.greeting];
  return `${[...greeting, ...blocks].join('\n\n')}\n\n-- \n${words.signature}\n${input.footerNote ?? words.automatic}\n`;
}

function renderHtml(input: EmailLayoutInput): string {
  const words = footer[input.locale];
  const paragraph = (children: ComponentChildren) => h('p', { style: `margin:0 0 16px;${FONT}` }, children);
  const blocks = input.blocks.map((block) => {
    if (typeof block === 'string') return paragraph(block);
    if ('message' in block)
      // Each line break kept as <br>: text is escaped by Preact, never inserted as markup.
      return h(
        'div',
        { style: 'margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #e5e7eb;' },
        messageParagraphs(block.message).map((lines) =>
          paragraph(lines.flatMap((line, i) => (i === 0 ? [line] : [h('br', null), line]))),
        ),
      );
    if ('link' in block) return paragraph(h('a', { href: block.url, style: 'color:#1d4ed8;' }, block.link));
    return h(
      'div',
      { style: 'margin:8px 0 24px;' },
      h('p', { style: 'margin:0 0 12px;' }, h('a', { href: block.url, style: BUTTON }, block.action)),
      h(
        'p',
        { style: `margin:0;${FONT}font-size:13px;color:#4b5563;` },
        `${words.copyLink} `,
        // Only the address may break anywhere: on the whole paragraph, break-all cut its words too.
        h('a', { href: block.url, style: 'color:#1d4ed8;word-break:break-all;' }, block.url),
      ),
    );
  });
  const table = (style: string, ...rows: ComponentChildren[]) =>
    h(
      'table',
      { role: 'presentation', width: '100%', cellPadding: 0, cellSpacing: 0, border: 0, style },
      rows,
    );
  const card = table(
    'max-width:600px;background:#ffffff;border:1px solid #e5e7eb;',
    h(
      'tr',
      null,
      h(
        'td',
        {
          style: `padding:20px 24px;border-bottom:3px solid #1d4ed8;${FONT}font-size:20px;font-weight:bold;`,
        },
        'Sésame',
      ),
    ),
    h(
      'tr',
      null,
      h(
        'td',
        { style: 'padding:24px;' },
        input.greeting === undefined ? null : paragraph(input.greeting),
        blocks,
      ),
    ),
    h(
      'tr',
      null,
      h(
        'td',
        { style: `padding:16px 24px;border-top:1px solid #e5e7eb;${FONT}font-size:13px;color:#4b5563;` },
        words.signature,
        h('br', null),
        input.footerNote ?? words.automatic,
      ),
    ),
  );
  const page = h(
    'html',
    { lang: input.locale },
    h(
      'head',
      null,
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', null, input.subject),
    ),
    h(
      'body',
      { style: 'margin:0;padding:0;background:#f3f4f6;' },
      table(
        'background:#f3f4f6;',
        h('tr', null, h('td', { align: 'center', style: 'padding:24px 12px;' }, card)),
      ),
    ),
  );
  return `<!doctype html>${renderToString(page)}`;
}
