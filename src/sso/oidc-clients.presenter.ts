import { z } from 'zod';
import type { OidcClient } from './oidc-clients.repository.ts';

export const oidcClientShape = z
  .object({
    clientId: z.string(),
    name: z.string(),
    redirectUris: z.array(z.string()),
    postLogoutRedirectUris: z.array(z.string()),
    backchannelLogoutUri: z.string().nullable(),
    tokenEndpointAuthMethod: z.enum(['client_secret_basic', 'private_key_jwt', 'none']),
    firstParty: z.boolean(),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
  })
  .meta({ id: 'OidcClient' });

/** A client as the CLI and the admin API show it: never its secret. */
export function presentOidcClient(client: OidcClient): z.infer<typeof oidcClientShape> {
  return {
    ...client,
    createdAt: client.createdAt.toISOString(),
    disabledAt: client.disabledAt?.toISOString() ?? null,
  };
}
