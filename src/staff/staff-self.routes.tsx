import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { fieldErrorsFromIssues, parseOrThrow } from '../platform/http/validation.ts';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import { requireStaff, staffOnly, staffPageOnly } from './core/staff-session.plugin.ts';
import { staffPasswordChangeSchema, uuidParams } from './staff.schemas.ts';
import { StaffSelfPage } from './staff-self.pages.tsx';
import { changeOwnStaffPassword, listOwnStaffSessions, revokeOwnStaffSession } from './staff-self.service.ts';

const sessionShape = z.object({
  id: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  current: z.boolean(),
});

/** Every member's own access (any role): password change, own sessions. */
export async function staffSelfRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function renderSelf(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; notice?: string; errors?: ReturnType<typeof fieldErrorsFromIssues> } = {},
  ) {
    const auth = requireStaff(request);
    const sessions = await listOwnStaffSessions(deps, auth);
    const page = (
      <StaffSelfPage
        ctx={staffPageContext(request)}
        sessions={sessions}
        currentSessionId={auth.session.id}
        form={{ values: {}, errors: options.errors ?? [] }}
        notice={options.notice}
      />
    );
    return sendPage(reply, page, options.status ?? 200);
  }

  app.get<{ Querystring: { notice?: string } }>(
    '/staff/me',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const notice =
        request.query.notice === 'password'
          ? request.t('staff.self.passwordChanged')
          : request.query.notice === 'revoked'
            ? request.t('staff.self.revoked')
            : undefined;
      return renderSelf(request, reply, { notice });
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/staff/me/password',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const auth = requireStaff(request);
      const parsed = staffPasswordChangeSchema.safeParse(request.body);
      if (!parsed.success)
        return renderSelf(request, reply, {
          status: 422,
          errors: fieldErrorsFromIssues(parsed.error.issues),
        });
      try {
        await changeOwnStaffPassword(deps, auth, parsed.data, request.meta);
      } catch (error) {
        if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
          return renderSelf(request, reply, { status: 422, errors: error.options.errors ?? [] });
        throw error;
      }
      return reply.redirect('/staff/me?notice=password', 303);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/staff/me/sessions/:id/revoke',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const auth = requireStaff(request);
      const { id } = parseOrThrow(uuidParams, request.params);
      await revokeOwnStaffSession(deps, auth, id, request.meta);
      return reply.redirect('/staff/me?notice=revoked', 303);
    },
  );

  api.get(
    '/api/v1/staff/me/sessions',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'My open staff sessions',
        response: { 200: z.object({ sessions: z.array(sessionShape) }), 401: problemSchema },
      },
    },
    async (request) => {
      const auth = requireStaff(request);
      const sessions = await listOwnStaffSessions(deps, auth);
      return {
        sessions: sessions.map((s) => ({
          id: s.id,
          ip: s.ip,
          userAgent: s.userAgent,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
          current: s.id === auth.session.id,
        })),
      };
    },
  );

  api.delete(
    '/api/v1/staff/me/sessions/:id',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'End one of my staff sessions',
        params: uuidParams,
        response: { 204: noContent, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await revokeOwnStaffSession(deps, requireStaff(request), request.params.id, request.meta);
      return reply.code(204).send(null);
    },
  );

  api.post(
    '/api/v1/staff/me/password',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Change my password with the current one and a TOTP code; my other sessions end',
        body: staffPasswordChangeSchema,
        response: { 204: noContent, 401: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      await changeOwnStaffPassword(deps, requireStaff(request), request.body, request.meta);
      return reply.code(204).send(null);
    },
  );
}
