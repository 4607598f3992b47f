import { Command, Option } from 'commander';
import { addAccessCommands } from './cli-access.ts';
import { out, withDeps } from './cli-support.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { migrateToLatest } from './platform/db/database.ts';
import type { Deps } from './platform/deps.ts';

/**
 * The `sesame` command. Every command reads the same environment as the server. Each command loads
 * its own modules when it runs (dynamic imports): a `sesame token list` need not load the web
 * application, OCR and image libraries, which take seconds of CPU at every start.
 */

const program = new Command('sesame')
  .description('Sésame — customer-area identity and account recovery')
  .showHelpAfterError()
  .addHelpText(
    'after',
    `
Embedded database (no DATABASE_URL): DATA_DIR/pg has one owner at a time, the process holding
DATA_DIR/pg.lock. \`serve\` (and a \`worker\` that finds no server) owns it and serves it to the other
sesame processes on the Unix socket DATA_DIR/.s.PGSQL.5432 (mode 0600); every other command connects
there, or opens the database itself when nothing runs. A second \`serve\` on the same DATA_DIR
refuses to start and names the process holding it. A command waits up to DATABASE_WAIT_SECONDS
(60) while another command holds the database.`,
  );

program
  .command('serve')
  .description(
    'migrate, then serve the web application (with the background worker unless --no-worker); on the embedded database it owns DATA_DIR/pg and serves it to the other sesame processes on DATA_DIR/.s.PGSQL.5432, and refuses to start when another server or worker holds it',
  )
  .option(
    '--no-worker',
    'no background work in this process: outbox, document checks… (run `sesame worker` apart)',
  )
  .action(async (options: { worker: boolean }) => {
    try {
      const { startServer } = await import('./main.ts');
      const deps = await createDeps(loadConfig(), 'server');
      const app = await startServer(deps, { worker: options.worker });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : deps.config.port;
      out.log(
        `Sésame is listening on ${deps.config.publicUrl.origin} (bound to ${deps.config.host}:${port})`,
      );
    } catch (error) {
      out.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  });

program
  .command('worker')
  .description(
    "migrate, then run only the background work (outbox, document checks, recovery jobs, housekeeping); stops on SIGTERM. On the embedded database it uses a running server's socket, or owns the database and serves it itself",
  )
  .action(async () => {
    try {
      const { startWorkerProcess } = await import('./main.ts');
      const deps = await createDeps(loadConfig(), 'worker');
      await startWorkerProcess(deps);
      out.log(`Sésame worker is running (mail: ${deps.config.smtpUrl ? 'SMTP' : 'files in DATA_DIR/mail'})`);
    } catch (error) {
      out.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    }
  });

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(() =>
    withDeps(async (deps) => {
      const applied = await migrateToLatest(deps.db);
      out.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      return 0;
    }),
  );

const account = program.command('account').description('customer accounts');
account
  .command('create')
  .description('create a customer account and print it as JSON')
  .addOption(
    new Option('--type <type>', 'account type')
      .choices(['individual', 'company', 'association'])
      .makeOptionMandatory(),
  )
  .requiredOption('--email <email>', 'email address on the fiche')
  .option('--password <password>', 'initial password (else the customer uses "forgot password")')
  .option('--first-name <name>', 'holder, contact person or president: first name')
  .option('--last-name <name>', 'holder, contact person or president: last name')
  .option('--legal-name <name>', 'company legal name')
  .option('--siren <siren>', 'company SIREN (9 digits)')
  .option('--association-name <name>', 'association name')
  .option('--rna <rna>', 'association RNA number (W + 9 digits)')
  .option('--phone <phone>', 'phone number, French or international')
  .option('--locale <locale>', 'fr or en', 'fr')
  .action((options: Record<string, string>) =>
    withDeps(async (deps) => {
      const { createAccount } = await import('./accounts/accounts.service.ts');
      const { presentAccount } = await import('./accounts/accounts.presenter.ts');
      await migrateToLatest(deps.db);
      const created = await createAccount(
        deps,
        {
          type: options.type as 'individual',
          email: options.email ?? '',
          password: options.password,
          firstName: options.firstName,
          lastName: options.lastName,
          legalName: options.legalName,
          siren: options.siren,
          associationName: options.associationName,
          rna: options.rna,
          phone: options.phone,
          locale: options.locale as 'fr',
        },
        { type: 'system', id: 'cli' },
      );
      out.log(JSON.stringify(presentAccount(created, deps), null, 2));
      return 0;
    }),
  );

program
  .command('demo')
  .description('load demo accounts of each type and print their credentials')
  .option('--serve', 'then start the server')
  .action(async (options: { serve?: boolean }) => {
    // The demo is for reading the printed credentials: request logs only from warnings up, unless LOG_LEVEL says otherwise.
    const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
    let deps: Deps | undefined;
    try {
      // With --serve it is the server, so it owns the embedded database; without, it is a command.
      deps = await createDeps(config, options.serve ? 'server' : 'command', { onWait: out.error });
      await loadAndPrintDemo(deps);
      if (options.serve) {
        const { startServer } = await import('./main.ts');
        await startServer(deps);
        out.log(`\nSésame is running: ${config.publicUrl.origin}/login   (Ctrl+C to stop)`);
        // Without a relay, emails (reset links included) land in DATA_DIR/mail: say where to read them.
        if (!config.smtpUrl) out.log(`Emails it sends: ${config.publicUrl.origin}/dev/mail`);
        if (config.env !== 'production') await startDemoPanel(deps);
        out.log('');
        return;
      }
    } catch (error) {
      out.error(`error: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    }
    await deps?.db.destroy();
  });

/** The demo hosting panel, a relying party that signs in through Sésame (PORT + 1, or DEMO_PANEL_PORT). */
async function startDemoPanel(deps: Deps): Promise<void> {
  const { startDemoRelyingParty } = await import('./demo/demo-relying-party.tsx');
  const port = Number(process.env.DEMO_PANEL_PORT ?? deps.config.port + 1);
  try {
    const panel = await startDemoRelyingParty(deps, {
      port,
      host: deps.config.host,
      publicHost: deps.config.publicUrl.hostname,
    });
    out.log(
      `Single sign-on: the demo hosting panel ${panel.origin}/ signs in through Sésame (client id ${panel.clientId})`,
    );
  } catch (error) {
    out.error(
      `the demo hosting panel could not start on port ${port}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function loadAndPrintDemo(deps: Deps): Promise<void> {
  const { runDemo } = await import('./demo/demo.command.ts');
  await migrateToLatest(deps.db);
  await runDemo(deps, out);
}

addAccessCommands(program);

const audit = program.command('audit').description('the security audit log');
audit
  .command('verify')
  .description(
    'chain the events committed so far, then check the audit hash chain; exit 1 if a row was edited, moved or removed, or left unchained over a minute',
  )
  .action(() =>
    withDeps(async (deps) => {
      const { runAuditVerify } = await import('./audit/audit-verify.command.ts');
      return runAuditVerify(deps, out);
    }),
  );

program
  .command('purge')
  .description('expire inactive recovery cases, then purge documents past the retention period; prints JSON')
  .action(() =>
    withDeps(async (deps) => {
      const { runRecoveryPurge } = await import('./recovery/completion/purge.command.ts');
      await migrateToLatest(deps.db);
      return runRecoveryPurge(deps, out);
    }),
  );

const mail = program.command('mail').description('support email');
mail
  .command('ingest')
  .description('one email on stdin into the support desk (MTA pipe); exit 0 ok, 65 refused, 75 retry')
  .option('--sender <address>', 'the envelope sender (MAIL FROM), empty for a bounce')
  .option('--client-address <ip>', 'the IP address of the SMTP client that delivered it')
  .action((options: { sender?: string; clientAddress?: string }) =>
    withDeps(
      async (deps) => {
        const { runMailIngest } = await import('./tickets/inbound/mail-ingest.command.ts');
        return runMailIngest(deps, process.stdin, out, {
          mailFrom: options.sender ?? null,
          remoteAddress: options.clientAddress ?? null,
        });
      },
      // The MTA keeps the message and tries again later (sysexits EX_TEMPFAIL, as mail-ingest.command.ts).
      { unreachableExitCode: 75 },
    ),
  );

await program.parseAsync(process.argv);
