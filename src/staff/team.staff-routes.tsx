import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { totpQrCodeDataUrl } from '../platform/crypto/totp.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import type { FormState } from '../views/form.tsx';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import { requireStaffPermission, staffOnly, staffPageOnly } from './core/staff-session.plugin.ts';
import { presentStaffUser, staffUserShape } from './staff.presenter.ts';
import { staffRoleBody, uuidParams } from './staff.schemas.ts';
import { EnrolmentPage, type TeamNotice, TeamPage, teamNotices } from './staff-team.pages.tsx';
import { reenrolStaffTotp } from './staff-users.service.ts';
import {
  changeStaffRole,
  disableStaffMember,
  enableStaffMember,
  inviteStaffMember,
  revokeStaffMemberSessions,
  sendStaffEnrolmentLink,
} from './team/staff-team.service.ts';
import { listStaffTeam } from './team/staff-team-overview.ts';
import { teamActor } from './team/team-api.staff-routes.ts';

type IdRequest = FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>;

/** The team page (admins): list, add a member, role, disable/enable, links, sessions, TOTP re-enrolment. */
export async function teamStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  async function renderTeam(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; notice?: TeamNotice; error?: string; form?: FormState } = {},
  ) {
    const members = await listStaffTeam(deps);
    const page = (
      <TeamPage
        ctx={staffPageContext(request)}
        members={members}
        notice={options.notice}
        error={options.error}
        form={options.form ?? { values: {}, errors: [] }}
      />
    );
    return sendPage(reply, page, options.status ?? 200);
  }

  app.get<{ Querystring: { notice?: string } }>(
    '/staff/team',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      teamActor(request);
      const notice = teamNotices.find((n) => n === request.query.notice);
      return renderTeam(request, reply, { notice });
    },
  );

  app.post<{ Body: Record<string, unknown> }>(
    '/staff/team',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const actor = teamActor(request);
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      const values = {
        name: str(request.body.name),
        email: str(request.body.email),
        role: str(request.body.role),
      };
      try {
        await inviteStaffMember(
          deps,
          actor,
          values as { name: string; email: string; role: 'agent' },
          request.meta,
        );
      } catch (error) {
        if (error instanceof AppError && (error.code === 'VALIDATION_FAILED' || error.code === 'EMAIL_TAKEN'))
          return renderTeam(request, reply, {
            status: error.status,
            form: { values, errors: error.options.errors ?? [] },
          });
        throw error;
      }
      return reply.redirect('/staff/team?notice=created', 303);
    },
  );

  /** A member action from a row's button: the service, then back to the page with a notice. */
  function memberAction(
    path: string,
    notice: TeamNotice,
    run: (request: IdRequest, id: string) => Promise<unknown>,
  ) {
    app.post<{ Params: { id: string }; Body: Record<string, unknown> }>(
      `/staff/team/:id/${path}`,
      { onRequest: staffPageOnly },
      async (request, reply) => {
        teamActor(request);
        const { id } = parseOrThrow(uuidParams, request.params);
        try {
          await run(request, id);
        } catch (error) {
          if (error instanceof AppError && error.code === 'LAST_ADMIN')
            return renderTeam(request, reply, { status: 409, error: request.t('problem.last-admin') });
          throw error;
        }
        return reply.redirect(`/staff/team?notice=${notice}`, 303);
      },
    );
  }
  memberAction('role', 'roleChanged', (request, id) => {
    const { role } = parseOrThrow(staffRoleBody, request.body);
    return changeStaffRole(deps, teamActor(request), id, role, request.meta);
  });
  memberAction('disable', 'disabled', (request, id) =>
    disableStaffMember(deps, teamActor(request), id, request.meta),
  );
  memberAction('enable', 'enabled', (request, id) =>
    enableStaffMember(deps, teamActor(request), id, request.meta),
  );
  memberAction('enrolment-link', 'linkSent', (request, id) =>
    sendStaffEnrolmentLink(deps, teamActor(request), id, request.meta),
  );
  memberAction('sessions/revoke', 'sessionsRevoked', (request, id) =>
    revokeStaffMemberSessions(deps, teamActor(request), id, request.meta),
  );

  app.post<{ Params: { id: string } }>(
    '/staff/team/:id/totp',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const admin = requireStaffPermission(request, 'staff.reenrol_totp');
      const { id } = parseOrThrow(uuidParams, request.params);
      const { user, enrolment } = await reenrolStaffTotp(
        deps,
        { type: 'staff', id: admin.user.id },
        id,
        request.meta,
      );
      const qrCodeDataUrl = await totpQrCodeDataUrl(enrolment.otpauthUri);
      // The secret is in this answer only: no cache may keep it, and a reload does not re-post.
      reply.header('cache-control', 'no-store');
      const page = (
        <EnrolmentPage
          ctx={staffPageContext(request)}
          user={user}
          enrolment={enrolment}
          qrCodeDataUrl={qrCodeDataUrl}
        />
      );
      return sendPage(reply, page);
    },
  );

  api.post(
    '/api/v1/staff/team/:id/totp',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Give a staff member a new TOTP secret (admins); the secret is in this answer only',
        params: uuidParams,
        response: {
          200: z.object({
            staff: staffUserShape,
            secret: z.string(),
            otpauthUri: z.string(),
            qrCode: z.string(),
          }),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const admin = requireStaffPermission(request, 'staff.reenrol_totp');
      const { user, enrolment } = await reenrolStaffTotp(
        deps,
        { type: 'staff', id: admin.user.id },
        request.params.id,
        request.meta,
      );
      reply.header('cache-control', 'no-store');
      return {
        staff: presentStaffUser(user),
        secret: enrolment.secret,
        otpauthUri: enrolment.otpauthUri,
        qrCode: await totpQrCodeDataUrl(enrolment.otpauthUri),
      };
    },
  );
}
