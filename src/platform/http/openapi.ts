import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';

/** The OpenAPI document, generated from the route schemas, at /api/openapi.json and browsable at /api/docs. */
export async function registerOpenApi(app: FastifyInstance, config: Config) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sésame',
        version: '0.1.0',
        description:
          'Customer-area identity and account recovery. Errors are RFC 9457 problem documents. ' +
          'Cookie-authenticated state-changing requests need the `x-csrf-token` header from `GET /api/v1/csrf`; ' +
          'so does any non-JSON one (a form, text/plain), signed in or not. Bearer requests and anonymous JSON ' +
          'requests need none. Control characters in any field are refused with 422 (`invalid_characters`); ' +
          '429 and 503 answers carry `Retry-After`. ' +
          'Single sign-on: Sésame is an OpenID Provider; its protocol endpoints (under /oidc) are described by ' +
          'the discovery document at `/.well-known/openid-configuration`, not here; clients are registered with ' +
          '`/api/v1/admin/oidc/clients` or `sesame oidc client create`.',
      },
      servers: [{ url: config.publicUrl.origin }],
      components: {
        securitySchemes: {
          customerSession: {
            type: 'apiKey',
            in: 'cookie',
            name: config.secureCookies ? '__Host-sesame_session' : 'sesame_session',
          },
          csrfToken: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          // Admin API (/api/v1/admin): a token from `sesame token create`; no cookie, no CSRF token.
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'Admin API token (`ses_…`) from `sesame token create`',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Schemas named with `.meta({ id })` are referenced by `$ref`: this puts them in components.schemas.
    transformObject: jsonSchemaTransformObject,
    // Pages and operations endpoints are not part of the API document.
    hideUntagged: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI sets element styles from its script: allowed on the docs pages only, never on ours.
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
    uiConfig: { url: '/api/openapi.json' },
  });
}
