import type { Deps } from '../platform/deps.ts';
import type { ApiToken } from './api-token.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.ts';

export type CommandOutput = { log(line: string): void; error(line: string): void };

const cli = { type: 'system', id: 'cli' } as const;

/** `sesame token create --name N`: prints the token once, as JSON on stdout so a script can take it. */
export async function runTokenCreate(deps: Deps, name: string, out: CommandOutput): Promise<number> {
  const { apiToken, token } = await createApiToken(deps, name, cli);
  out.log(JSON.stringify({ id: apiToken.id, name: apiToken.name, token }, null, 2));
  // On stderr, so that `| jq -r .token` still reads clean JSON.
  out.error('Store this token now: only its hash is kept, it cannot be shown again.');
  return 0;
}

function describeToken(token: ApiToken): string {
  const lastUsed = token.lastUsedAt ? token.lastUsedAt.toISOString() : 'never used';
  const status = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
  return `${token.id}  ${token.name.padEnd(24)}  created ${token.createdAt.toISOString()}  ${lastUsed}  ${status}`;
}

/** `sesame token list`: one line per token, never the token itself (it is not kept). */
export async function runTokenList(deps: Deps, out: CommandOutput): Promise<number> {
  const tokens = await listApiTokens(deps);
  if (tokens.length === 0) out.log('no admin API token');
  for (const token of tokens) out.log(describeToken(token));
  return 0;
}

/** `sesame token revoke --id ID`: exit 1 for an unknown id; revoking twice is not an error. */
export async function runTokenRevoke(deps: Deps, id: string, out: CommandOutput): Promise<number> {
  const result = await revokeApiToken(deps, id, cli);
  if (result.ok) {
    out.log(`revoked: ${result.apiToken.id} (${result.apiToken.name})`);
    return 0;
  }
  if (result.reason === 'already_revoked') {
    out.log(`already revoked: ${id}`);
    return 0;
  }
  out.error(`no admin API token with id ${id} (see: sesame token list)`);
  return 1;
}
