import { type Command, Option } from 'commander';
import { out, withDeps } from './cli-support.ts';
import { migrateToLatest } from './platform/db/database.ts';

/** `sesame token …` and `sesame staff …`: who may reach the admin API and the back office. */
export function addAccessCommands(program: Command): void {
  const token = program.command('token').description('admin API bearer tokens for other systems');
  token
    .command('create')
    .description('create a token and print it once (only its hash is kept)')
    .requiredOption('--name <name>', 'what uses it, e.g. billing')
    .action((options: { name: string }) =>
      withDeps(async (deps) => {
        const { runTokenCreate } = await import('./admin-api/api-tokens.command.ts');
        await migrateToLatest(deps.db);
        return runTokenCreate(deps, options.name, out);
      }),
    );
  token
    .command('list')
    .description('list tokens: id, name, dates, status (never the token itself)')
    .action(() =>
      withDeps(async (deps) => {
        const { runTokenList } = await import('./admin-api/api-tokens.command.ts');
        await migrateToLatest(deps.db);
        return runTokenList(deps, out);
      }),
    );
  token
    .command('revoke')
    .description('revoke a token at once; exit 1 if the id is unknown')
    .requiredOption('--id <id>', 'token id, as printed by create and list')
    .action((options: { id: string }) =>
      withDeps(async (deps) => {
        const { runTokenRevoke } = await import('./admin-api/api-tokens.command.ts');
        await migrateToLatest(deps.db);
        return runTokenRevoke(deps, options.id, out);
      }),
    );

  const staff = program.command('staff').description('back-office staff members');
  staff
    .command('create')
    .description('create a staff member; prints JSON with the TOTP secret and otpauth:// URI, shown once')
    .requiredOption('--email <email>', 'their email address (sign-in name)')
    .requiredOption('--name <name>', 'their name, as shown in the back office and the audit log')
    .addOption(
      new Option('--role <role>', 'what they may do')
        .choices(['agent', 'supervisor', 'admin'])
        .makeOptionMandatory(),
    )
    .option('--password <password>', 'initial password (else a random one is generated and printed once)')
    .action((options: { email: string; name: string; role: 'agent'; password?: string }) =>
      withDeps(async (deps) => {
        const { runStaffCreate } = await import('./staff/staff.command.ts');
        await migrateToLatest(deps.db);
        return runStaffCreate(deps, options, out);
      }),
    );
  staff
    .command('disable')
    .description('disable a staff member: their sessions end at once and they cannot sign in (audited)')
    .requiredOption('--email <email>', 'their email address')
    .action((options: { email: string }) =>
      withDeps(async (deps) => {
        const { runStaffDisable } = await import('./staff/staff.command.ts');
        await migrateToLatest(deps.db);
        return runStaffDisable(deps, options.email, out);
      }),
    );
}
