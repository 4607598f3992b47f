import type { AuditEvent } from './audit.ts';

/** The columns of the audit export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurred_at',
  'actor_type',
  'actor_id',
  'account_id',
  'action',
  'ip',
  'user_agent',
  'details',
  'hash',
] as const;

// Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection"):
// a user agent or a name typed by an attacker must stay text when support opens the export.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * One CSV cell: neutralised against formula injection by a leading apostrophe, then quoted as
 * RFC 4180 says (always quoted, inner quotes doubled), so commas and line breaks stay inside it.
 * @example csvCell('=HYPERLINK("x")') // "\"'=HYPERLINK(\"\"x\"\")\""
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (FORMULA_TRIGGER.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvRow(cells: (string | number | boolean | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The CSV lines of an export: header first, then one line per event. */
export async function* auditEventsCsv(events: AsyncIterable<AuditEvent>): AsyncGenerator<string> {
  // A BOM so that spreadsheet software reads the file as UTF-8 (accents in names and agents).
  yield `\uFEFF${csvRow([...AUDIT_CSV_COLUMNS])}`;
  for await (const e of events) {
    yield csvRow([
      e.seq,
      e.occurredAt.toISOString(),
      e.actorType,
      e.actorId,
      e.accountId,
      e.action,
      e.ip,
      e.userAgent,
      JSON.stringify(e.details),
      e.hash, // empty for an event the chainer has not linked yet (a second or so after it was recorded)
    ]);
  }
}
