import { simpleParser } from 'mailparser';

/**
 * One inbound email reduced to what support intake needs. Parsing never decides trust: the From
 * line is a claim until verify-sender.ts says otherwise.
 */

// Long enough for any real message; a mail bomb of text does not fill the database.
export const MAX_STORED_BODY_CHARS = 50_000;
// More than this many files in one email are not taken in (each one is scanned and re-encoded).
export const MAX_ATTACHMENTS = 10;

export type InboundAttachment = { filename: string | null; content: Buffer };

export type InboundEmail = {
  /** Every address of the From header (exactly one is required to take the message in). */
  fromAddresses: string[];
  fromName: string | null;
  subject: string;
  body: string;
  messageId: string | null;
  inReplyTo: string | null;
  /** In-Reply-To then References, newest first, for threading. */
  threadIds: string[];
  /** Automatic mail (RFC 3834 Auto-Submitted, Precedence bulk/junk/list, a bounce): never answered. */
  automatic: boolean;
  /** Header lines in the order they appear (topmost first), for Authentication-Results. */
  headerLines: readonly { key: string; line: string }[];
  attachments: InboundAttachment[];
};

// What a text column cannot hold (NUL: PostgreSQL refuses it) or should not: shown as U+FFFD.
const FORBIDDEN = /(?![\t\n\r])\p{Cc}|\p{Cs}/gu;
const clean = (text: string) => text.replace(FORBIDDEN, '\uFFFD');

export async function parseInboundEmail(
  raw: Buffer,
  envelope: { mailFrom?: string | null } = {},
): Promise<InboundEmail> {
  const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const fromAddresses = (parsed.from?.value ?? [])
    .flatMap((entry) => (entry.group ? entry.group : [entry]))
    .map((entry) => entry.address?.trim() ?? '')
    .filter((address) => address !== '');
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return typeof value === 'string' ? value.trim().toLowerCase() : '';
  };
  const autoSubmitted = header('auto-submitted');
  const precedence = header('precedence');
  const returnPath = header('return-path');
  const automatic =
    (autoSubmitted !== '' && autoSubmitted !== 'no') ||
    ['bulk', 'junk', 'list'].includes(precedence) ||
    // A null reverse path (<>) is a bounce or another automatic notice (RFC 5321 §4.5.5).
    envelope.mailFrom === '' ||
    returnPath === '<>';
  const references = parsed.references
    ? Array.isArray(parsed.references)
      ? parsed.references
      : [parsed.references]
    : [];
  const inReplyTo = parsed.inReplyTo?.trim() || null;
  const threadIds = [...new Set([...(inReplyTo ? [inReplyTo] : []), ...references.reverse()])].filter(
    (id) => id.length <= 998 && !/[\r\n]/.test(id),
  );
  return {
    fromAddresses,
    fromName: clean(parsed.from?.value[0]?.name?.trim() ?? '') || null,
    subject: clean(parsed.subject ?? '')
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 200),
    body: clean(parsed.text ?? '')
      .trim()
      .slice(0, MAX_STORED_BODY_CHARS),
    messageId: parsed.messageId?.trim() || null,
    inReplyTo,
    threadIds,
    automatic,
    headerLines: parsed.headerLines,
    // Parts shown inline in an HTML body (signature logos) are decoration, not documents.
    attachments: parsed.attachments
      .filter((attachment) => !attachment.related)
      .map((attachment) => ({
        filename: attachment.filename ? clean(attachment.filename) : null,
        content: attachment.content,
      })),
  };
}
