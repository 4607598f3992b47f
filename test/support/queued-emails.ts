import { openEmailContent } from '../../src/platform/mail/outbox.ts';
import type { TestApp } from './test-app.ts';

export type QueuedEmail = {
  id: string;
  to: string;
  kind: string;
  accountId: string | null;
  subject: string;
  text: string;
  html: string;
};

/**
 * The emails waiting in the outbox, oldest first, opened with the test app's master key.
 * Filters are exact matches; `to` is compared as stored (the recipient the outbox will use).
 */
export async function queuedEmails(
  t: Pick<TestApp, 'deps'>,
  filter: { to?: string; kind?: string; accountId?: string } = {},
): Promise<QueuedEmail[]> {
  let query = t.deps.db
    .selectFrom('email_outbox')
    .select(['id', 'recipient', 'kind', 'account_id', 'sealed_message', 'created_at'])
    .where('status', '=', 'queued')
    .orderBy('created_at')
    .orderBy('id');
  if (filter.to !== undefined) query = query.where('recipient', '=', filter.to);
  if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
  if (filter.accountId !== undefined) query = query.where('account_id', '=', filter.accountId);
  const rows = await query.execute();
  return rows.map((row) => {
    const content = openEmailContent(t.deps.masterKey, row.id, row.sealed_message);
    return {
      id: row.id,
      to: row.recipient,
      kind: row.kind,
      accountId: row.account_id,
      subject: content.subject,
      text: content.text,
      html: content.html,
    };
  });
}

/** The token of the first `?token=` link in an email's text. */
export function tokenFromLink(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no link with a token in this email');
  return match[1];
}
