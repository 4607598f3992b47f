import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { presentAccount } from '../accounts/accounts.presenter.ts';
import { type CreateAccountInput, createAccountSchema } from '../accounts/accounts.schemas.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import { serviceKinds } from '../accounts/service.ts';
import { presentService } from '../accounts/services.presenter.ts';
import { createServiceSchema } from '../accounts/services.schemas.ts';
import { addServiceToAccount } from '../accounts/services.service.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { oidcClientsAdminRoutes } from '../sso/oidc-clients.admin-routes.ts';
import adminAuth, { requireApiToken } from './admin-auth.plugin.ts';

const accountResponse = z.record(z.string(), z.unknown()).describe('The new fiche: {id, clientNumber, ...}');
const serviceResponse = z
  .object({
    id: z.uuid(),
    kind: z.enum(serviceKinds),
    name: z.string(),
    panelUsername: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Service' });

// createAccount parses its input itself, exactly as for `sesame account create`; the route's body
// schema is there for the OpenAPI document only, so the raw body reaches the service untouched.
const bodyParsedByService: FastifySchemaCompiler<unknown> = () => (data) => ({ value: data });

const security = [{ bearerAuth: [] }];
const unauthorized = {
  401: problemSchema.describe('Missing, unknown or revoked token (`WWW-Authenticate: Bearer`)'),
};

/**
 * The admin API for the provider's other systems (billing, hosting panel). Registered with the
 * prefix /api/v1/admin in its own encapsulated context, so the bearer check covers exactly it.
 */
export async function adminApiRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  await app.register(adminAuth, { deps });
  await app.register(oidcClientsAdminRoutes, { deps });
  const api = app.withTypeProvider<ZodTypeProvider>();

  // Untyped on purpose: the body reaches createAccount as sent (see bodyParsedByService).
  app.post<{ Body: unknown }>(
    '/accounts',
    {
      validatorCompiler: bodyParsedByService,
      schema: {
        tags: ['admin'],
        summary: 'Create a customer account (same fields as `sesame account create`)',
        security,
        body: createAccountSchema,
        response: { 201: accountResponse, ...unauthorized, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const apiToken = requireApiToken(request);
      const account = await createAccount(deps, request.body as CreateAccountInput, {
        type: 'api',
        id: apiToken.id,
      });
      return reply.code(201).send(presentAccount(account, deps));
    },
  );

  api.post(
    '/accounts/:id/services',
    {
      schema: {
        tags: ['admin'],
        summary: 'Attach a hosting plan or a domain to an account',
        security,
        params: z.object({ id: z.string().describe('The account id (uuid)') }),
        body: createServiceSchema,
        response: {
          201: serviceResponse,
          ...unauthorized,
          404: problemSchema,
          409: problemSchema.describe('The domain is already attached to an account'),
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const apiToken = requireApiToken(request);
      const service = await addServiceToAccount(
        deps,
        request.params.id,
        request.body,
        { type: 'api', id: apiToken.id },
        request.meta,
      );
      return reply.code(201).send(presentService(service));
    },
  );
}
