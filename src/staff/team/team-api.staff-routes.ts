import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { noContent, problemSchema } from '../../platform/http/api-schemas.ts';
import { requireStaffPermission, staffOnly } from '../core/staff-session.plugin.ts';
import { presentStaffUser, staffUserShape } from '../staff.presenter.ts';
import { type inviteStaffMemberSchema, staffRoleBody, uuidParams } from '../staff.schemas.ts';
import {
  changeStaffRole,
  disableStaffMember,
  enableStaffMember,
  inviteStaffMember,
  revokeStaffMemberSessions,
  sendStaffEnrolmentLink,
  type TeamActor,
} from './staff-team.service.ts';
import { listStaffTeam } from './staff-team-overview.ts';

const memberShape = staffUserShape.extend({
  lastSignInAt: z.string().nullable(),
  activeSessions: z.number().int(),
});

const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema } as const;

/** The admin acting, or 401/403: every team route asks the same permission. */
export function teamActor(request: FastifyRequest): TeamActor {
  const admin = requireStaffPermission(request, 'staff.manage');
  return { type: 'staff', id: admin.user.id, role: admin.user.role };
}

/** The team in the staff API (admins): the same services as the team page. */
export async function teamApiStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/api/v1/staff/team',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Every staff member with role, TOTP enrolment, last sign-in and open sessions (admins)',
        response: { 200: z.object({ staff: z.array(memberShape) }), 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      teamActor(request);
      const members = await listStaffTeam(deps);
      return {
        staff: members.map((m) => ({
          ...presentStaffUser(m),
          lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
          activeSessions: m.activeSessions,
        })),
      };
    },
  );

  api.post(
    '/api/v1/staff/team',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Add a member (admins); they receive a one-time enrolment link valid 24 h',
        body: z.object({ email: z.string(), name: z.string(), role: z.string() }),
        response: { 201: z.object({ staff: staffUserShape }), 422: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = teamActor(request);
      const user = await inviteStaffMember(
        deps,
        actor,
        request.body as z.input<typeof inviteStaffMemberSchema>,
        request.meta,
      );
      return reply.code(201).send({ staff: presentStaffUser(user) });
    },
  );

  api.post(
    '/api/v1/staff/team/:id/role',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Change a member’s role (admins); 409 last-admin for the last active admin',
        params: uuidParams,
        body: staffRoleBody,
        response: { 200: z.object({ staff: staffUserShape }), 422: problemSchema, ...errors },
      },
    },
    async (request) => {
      const actor = teamActor(request);
      const user = await changeStaffRole(deps, actor, request.params.id, request.body.role, request.meta);
      return { staff: presentStaffUser(user) };
    },
  );

  for (const [action, run, summary] of [
    ['disable', disableStaffMember, 'Disable a member: their sessions end at once (admins); 409 last-admin'],
    ['enable', enableStaffMember, 'Enable a disabled member again (admins)'],
  ] as const) {
    api.post(
      `/api/v1/staff/team/:id/${action}`,
      {
        onRequest: staffOnly,
        schema: {
          tags: ['staff'],
          summary,
          params: uuidParams,
          response: { 200: z.object({ staff: staffUserShape }), ...errors },
        },
      },
      async (request) => {
        const user = await run(deps, teamActor(request), request.params.id, request.meta);
        return { staff: presentStaffUser(user) };
      },
    );
  }

  api.post(
    '/api/v1/staff/team/:id/enrolment-link',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary:
          'Email a member a new one-time enrolment link (forgotten password): using it replaces password and TOTP (admins)',
        params: uuidParams,
        response: { 202: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await sendStaffEnrolmentLink(deps, teamActor(request), request.params.id, request.meta);
      return reply.code(202).send(null);
    },
  );

  api.delete(
    '/api/v1/staff/team/:id/sessions',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'End every session of a member (admins)',
        params: uuidParams,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await revokeStaffMemberSessions(deps, teamActor(request), request.params.id, request.meta);
      return reply.code(204).send(null);
    },
  );
}
