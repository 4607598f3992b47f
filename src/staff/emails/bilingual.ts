import { type EmailLayoutInput, renderEmailLayout } from '../../platform/mail/email-layout.ts';
import type { RenderedEmail } from '../../platform/mail/email-template.ts';
import type { Locale } from '../../views/i18n/index.ts';

/**
 * Staff members have no saved language: their emails say everything in French, then in English,
 * in one message (subject "FR / EN", the English text after the French in both parts).
 */
export function renderBilingualEmail(input: (locale: Locale) => EmailLayoutInput): RenderedEmail {
  const fr = renderEmailLayout(input('fr'));
  const en = renderEmailLayout(input('en'));
  const body = (html: string) => /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
  return {
    subject: `${fr.subject} / ${en.subject}`,
    text: `${fr.text}\n---- English ----\n\n${en.text}`,
    // The English card goes into the French document, after the French one.
    html: fr.html.replace('</body>', `<div lang="en">${body(en.html)}</div></body>`),
  };
}
