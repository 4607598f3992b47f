import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireApiToken } from '../admin-api/admin-auth.plugin.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { oidcClientShape, presentOidcClient } from './oidc-clients.presenter.ts';
import { createOidcClient, disableOidcClient, listOidcClients } from './oidc-clients.service.ts';

const security = [{ bearerAuth: [] }];
const unauthorized = { 401: problemSchema.describe('Missing, unknown or revoked token') };

const createClientBody = z.object({
  name: z.string().max(200),
  redirectUris: z.array(z.string().max(2000)).max(20),
  postLogoutRedirectUris: z.array(z.string().max(2000)).max(20).optional(),
  backchannelLogoutUri: z.string().max(2000).optional(),
  public: z
    .boolean()
    .optional()
    .describe('Cannot keep a secret (a browser or mobile app): PKCE only, no refresh token'),
  firstParty: z.boolean().optional().describe('The provider’s own application: no consent page'),
  jwksUri: z
    .string()
    .max(2000)
    .optional()
    .describe('Authenticates with private_key_jwt, its keys at this URL'),
  jwks: z
    .object({ keys: z.array(z.record(z.string(), z.unknown())).max(10) })
    .optional()
    .describe('Authenticates with private_key_jwt, these public keys'),
});

/**
 * `/api/v1/admin/oidc/clients`: the same registration as `sesame oidc client create|list|disable`,
 * for the provider's own tooling. Registered inside the admin API's context (bearer token).
 */
export async function oidcClientsAdminRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/oidc/clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'The applications that sign in through Sésame (OpenID Connect clients)',
        security,
        response: { 200: z.object({ clients: z.array(oidcClientShape) }), ...unauthorized },
      },
    },
    async (request) => {
      requireApiToken(request);
      return { clients: (await listOidcClients(deps)).map(presentOidcClient) };
    },
  );

  api.post(
    '/oidc/clients',
    {
      schema: {
        tags: ['admin'],
        summary: 'Register an application; its secret is in this answer only',
        security,
        body: createClientBody,
        response: {
          201: z.object({
            client: oidcClientShape,
            clientId: z.string(),
            clientSecret: z.string().optional(),
          }),
          ...unauthorized,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const apiToken = requireApiToken(request);
      const { client, clientSecret } = await createOidcClient(deps, request.body, {
        type: 'api',
        id: apiToken.id,
      });
      return reply.code(201).send({
        client: presentOidcClient(client),
        clientId: client.clientId,
        ...(clientSecret ? { clientSecret } : {}),
      });
    },
  );

  api.post(
    '/oidc/clients/:clientId/disable',
    {
      schema: {
        tags: ['admin'],
        summary: 'Disable an application at once: its grants and tokens are deleted',
        security,
        params: z.object({ clientId: z.string().max(100) }),
        response: { 200: oidcClientShape, ...unauthorized, 404: problemSchema },
      },
    },
    async (request) => {
      const apiToken = requireApiToken(request);
      return presentOidcClient(
        await disableOidcClient(deps, request.params.clientId, { type: 'api', id: apiToken.id }),
      );
    },
  );
}
