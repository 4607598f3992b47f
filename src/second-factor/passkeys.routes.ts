import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { presentPasskey } from './passkeys.presenter.ts';
import { listPasskeysOfAccount } from './passkeys.repository.ts';
import {
  passkeyRegistrationOptions,
  registerPasskey,
  removeCustomerPasskey,
  renameCustomerPasskey,
} from './passkeys.service.ts';
import { addPasskeySchema, optionalPasswordSchema, passkeyName } from './second-factor.schemas.ts';

const passkeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  backedUp: z.boolean(),
});
const idParams = z.object({ id: z.uuid('invalid') });

/**
 * The customer's passkeys over JSON (the security page's script uses these): list, the options of
 * a new one (current password, or a sign-in of the last ten minutes), add, rename, remove.
 */
export async function passkeysRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/account/passkeys',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: "The account's passkeys",
        response: { 200: z.object({ passkeys: z.array(passkeySchema) }), 401: problemSchema },
      },
    },
    async (request) => ({
      passkeys: (await listPasskeysOfAccount(deps.db, requireCustomer(request).account.id)).map(
        presentPasskey,
      ),
    }),
  );

  api.post(
    '/api/v1/account/passkeys/options',
    {
      onRequest: customerOnly,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['customer'],
        summary:
          'Options for creating a passkey (navigator.credentials.create); current password required unless signed in within 10 minutes',
        body: optionalPasswordSchema,
        response: {
          200: z.object({ options: z.record(z.string(), z.unknown()) }),
          401: problemSchema,
          429: problemSchema,
        },
      },
    },
    async (request) => ({
      options: {
        ...(await passkeyRegistrationOptions(
          deps,
          requireCustomer(request),
          request.body.currentPassword,
          request.meta,
        )),
      },
    }),
  );

  api.post(
    '/api/v1/account/passkeys',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary:
          "Add the passkey the browser made; the account's first factor answers its ten recovery codes, once",
        body: addPasskeySchema,
        response: {
          201: z.object({ passkey: passkeySchema, recoveryCodes: z.array(z.string()).nullable() }),
          400: problemSchema,
          401: problemSchema,
          409: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const added = await registerPasskey(deps, requireCustomer(request).account, request.body, request.meta);
      return reply
        .code(201)
        .send({ passkey: presentPasskey(added.passkey), recoveryCodes: added.recoveryCodes });
    },
  );

  api.patch(
    '/api/v1/account/passkeys/:id',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Rename a passkey',
        params: idParams,
        body: z.object({ name: passkeyName }),
        response: { 204: noContent, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await renameCustomerPasskey(
        deps,
        requireCustomer(request).account,
        request.params.id,
        request.body.name,
        request.meta,
      );
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/api/v1/account/passkeys/:id',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Remove a passkey (current password unless signed in within 10 minutes)',
        params: idParams,
        body: optionalPasswordSchema.optional(),
        response: { 204: noContent, 401: problemSchema, 404: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await removeCustomerPasskey(
        deps,
        requireCustomer(request),
        request.params.id,
        request.body?.currentPassword,
        request.meta,
      );
      return reply.code(204).send(null);
    },
  );
}
