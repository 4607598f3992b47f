import type { Locale } from '../../views/i18n/index.ts';

/** An email as it leaves: subject, plain text (always present) and sober HTML. */
export type RenderedEmail = { subject: string; text: string; html: string };

/**
 * One module per email: `render` gives the subject, text and HTML together, in the recipient's
 * language. Data are plain strings (names, links); a link that carries a token makes the
 * outbox row sensitive, and it is stored encrypted until delivered.
 * @example export const passwordChangedEmail: EmailTemplate<{ name: string }> = { name: 'password-changed', render: (d, locale) => ({ … }) };
 */
export type EmailTemplate<Data> = { name: string; render(data: Data, locale: Locale): RenderedEmail };
