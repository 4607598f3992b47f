import { type Command, Option } from 'commander';
import { out, withDeps } from './cli-support.ts';
import { migrateToLatest } from './platform/db/database.ts';

/** `sesame token …`, `sesame staff …` and `sesame oidc …`: who may reach the admin API, the back office, and sign in through Sésame. */
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

  const oidc = program
    .command('oidc')
    .description('single sign-on: the applications that sign in through Sésame');
  const client = oidc
    .command('client')
    .description('OpenID Connect clients (hosting panel, billing, webmail…)');
  const collect = (value: string, previous: string[] = []) => [...previous, value];
  client
    .command('create')
    .description('register a client; prints {clientId, clientSecret?} as JSON, the secret shown once')
    .requiredOption('--name <name>', 'as customers see it on the consent page, e.g. "Panneau d’hébergement"')
    .requiredOption(
      '--redirect-uri <uri>',
      'where the client receives the code (repeat for several)',
      collect,
    )
    .option('--post-logout-redirect-uri <uri>', 'where RP-initiated logout may return (repeatable)', collect)
    .option(
      '--backchannel-logout-uri <uri>',
      'told when Sésame ends the account’s access (back-channel logout)',
    )
    .option('--public', 'cannot keep a secret (browser or mobile app): PKCE only, no refresh token')
    .option('--first-party', 'the provider’s own application: customers are not asked to consent')
    .option('--jwks-uri <uri>', 'authenticate with private_key_jwt, the public keys at this URL')
    .action(
      (options: {
        name: string;
        redirectUri: string[];
        postLogoutRedirectUri?: string[];
        backchannelLogoutUri?: string;
        public?: boolean;
        firstParty?: boolean;
        jwksUri?: string;
      }) =>
        withDeps(async (deps) => {
          const { runOidcClientCreate } = await import('./sso/oidc.command.ts');
          await migrateToLatest(deps.db);
          return runOidcClientCreate(
            deps,
            {
              name: options.name,
              redirectUris: options.redirectUri,
              postLogoutRedirectUris: options.postLogoutRedirectUri,
              backchannelLogoutUri: options.backchannelLogoutUri,
              public: options.public,
              firstParty: options.firstParty,
              jwksUri: options.jwksUri,
            },
            out,
          );
        }),
    );
  client
    .command('list')
    .description('list clients: id, name, authentication, status, redirect URIs (never a secret)')
    .action(() =>
      withDeps(async (deps) => {
        const { runOidcClientList } = await import('./sso/oidc.command.ts');
        await migrateToLatest(deps.db);
        return runOidcClientList(deps, out);
      }),
    );
  client
    .command('disable')
    .description('disable a client at once: it cannot sign anyone in, its tokens stop working (audited)')
    .requiredOption('--id <clientId>', 'as printed by create and list')
    .action((options: { id: string }) =>
      withDeps(async (deps) => {
        const { runOidcClientDisable } = await import('./sso/oidc.command.ts');
        await migrateToLatest(deps.db);
        return runOidcClientDisable(deps, options.id, out);
      }),
    );
  oidc
    .command('keys')
    .description('signing keys of the ID tokens')
    .command('rotate')
    .description('sign with a new key from now on; the old one stays in the JWKS until its tokens expire')
    .action(() =>
      withDeps(async (deps) => {
        const { runOidcKeysRotate } = await import('./sso/oidc.command.ts');
        await migrateToLatest(deps.db);
        return runOidcKeysRotate(deps, out);
      }),
    );
}
