import type { CommandOutput } from '../admin-api/api-tokens.command.ts';
import type { Deps } from '../platform/deps.ts';
import type { OidcClient } from './oidc-clients.repository.ts';
import {
  type CreateOidcClientInput,
  createOidcClient,
  disableOidcClient,
  listOidcClients,
} from './oidc-clients.service.ts';
import { RETIRED_KEY_PUBLISHED_MS, rotateSigningKeys } from './signing-keys.ts';

const cli = { type: 'system', id: 'cli' } as const;

/** `sesame oidc client create …`: prints {clientId, clientSecret?} as JSON; the secret is never shown again. */
export async function runOidcClientCreate(
  deps: Deps,
  input: CreateOidcClientInput,
  out: CommandOutput,
): Promise<number> {
  const { client, clientSecret } = await createOidcClient(deps, input, cli);
  out.log(JSON.stringify({ clientId: client.clientId, ...(clientSecret ? { clientSecret } : {}) }, null, 2));
  if (clientSecret) out.error('Store this secret now: it cannot be shown again.');
  return 0;
}

function describeClient(client: OidcClient): string {
  const status = client.disabledAt ? `disabled ${client.disabledAt.toISOString()}` : 'active';
  const kind = client.firstParty ? 'first-party' : 'third-party';
  return `${client.clientId}  ${client.name.padEnd(28)}  ${client.tokenEndpointAuthMethod.padEnd(19)}  ${kind}  ${status}  ${client.redirectUris.join(' ')}`;
}

/** `sesame oidc client list`: one line per client, never a secret. */
export async function runOidcClientList(deps: Deps, out: CommandOutput): Promise<number> {
  const clients = await listOidcClients(deps);
  if (clients.length === 0) out.log('no OpenID Connect client');
  for (const client of clients) out.log(describeClient(client));
  return 0;
}

/** `sesame oidc client disable --id ID`: exit 1 when the id is unknown. */
export async function runOidcClientDisable(
  deps: Deps,
  clientId: string,
  out: CommandOutput,
): Promise<number> {
  const client = await disableOidcClient(deps, clientId, cli);
  out.log(`${client.clientId} disabled: its grants and tokens are deleted`);
  return 0;
}

/** `sesame oidc keys rotate`: a new signing key from now on; the old ones stay published a while. */
export async function runOidcKeysRotate(deps: Deps, out: CommandOutput): Promise<number> {
  const { kid, retired } = await rotateSigningKeys(deps, cli);
  out.log(JSON.stringify({ kid, retired }, null, 2));
  out.error(
    `Every instance signs with ${kid} within 30 seconds; ${retired.length ? `${retired.join(', ')} stay` : 'nothing else stays'} in the JWKS for ${RETIRED_KEY_PUBLISHED_MS / 3_600_000} h so that tokens already issued still verify.`,
  );
  return 0;
}
