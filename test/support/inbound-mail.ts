import { spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import path from 'node:path';
import { type DKIMSignOptions, dkimSign } from 'mailauth';
import nodemailer from 'nodemailer';
import { CLI_TIMEOUT_MS, cliError } from './cli.ts';

/** Builders for inbound support email tests: raw messages, DKIM signatures and a fake DNS. */

let counter = 0;
export const freshMessageId = (domain = 'mail.test') =>
  `<m${++counter}.${randomBytes(6).toString('hex')}@${domain}>`;

export type RawEmail = {
  from: string;
  to?: string;
  subject: string;
  text: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
  /** Extra header lines put on top, as an MTA would (e.g. Authentication-Results). */
  topHeaders?: string[];
  attachments?: { filename: string; contentType: string; content: Buffer }[];
};

/** An RFC 5322 message, CRLF line ends, with a multipart/mixed body when there are attachments. */
export function buildRawEmail(email: RawEmail): Buffer {
  const lines = [...(email.topHeaders ?? [])];
  lines.push(`From: ${email.from}`, `To: ${email.to ?? 'support@sesame.localhost'}`);
  lines.push(`Subject: ${encodeHeader(email.subject)}`, `Date: ${new Date().toUTCString()}`);
  const messageId = email.messageId === undefined ? freshMessageId() : email.messageId;
  if (messageId) lines.push(`Message-ID: ${messageId}`);
  if (email.inReplyTo) lines.push(`In-Reply-To: ${email.inReplyTo}`);
  if (email.references) lines.push(`References: ${email.references}`);
  for (const [name, value] of Object.entries(email.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push('MIME-Version: 1.0');
  const text = Buffer.from(email.text, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  if (!email.attachments?.length) {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', text);
    return Buffer.from(`${lines.join('\r\n')}\r\n`);
  }
  const boundary = `b-${randomBytes(8).toString('hex')}`;
  lines.push(`Content-Type: multipart/mixed; boundary="${boundary}"`, '');
  lines.push(
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    text,
  );
  for (const file of email.attachments) {
    lines.push(
      `--${boundary}`,
      `Content-Type: ${file.contentType}; name="${file.filename}"`,
      `Content-Disposition: attachment; filename="${file.filename}"`,
      'Content-Transfer-Encoding: base64',
      '',
      file.content.toString('base64').replace(/.{76}/g, '$&\r\n'),
    );
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'));
}

function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

/** A DKIM key of a test domain: `privateKey` signs, `dnsRecord` is what its selector publishes. */
export function createDkimKey() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    dnsRecord: `v=DKIM1; k=rsa; p=${der}`,
  };
}

/** The raw message with a DKIM-Signature for `domain` (selector `s1`) on top. */
export async function dkimSigned(raw: Buffer, domain: string, privateKey: string): Promise<Buffer> {
  // mailauth 4 reads `signatureData` (its bundled typings describe an older, flat shape).
  const options = { signatureData: [{ signingDomain: domain, selector: 's1', privateKey }] };
  const signed = await dkimSign(raw, options as unknown as DKIMSignOptions);
  if (signed.errors.length) throw signed.errors[0];
  if (!signed.signatures.trim()) throw new Error('mailauth produced no DKIM signature');
  const header = signed.signatures.endsWith('\r\n') ? signed.signatures : `${signed.signatures}\r\n`;
  return Buffer.concat([Buffer.from(header), raw]);
}

const notFound = () => Object.assign(new Error('queryTxt ENOTFOUND'), { code: 'ENOTFOUND' });

/**
 * FAKE DNS for mailauth (there is no internet in tests): answers TXT records from `txt`
 * (name → records), and ENOTFOUND for everything else.
 */
export function fakeDnsResolver(txt: Record<string, string[]>) {
  return async (name: string, rrtype: string): Promise<string[][]> => {
    const records = rrtype === 'TXT' ? txt[name.toLowerCase()] : undefined;
    if (!records) throw notFound();
    return records.map((record) => [record]);
  };
}

/** A FAKE DNS that cannot be reached: every query fails with a server failure (not "no such name"). */
export async function unreachableDnsResolver(): Promise<string[][]> {
  throw Object.assign(new Error('queryTxt ESERVFAIL'), { code: 'ESERVFAIL' });
}

/** The DNS of a domain that signs with `dnsRecord` and publishes a DMARC reject policy. */
export function dmarcDomainRecords(domain: string, dnsRecord: string): Record<string, string[]> {
  return { [`s1._domainkey.${domain}`]: [dnsRecord], [`_dmarc.${domain}`]: ['v=DMARC1; p=reject'] };
}

/** Sends a raw message through a real SMTP session (nodemailer) to the listener on 127.0.0.1. */
export async function sendRawBySmtp(port: number, raw: Buffer, envelope: { from: string; to: string }) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    return await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

/** The real `sesame mail ingest` in a sandbox DATA_DIR, the message on stdin. */
export function runMailIngestCli(
  dataDir: string,
  raw: Buffer,
  environment: Record<string, string> = {},
  args: string[] = [],
) {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const result = spawnSync(process.execPath, [path.resolve('bin/sesame.mjs'), 'mail', 'ingest', ...args], {
    env: { ...inherited, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...environment },
    input: raw,
    encoding: 'utf8',
    timeout: CLI_TIMEOUT_MS,
  });
  if (result.error) throw cliError(['mail', 'ingest', ...args], result.error);
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
