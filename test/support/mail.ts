import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { Tx } from '../../src/platform/db/database.ts';
import type { Deps } from '../../src/platform/deps.ts';
import { enqueueEmail } from '../../src/platform/mail/outbox.service.ts';
import type { MailTransport, OutgoingMessage } from '../../src/platform/mail/transports.ts';

/** A transport that keeps what it is given; `fail` decides, per message, to throw instead. */
export function createRecordingTransport(
  options: { delayMs?: number; concurrency?: number; fail?: (message: OutgoingMessage) => Error | null } = {},
) {
  const sent: OutgoingMessage[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let closed = false;
  const transport: MailTransport = {
    concurrency: options.concurrency,
    async send(message) {
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
        const error = options.fail?.(message) ?? null;
        if (error) throw error;
        sent.push(message);
      } finally {
        inFlight -= 1;
      }
    },
    async close() {
      closed = true;
    },
  };
  return {
    transport,
    sent,
    get maxInFlight() {
      return maxInFlight;
    },
    get closed() {
      return closed;
    },
  };
}

/** Queues a plain test email in its own transaction. */
export function enqueueTestEmail(
  deps: Pick<Deps, 'db' | 'clock' | 'masterKey'>,
  overrides: { to?: string; text?: string; kind?: string } = {},
) {
  return deps.db.transaction().execute((tx: Tx) =>
    enqueueEmail(tx, deps, {
      to: overrides.to ?? 'jeanne@example.org',
      accountId: null,
      kind: overrides.kind ?? 'test',
      rendered: { subject: 'Essai', text: overrides.text ?? 'Bonjour', html: '<p>Bonjour</p>' },
    }),
  );
}

export type SmtpReply = { code: number; message: string };

export type TestSmtpServer = {
  port: number;
  url: string;
  received: ParsedMail[];
  /** While set, every DATA is answered with this reply (e.g. 451 "try again later"). */
  answer: SmtpReply | null;
  /** Replies for some recipients only (by address), the others accepted. */
  answerFor: Map<string, SmtpReply>;
  /** Connections opened to it so far. */
  connections: number;
  close(): Promise<void>;
};

/**
 * A real SMTP server on 127.0.0.1 (port 0 unless given), in the test process: it parses what it
 * receives with mailparser. No STARTTLS unless `starttls` (then smtp-server's self-signed certificate).
 */
export async function startTestSmtpServer(
  options: { port?: number; starttls?: boolean } = {},
): Promise<TestSmtpServer> {
  const state: TestSmtpServer = {
    port: 0,
    url: '',
    received: [],
    answer: null,
    answerFor: new Map(),
    connections: 0,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: options.starttls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    logger: false,
    // Pooled clients keep idle connections open: close() ends them after this, not after 30 s.
    closeTimeout: 100,
    onConnect(_session, callback) {
      state.connections += 1;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const recipient = session.envelope.rcptTo[0]?.address ?? '';
        const answer = state.answer ?? state.answerFor.get(recipient);
        if (answer) {
          callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            state.received.push(parsed);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}

/** Waits until `check` holds, polling every 10 ms, or fails after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
