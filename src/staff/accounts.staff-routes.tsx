import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accountDisplayName } from '../accounts/account.ts';
import { presentAccount } from '../accounts/accounts.presenter.ts';
import type { Deps } from '../platform/deps.ts';
import { noContent, problemSchema } from '../platform/http/api-schemas.ts';
import { parseOrThrow } from '../platform/http/validation.ts';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import { requireStaff, staffOnly, staffPageOnly } from './core/staff-session.plugin.ts';
import { accountSearchQuery, accountSessionParams, uuidParams } from './staff.schemas.ts';
import { AccountSearchPage, StaffAccountPage } from './staff-accounts.pages.tsx';
import {
  getAccountDossier,
  revokeCustomerSessionAsStaff,
  searchAccountsAsStaff,
} from './staff-accounts.service.ts';
import { sendResetLinkToEmailOnFile } from './staff-send-reset.service.ts';

const accountSummary = z.object({
  id: z.string(),
  clientNumber: z.string(),
  type: z.string(),
  name: z.string(),
  email: z.string(),
});

/** Support's account search and account page, as pages and as the staff JSON API. */
export async function accountsStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/accounts',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { q } = parseOrThrow(accountSearchQuery, request.query);
      const accounts = await searchAccountsAsStaff(deps, staff.user, q, request.meta);
      return sendPage(
        reply,
        <AccountSearchPage ctx={staffPageContext(request)} query={q} accounts={accounts} />,
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: { resetSent?: string; revoked?: string } }>(
    '/staff/accounts/:id',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { id } = parseOrThrow(uuidParams, request.params);
      const dossier = await getAccountDossier(deps, staff.user, id, request.meta);
      const notice =
        request.query.resetSent !== undefined
          ? request.t('staff.account.resetSent')
          : request.query.revoked !== undefined
            ? request.t('staff.account.sessionRevoked')
            : undefined;
      return sendPage(
        reply,
        <StaffAccountPage ctx={staffPageContext(request)} dossier={dossier} notice={notice} />,
      );
    },
  );

  app.post<{ Params: { id: string } }>(
    '/staff/accounts/:id/send-reset',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { id } = parseOrThrow(uuidParams, request.params);
      await sendResetLinkToEmailOnFile(deps, staff.user, id, request.meta);
      return reply.redirect(`/staff/accounts/${id}?resetSent=1`, 303);
    },
  );

  app.post<{ Params: { id: string; sessionId: string } }>(
    '/staff/accounts/:id/sessions/:sessionId/revoke',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { id, sessionId } = parseOrThrow(accountSessionParams, request.params);
      await revokeCustomerSessionAsStaff(deps, staff.user, id, sessionId, request.meta);
      return reply.redirect(`/staff/accounts/${id}?revoked=1`, 303);
    },
  );

  api.get(
    '/api/v1/staff/accounts',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Search accounts by email, client number, name, SIREN or domain',
        querystring: accountSearchQuery,
        response: {
          200: z.object({ accounts: z.array(accountSummary) }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const accounts = await searchAccountsAsStaff(deps, staff.user, request.query.q, request.meta);
      return {
        accounts: accounts.map((a) => ({
          id: a.id,
          clientNumber: a.clientNumber,
          type: a.type,
          name: accountDisplayName(a),
          email: a.email,
        })),
      };
    },
  );

  api.get(
    '/api/v1/staff/accounts/:id',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'One account: fiche, services, live sessions and recent audit events',
        params: uuidParams,
        response: {
          200: z.object({
            account: z.record(z.string(), z.unknown()),
            services: z.array(z.record(z.string(), z.unknown())),
            sessions: z.array(z.record(z.string(), z.unknown())),
            auditEvents: z.array(z.record(z.string(), z.unknown())),
            openRecoveryCases: z.array(
              z.object({ reference: z.string(), status: z.string(), createdAt: z.string() }),
            ),
            openTickets: z.array(
              z.object({
                reference: z.string(),
                subject: z.string(),
                status: z.string(),
                lastMessageAt: z.string(),
              }),
            ),
          }),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const dossier = await getAccountDossier(deps, staff.user, request.params.id, request.meta);
      return {
        account: presentAccount(dossier.account, deps),
        services: dossier.services.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
        sessions: dossier.sessions.map((s) => ({
          id: s.id,
          ip: s.ip,
          userAgent: s.userAgent,
          createdAt: s.createdAt.toISOString(),
          lastSeenAt: s.lastSeenAt.toISOString(),
        })),
        auditEvents: dossier.auditEvents.map((e) => ({
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          actorType: e.actorType,
          actorId: e.actorId,
          action: e.action,
          ip: e.ip,
          details: e.details,
        })),
        openRecoveryCases: dossier.openRecoveryCases.map((c) => ({
          reference: c.reference,
          status: c.status,
          createdAt: c.createdAt.toISOString(),
        })),
        openTickets: dossier.openTickets.map((ticket) => ({
          reference: ticket.reference,
          subject: ticket.subject,
          status: ticket.status,
          lastMessageAt: ticket.lastMessageAt.toISOString(),
        })),
      };
    },
  );

  api.post(
    '/api/v1/staff/accounts/:id/send-reset',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Send the ordinary reset link to the email on the fiche, and nowhere else',
        params: uuidParams,
        response: { 202: z.object({}), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      await sendResetLinkToEmailOnFile(deps, staff.user, request.params.id, request.meta);
      return reply.code(202).send({});
    },
  );

  api.delete(
    '/api/v1/staff/accounts/:id/sessions/:sessionId',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'End one of the customer’s sessions',
        params: accountSessionParams,
        response: { 204: noContent, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      await revokeCustomerSessionAsStaff(
        deps,
        staff.user,
        request.params.id,
        request.params.sessionId,
        request.meta,
      );
      return reply.code(204).send(null);
    },
  );
}
