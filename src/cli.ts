import { Command, Option } from 'commander';
import { presentAccount } from './accounts/accounts.presenter.ts';
import { createAccount } from './accounts/accounts.service.ts';
import { loadDemoAccounts } from './accounts/demo.ts';
import { runAuditVerify } from './audit/audit-verify.command.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps, startServer } from './main.ts';
import { migrateToLatest } from './platform/db/database.ts';
import type { Deps } from './platform/deps.ts';
import { AppError } from './platform/http/errors.ts';
import { fieldMessage } from './views/form.tsx';
import { translator } from './views/i18n/index.ts';

/** The `sesame` command. Every command reads the same environment as the server. */

const out = {
  log: (line: string) => process.stdout.write(`${line}\n`),
  error: (line: string) => process.stderr.write(`${line}\n`),
};

/** Runs a command with its dependencies, closes the database, and turns known errors into a clear message and exit code. */
async function withDeps(run: (deps: Deps) => Promise<number | undefined>): Promise<void> {
  let deps: Deps | undefined;
  try {
    deps = createDeps(loadConfig());
    process.exitCode = (await run(deps)) ?? 0;
  } catch (error) {
    process.exitCode = 1;
    if (error instanceof ConfigError) out.error(error.message);
    else if (error instanceof AppError) {
      const t = translator('en');
      out.error(`error: ${error.type}`);
      for (const e of error.options.errors ?? []) out.error(`  ${e.field}: ${fieldMessage(t, e)}`);
    } else out.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await deps?.db.destroy();
  }
}

const program = new Command('sesame')
  .description('Sésame — customer-area identity and account recovery')
  .showHelpAfterError();

program
  .command('serve')
  .description('migrate, then serve the web application')
  .action(async () => {
    try {
      const deps = createDeps(loadConfig());
      const app = await startServer(deps);
      out.log(
        `Sésame is listening on ${deps.config.publicUrl.origin} (bound to ${app.server.address() ? deps.config.host : '?'}:${deps.config.port})`,
      );
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
    const deps = createDeps(config);
    await migrateToLatest(deps.db);
    const credentials = await loadDemoAccounts(deps);
    out.log('\nDemo accounts (customer area):');
    for (const c of credentials)
      out.log(`  ${c.type.padEnd(12)} ${c.email.padEnd(38)} ${c.password}   (${c.clientNumber})`);
    if (!options.serve) {
      await deps.db.destroy();
      return;
    }
    await startServer(deps);
    out.log(`\nSésame is running: ${config.publicUrl.origin}/login   (Ctrl+C to stop)\n`);
  });

const audit = program.command('audit').description('the security audit log');
audit
  .command('verify')
  .description('check the audit hash chain; exit 1 if a row was edited or removed')
  .action(() => withDeps((deps) => runAuditVerify(deps.db, out)));

await program.parseAsync(process.argv);
