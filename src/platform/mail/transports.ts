import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Config } from '../../config.ts';

/** One email ready to leave: what the outbox hands to a transport. */
export type OutgoingMessage = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** `<id@host>`: the same on every attempt, so a receiver can drop a duplicate. */
  messageId: string;
};

/** Sends one message or throws; an error with `permanent: true` (an SMTP 5xx) is not retried. */
export interface MailTransport {
  send(message: OutgoingMessage): Promise<void>;
  /** How many sends it takes at once (the SMTP pool's connections); 1 when unset. */
  readonly concurrency?: number;
  /** Releases connections; the worker calls it when it stops. */
  close?(): Promise<void>;
}

export function mailDirFor(dataDir: string): string {
  return path.join(dataDir, 'mail');
}

/** SMTP when `SMTP_URL` is set; otherwise `.eml` files in DATA_DIR/mail (config refuses that in production). */
export function createMailTransport(config: Config): MailTransport {
  return config.smtpUrl
    ? createSmtpTransport(config.smtpUrl, {
        rejectUnauthorized: config.smtpTlsRejectUnauthorized,
        requireTls: config.smtpRequireTls,
        poolConnections: config.smtpPool.connections,
        poolMessages: config.smtpPool.messagesPerConnection,
      })
    : createFileTransport(mailDirFor(config.dataDir));
}

export type SmtpTransportOptions = {
  rejectUnauthorized: boolean;
  requireTls: boolean;
  /** Connections kept open to the relay (SMTP_POOL_CONNECTIONS); 1 unless given. */
  poolConnections?: number;
  /** Messages one connection carries before a fresh one replaces it (SMTP_POOL_MESSAGES). */
  poolMessages?: number;
};

/**
 * Nodemailer over `smtp://` (STARTTLS when offered, or required) or `smtps://` (TLS from the
 * start), with a pool of connections reused from one message to the next (one TCP and TLS
 * handshake, EHLO and AUTH per connection, not per email). Credentials come from the URL. The
 * timeouts stay well under the outbox lease, so that a hung relay cannot keep a claimed email past
 * it and let a second worker send it again.
 */
export function createSmtpTransport(url: string, options: SmtpTransportOptions): MailTransport {
  const connections = options.poolConnections ?? 1;
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: connections,
    maxMessages: options.poolMessages ?? 100,
    // A message whose connection drops fails at once instead of being sent again by the pool after
    // a back-off: the outbox retries it itself, with its own lease, budget and attempt count.
    maxRequeues: 0,
    requireTLS: options.requireTls,
    tls: { rejectUnauthorized: options.rejectUnauthorized },
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    concurrency: connections,
    async send(message) {
      await transporter.sendMail(mailOptions(message));
    },
    async close() {
      transporter.close();
    },
  };
}

/**
 * Development transport: each message as an RFC 5322 `.eml` file, built by nodemailer's
 * MailComposer (a real multipart/alternative message) and readable at /dev/mail. These files
 * hold links and tokens in clear: a convenience outside production, never a store.
 */
export function createFileTransport(directory: string): MailTransport {
  return {
    async send(message) {
      const raw = await new MailComposer(mailOptions(message)).compile().build();
      await mkdir(directory, { recursive: true, mode: 0o700 });
      // A sortable time first, so that the newest file sorts last by name; random bytes after it
      // keep two messages of the same millisecond apart.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const name = `${stamp}-${randomBytes(4).toString('hex')}.eml`;
      await writeFile(path.join(directory, name), raw, { mode: 0o600, flag: 'wx' });
    },
  };
}

function mailOptions(message: OutgoingMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: message.headers ?? {},
  };
}

/** True for a rejection that retrying would get again (SMTP 5xx except 503, as nodemailer marks it). */
export function isPermanentMailFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { permanent?: unknown }).permanent === true;
}
