import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { fieldErrorsFromIssues } from '../platform/http/validation.ts';
import { sendPage } from '../views/render.ts';
import { staffPageContext } from './core/staff-layout.tsx';
import {
  requireStaff,
  requireStaffPermission,
  staffOnly,
  staffPageOnly,
} from './core/staff-session.plugin.ts';
import { AuditPage } from './staff-audit.pages.tsx';
import { type AuditFiltersQuery, auditFiltersQuery } from './staff-audit.schemas.ts';
import { exportAuditEventsCsv, listAuditEventsAsStaff } from './staff-audit.service.ts';

/** `?a=b&…` for the filters that are set, leaving out `before` (the page cursor) unless given. */
function queryString(filters: AuditFiltersQuery, before?: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (key !== 'before' && typeof value === 'string' && value) params.set(key, value);
  }
  if (before) params.set('before', before);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function stringValues(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function csvFileName(deps: Deps): string {
  return `sesame-audit-${deps.clock.now().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
}

/** The audit view and its CSV export, for supervisors and admins. */
export async function auditStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/audit',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaffPermission(request, 'audit.view');
      const ctx = staffPageContext(request);
      const parsed = auditFiltersQuery.safeParse(request.query);
      const values = stringValues(request.query);
      if (!parsed.success) {
        const errors = fieldErrorsFromIssues(parsed.error.issues);
        const page = (
          <AuditPage
            ctx={ctx}
            values={values}
            errors={errors}
            events={[]}
            staffNames={new Map()}
            nextQuery={null}
            exportQuery=""
          />
        );
        return sendPage(reply, page, 422);
      }
      const { events, nextBefore, staffNames } = await listAuditEventsAsStaff(
        deps,
        staff.user,
        parsed.data,
        request.meta,
      );
      const page = (
        <AuditPage
          ctx={ctx}
          values={values}
          errors={[]}
          events={events}
          staffNames={staffNames}
          nextQuery={nextBefore ? queryString(parsed.data, nextBefore) : null}
          exportQuery={queryString(parsed.data)}
        />
      );
      return sendPage(reply, page);
    },
  );

  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/audit.csv',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaffPermission(request, 'audit.export');
      const filters = auditFiltersQuery.parse(request.query);
      const lines = await exportAuditEventsCsv(deps, staff.user, filters, request.meta);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(deps)}"`)
        .send(Readable.from(lines));
    },
  );

  const eventShape = z.object({
    seq: z.string(),
    occurredAt: z.string(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    accountId: z.string().nullable(),
    action: z.string(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  });

  api.get(
    '/api/v1/staff/audit/events',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Audit events, newest first, filtered; `nextBefore` is the cursor of the next page',
        querystring: auditFiltersQuery,
        response: {
          200: z.object({ events: z.array(eventShape), nextBefore: z.string().nullable() }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const page = await listAuditEventsAsStaff(deps, staff.user, request.query, request.meta);
      return {
        events: page.events.map((e) => ({
          seq: e.seq,
          occurredAt: e.occurredAt.toISOString(),
          actorType: e.actorType,
          actorId: e.actorId,
          accountId: e.accountId,
          action: e.action,
          ip: e.ip,
          userAgent: e.userAgent,
          details: e.details,
        })),
        nextBefore: page.nextBefore,
      };
    },
  );

  api.get(
    '/api/v1/staff/audit/events.csv',
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'The filtered audit log as CSV (formula-injection safe)',
        querystring: auditFiltersQuery,
        // No response schema: the body is a stream of CSV lines, which no serializer should touch.
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const staff = requireStaff(request);
      const lines = await exportAuditEventsCsv(deps, staff.user, request.query, request.meta);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvFileName(deps)}"`)
        .send(Readable.from(lines));
    },
  );
}
