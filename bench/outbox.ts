/**
 * Outbox delivery rate: how fast two mail workers (startMailWorker, each with its own SMTP pool)
 * drain `--emails` queued emails, on PostgreSQL (a throwaway database, created and dropped here;
 * DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test; skipped if it does not answer) and
 * on PGlite. The relay is an SMTP sink in a child process on 127.0.0.1 that accepts every message at
 * once and counts connections and Message-IDs. The reference, measured in the same run against the
 * same sink: one pooled nodemailer client with as many connections as both workers together,
 * sending as many messages with no database at all. Exits 1
 * on a duplicate, a lost email, or a round that did not finish within `--timeout` seconds.
 *
 *   npx tsx bench/outbox.ts [--emails 5000] [--connections 5] [--timeout 120]
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { startMailWorker } from '../src/platform/mail/mail-worker.ts';
import { enqueueEmail } from '../src/platform/mail/outbox.service.ts';
import { createMailTransport, createSmtpTransport } from '../src/platform/mail/transports.ts';
import { withAdminClient } from '../test/support/database-templates.ts';
import { buildTestApp } from '../test/support/test-app.ts';

type SinkCounts = { connections: number; messages: number; distinct: number };

if (process.argv.includes('--sink')) runSink();
else await runBenchmark();

/** The child: accepts everything, keeps only counts and the set of Message-IDs seen. */
function runSink(): void {
  const seen = new Set<string>();
  const counts = { connections: 0, messages: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    // A relay that answers at once: no reverse DNS lookup of 127.0.0.1 per connection.
    disableReverseLookup: true,
    onConnect(_session, callback) {
      counts.connections += 1;
      callback();
    },
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        counts.messages += 1;
        const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
        if (id) seen.add(id);
        callback();
      });
    },
  });
  process.on('message', (request: string) => {
    if (request === 'reset') {
      seen.clear();
      counts.connections = 0;
      counts.messages = 0;
    }
    process.send?.({ ...counts, distinct: seen.size });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
}

async function runBenchmark(): Promise<void> {
  const { values } = parseArgs({
    options: {
      emails: { type: 'string', default: '5000' },
      connections: { type: 'string', default: '5' },
      timeout: { type: 'string', default: '120' },
    },
  });
  const emails = Number(values.emails);
  const connections = Number(values.connections);
  const timeoutMs = Number(values.timeout) * 1000;
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';

  const sink = fork(fileURLToPath(import.meta.url), ['--sink'], { execArgv: ['--import', 'tsx'] });
  const port = await new Promise<number>((resolve) =>
    sink.once('message', (m: { port: number }) => resolve(m.port)),
  );
  const smtpUrl = `smtp://127.0.0.1:${port}`;
  let ok = true;
  try {
    // As many connections as the two workers have together: the same relay capacity, no database.
    const raw = await rawRelayRate(sink, smtpUrl, emails, 2 * connections);
    console.log(
      `reference: one pooled client × ${2 * connections} connections, no database: ${raw.rate.toFixed(0)} mails/s, ${raw.counts.connections} connections`,
    );
    const kinds: ('postgres' | 'pglite')[] = (await postgresAnswers()) ? ['postgres', 'pglite'] : ['pglite'];
    if (!kinds.includes('postgres')) console.log('PostgreSQL does not answer at DATABASE_URL: skipped');
    for (const kind of kinds) {
      const result = await outboxRate(kind, sink, smtpUrl, { emails, connections, timeoutMs });
      const duplicates = result.counts.messages - result.counts.distinct;
      const lost = emails - result.counts.distinct;
      console.log(
        `${kind}: 2 workers × ${connections} connections: ${result.rate.toFixed(0)} mails/s, ratio ${(result.rate / raw.rate).toFixed(2)} of the reference, ${result.counts.connections} connections, ${duplicates} duplicates, ${lost} lost, ${result.sentRows} rows sent`,
      );
      if (duplicates !== 0 || lost !== 0 || result.sentRows !== emails) ok = false;
    }
  } finally {
    sink.kill();
  }
  process.exit(ok ? 0 : 1);
}

function askSink(sink: ChildProcess, request: 'reset' | 'count'): Promise<SinkCounts> {
  return new Promise((resolve) => {
    sink.once('message', (m: SinkCounts) => resolve(m));
    sink.send(request);
  });
}

async function waitForSink(sink: ChildProcess, emails: number, deadline: number): Promise<SinkCounts> {
  for (;;) {
    const counts = await askSink(sink, 'count');
    if (counts.messages >= emails || Date.now() > deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The same kind of message the outbox sends, straight from a pooled client, `connections` at once. */
async function rawRelayRate(sink: ChildProcess, smtpUrl: string, emails: number, connections: number) {
  await askSink(sink, 'reset');
  const transport = createSmtpTransport(smtpUrl, {
    rejectUnauthorized: true,
    requireTls: false,
    poolConnections: connections,
    poolMessages: 100,
  });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let n = next++; n < emails; n = next++) {
        await transport.send({
          from: 'Sésame <no-reply@sesame.localhost>',
          to: `client${n}@example.org`,
          subject: 'Essai',
          text: 'Bonjour',
          html: '<p>Bonjour</p>',
          headers: { 'Auto-Submitted': 'auto-generated' },
          messageId: `<raw-${n}@bench.localhost>`,
        });
      }
    }),
  );
  const rate = emails / ((performance.now() - started) / 1000);
  await transport.close?.();
  return { rate, counts: await askSink(sink, 'count') };
}

async function outboxRate(
  kind: 'postgres' | 'pglite',
  sink: ChildProcess,
  smtpUrl: string,
  run: { emails: number; connections: number; timeoutMs: number },
) {
  const t = await buildTestApp(kind, {
    SMTP_URL: smtpUrl,
    SMTP_POOL_CONNECTIONS: String(run.connections),
    LOG_LEVEL: 'silent',
  });
  try {
    for (let queued = 0; queued < run.emails; queued += 250) {
      await t.deps.db.transaction().execute(async (tx) => {
        for (let n = queued; n < Math.min(queued + 250, run.emails); n += 1) {
          await enqueueEmail(tx, t.deps, {
            to: `client${n}@example.org`,
            accountId: null,
            kind: 'bench',
            rendered: { subject: 'Essai', text: 'Bonjour', html: '<p>Bonjour</p>' },
          });
        }
      });
    }
    await askSink(sink, 'reset');
    const started = performance.now();
    const workers = [0, 1].map((n) =>
      startMailWorker(t.deps, createMailTransport(t.deps.config), { workerId: `bench-${kind}-${n}` }),
    );
    const counts = await waitForSink(sink, run.emails, Date.now() + run.timeoutMs);
    const rate = counts.messages / ((performance.now() - started) / 1000);
    await Promise.all(workers.map((worker) => worker.stop()));
    const sent = await t.deps.db
      .selectFrom('email_outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('status', '=', 'sent')
      .executeTakeFirstOrThrow();
    return { rate, counts: await askSink(sink, 'count'), sentRows: Number(sent.n) };
  } finally {
    await t.close();
  }
}

async function postgresAnswers(): Promise<boolean> {
  try {
    await withAdminClient(process.env.DATABASE_URL as string, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}
