import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { redirectAfterAction } from '../platform/http/form-action.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { getFactorState, hasAnyFactor } from '../second-factor/factor-state.ts';
import { can } from '../staff/core/permissions.ts';
import { staffPageContext } from '../staff/core/staff-layout.tsx';
import {
  requireStaff,
  requireStaffPermission,
  staffOnly,
  staffPageOnly,
} from '../staff/core/staff-session.plugin.ts';
import { sendPage } from '../views/render.ts';
import { removeFactorsFromTicket } from './ticket-factor-removal.service.ts';
import { replyToTicket } from './ticket-reply.service.ts';
import { ticketReferenceParams } from './tickets-portal.schemas.ts';
import { StaffTicketQueuePage } from './tickets-staff.pages.tsx';
import {
  presentStaffTicket,
  presentStaffTicketDetail,
  staffTicketDetail,
  staffTicketSummary,
} from './tickets-staff.presenter.ts';
import {
  staffAssignBody,
  staffReplyBody,
  staffStatusBody,
  staffTicketQueueQuery,
} from './tickets-staff.schemas.ts';
import {
  assignTicketAsStaff,
  getStaffTicketDossier,
  listStaffTicketQueue,
  sendNewAccessFromTicket,
  setTicketStatusAsStaff,
} from './tickets-staff.service.ts';
import {
  type StaffTicketNotice,
  StaffTicketPage,
  staffTicketNotices,
} from './tickets-staff-thread.pages.tsx';

/** Runs a ticket action from a form and comes back to the ticket with what happened. */
function postAndReturn(
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  action: () => Promise<StaffTicketNotice>,
) {
  return redirectAfterAction(request, reply, `/staff/tickets/${encodeURIComponent(reference)}`, action);
}

/** The staff desk: queue and ticket pages, and the staff ticket API. */
export async function ticketsStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  type Ref = { Params: { reference: string } };

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/tickets',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaffPermission(request, 'tickets.view');
      const filters = parseOrThrow(staffTicketQueueQuery, request.query);
      const entries = await listStaffTicketQueue(deps, staff.user, filters);
      return sendPage(
        reply,
        <StaffTicketQueuePage
          ctx={staffPageContext(request)}
          entries={entries}
          filters={filters}
          now={deps.clock.now()}
        />,
      );
    },
  );

  app.get<Ref & { Querystring: { done?: string; problem?: string } }>(
    '/staff/tickets/:reference',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaffPermission(request, 'tickets.view');
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      const dossier = await getStaffTicketDossier(deps, staff.user, reference, request.meta);
      const done = staffTicketNotices.find((n) => n === request.query.done);
      const { ticket } = dossier;
      const canRemoveFactors =
        can(staff.user.role, 'accounts.remove_factors') &&
        ticket.senderVerified &&
        ticket.accountId !== null &&
        hasAnyFactor(await getFactorState(deps.db, ticket.accountId));
      return sendPage(
        reply,
        <StaffTicketPage
          ctx={staffPageContext(request)}
          dossier={dossier}
          staffId={staff.user.id}
          canRemoveFactors={canRemoveFactors}
          done={done}
          problem={typeof request.query.problem === 'string' ? request.query.problem : undefined}
        />,
      );
    },
  );

  app.post<Ref & { Body: Record<string, unknown> }>(
    '/staff/tickets/:reference/reply',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const { body } = parseOrThrow(staffReplyBody, request.body);
        await replyToTicket(deps, staff.user, reference, body, request.meta);
        return 'replied';
      });
    },
  );

  app.post<Ref & { Body: Record<string, unknown> }>(
    '/staff/tickets/:reference/status',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const { status } = parseOrThrow(staffStatusBody, request.body);
        await setTicketStatusAsStaff(deps, staff.user, reference, status, request.meta);
        return 'status';
      });
    },
  );

  app.post<Ref & { Body: Record<string, unknown> }>(
    '/staff/tickets/:reference/assign',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const { staffId } = parseOrThrow(staffAssignBody, request.body ?? {});
        await assignTicketAsStaff(deps, staff.user, reference, staffId, request.meta);
        return 'assigned';
      });
    },
  );

  app.post<Ref>(
    '/staff/tickets/:reference/send-access',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        await sendNewAccessFromTicket(deps, staff.user, reference, request.meta);
        return 'access_sent';
      });
    },
  );

  app.post<Ref>(
    '/staff/tickets/:reference/remove-factors',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(ticketReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        await removeFactorsFromTicket(deps, staff.user, reference, request.meta);
        return 'factors_removed';
      });
    },
  );

  const refParams = { params: ticketReferenceParams };
  const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };

  api.get(
    '/api/v1/staff/tickets',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'The ticket queue (open work by default; status=all for every ticket)',
        querystring: staffTicketQueueQuery,
        response: { 200: z.object({ tickets: z.array(staffTicketSummary) }), ...errors, 422: problemSchema },
      },
    },
    async (request) => {
      const staff = requireStaffPermission(request, 'tickets.view');
      const entries = await listStaffTicketQueue(deps, staff.user, request.query);
      return { tickets: entries.map(presentStaffTicket) };
    },
  );

  api.get(
    '/api/v1/staff/tickets/:reference',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'One ticket, its messages (with each sender check) and attachment metadata; audited',
        ...refParams,
        response: { 200: staffTicketDetail, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaffPermission(request, 'tickets.view');
      return presentStaffTicketDetail(
        await getStaffTicketDossier(deps, staff.user, request.params.reference, request.meta),
      );
    },
  );

  api.post(
    '/api/v1/staff/tickets/:reference/reply',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Answer the ticket: emailed to the requester, threaded, shown in the portal',
        ...refParams,
        body: staffReplyBody,
        response: { 201: z.object({ id: z.string() }), ...errors, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const message = await replyToTicket(
        deps,
        staff.user,
        request.params.reference,
        request.body.body,
        request.meta,
      );
      return reply.code(201).send({ id: message.id });
    },
  );

  api.post(
    '/api/v1/staff/tickets/:reference/status',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Set the ticket status (open, waiting_customer, closed)',
        ...refParams,
        body: staffStatusBody,
        response: { 200: z.object({ status: z.string() }), ...errors, 422: problemSchema },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const ticket = await setTicketStatusAsStaff(
        deps,
        staff.user,
        request.params.reference,
        request.body.status,
        request.meta,
      );
      return { status: ticket.status };
    },
  );

  api.post(
    '/api/v1/staff/tickets/:reference/assign',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Assign the ticket (to oneself when no staffId is given)',
        ...refParams,
        body: staffAssignBody.optional(),
        response: {
          200: z.object({ assignedStaffId: z.string().nullable() }),
          ...errors,
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const ticket = await assignTicketAsStaff(
        deps,
        staff.user,
        request.params.reference,
        request.body?.staffId,
        request.meta,
      );
      return { assignedStaffId: ticket.assignedStaffId };
    },
  );

  api.post(
    '/api/v1/staff/tickets/:reference/send-access',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Send the reset link to the email on the fiche of the ticket’s account, and nowhere else',
        ...refParams,
        response: { 202: z.object({}), ...errors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      await sendNewAccessFromTicket(deps, staff.user, request.params.reference, request.meta);
      return reply.code(202).send({});
    },
  );
}
