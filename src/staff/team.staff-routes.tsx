import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { totpQrCodeDataUrl } from '../platform/crypto/totp.ts';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import { requireStaffPermission, staffOnly, staffPageOnly } from './core/staff-session.plugin.ts';
import { listStaffUsers } from './core/staff-users.repository.ts';
import { presentStaffUser, staffUserShape } from './staff.presenter.ts';
import { uuidParams } from './staff.schemas.ts';
import { EnrolmentPage, TeamPage } from './staff-team.pages.tsx';
import { reenrolStaffTotp } from './staff-users.service.ts';

/** The team page and TOTP re-enrolment, for admins. */
export async function teamStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get('/staff/team', { onRequest: staffPageOnly }, async (request, reply) => {
    requireStaffPermission(request, 'staff.manage');
    const users = await listStaffUsers(deps.db);
    return sendPage(reply, <TeamPage ctx={staffPageContext(request)} users={users} />);
  });

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

  api.get(
    '/api/v1/staff/team',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Every staff member (admins)',
        response: {
          200: z.object({ staff: z.array(staffUserShape) }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      requireStaffPermission(request, 'staff.manage');
      return { staff: (await listStaffUsers(deps.db)).map(presentStaffUser) };
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
