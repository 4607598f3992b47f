import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';

/**
 * Reads the `.eml` files the file transport writes in DATA_DIR/mail, for the /dev/mail pages.
 * Development only: these files hold links and tokens in clear.
 */

export type DevMailSummary = { file: string; date: Date | null; to: string; subject: string };
export type DevMail = DevMailSummary & {
  from: string;
  messageId: string;
  text: string;
  hasHtml: boolean;
  raw: Buffer;
};

const LIST_LIMIT = 100;
// The file transport's names: a timestamp, random hex, .eml. Anything else (`..`, a slash) is refused.
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.eml$/;

export function isDevMailFileName(name: string): boolean {
  return FILE_NAME.test(name) && !name.includes('..');
}

/** The newest messages first (names start with the time they were written), at most 100. */
export async function listDevMail(directory: string): Promise<DevMailSummary[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const newest = names.filter(isDevMailFileName).sort().reverse().slice(0, LIST_LIMIT);
  return Promise.all(
    newest.map(async (file) => {
      const { date, to, subject } = await getDevMail(directory, file).then((mail) => mail ?? emptyMail(file));
      return { file, date, to, subject };
    }),
  );
}

/** One message, parsed; null when the name is not one of ours or the file is gone. */
export async function getDevMail(directory: string, file: string): Promise<DevMail | null> {
  if (!isDevMailFileName(file)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(path.join(directory, file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const parsed = await simpleParser(raw);
  return {
    file,
    date: parsed.date ?? null,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    messageId: parsed.messageId ?? '',
    text: parsed.text ?? '',
    hasHtml: typeof parsed.html === 'string' && parsed.html.length > 0,
    raw,
  };
}

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}

function emptyMail(file: string): DevMailSummary {
  return { file, date: null, to: '', subject: '' };
}
