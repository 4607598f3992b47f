import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.ts';
import { problemSchema } from '../../platform/http/api-schemas.ts';
import { requireStaff, staffOnly } from '../../staff/core/staff-session.plugin.ts';
import { decideRecoveryCase } from './decision.service.ts';
import { getRecoveryReviewDossier, listRecoveryQueue } from './queue.service.ts';
import { presentDossier, presentQueueEntry } from './review.presenter.ts';
import {
  checklistBody,
  decisionBody,
  linkAccountBody,
  recoveryFlagParams,
  recoveryQueueQuery,
  recoveryReferenceParams,
  resolveFlagBody,
} from './review.schemas.ts';
import {
  assignRecoveryCase,
  linkRecoveryCaseAccount,
  resolveRecoveryCaseFlag,
  setRecoveryChecklistItem,
} from './review.service.ts';
import { recoveryPagesStaffRoutes } from './review-pages.staff-routes.tsx';
import { recoveryDocumentsStaffRoutes } from './staff-documents.staff-routes.ts';

const errors = {
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  422: problemSchema,
};
const anyObject = z.record(z.string(), z.unknown());
const statusReply = z.object({ reference: z.string(), status: z.string() });

/** The staff review of recovery cases: JSON API here; pages and documents in their own files. */
export async function recoveryStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  await app.register(recoveryPagesStaffRoutes, { deps });
  await app.register(recoveryDocumentsStaffRoutes, { deps });
  const api = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/staff/recovery/cases';

  api.get(
    base,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'The recovery queue: open cases by default, oldest first',
        querystring: recoveryQueueQuery,
        response: { 200: z.object({ cases: z.array(anyObject) }), ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const entries = await listRecoveryQueue(deps, staff.user, {
        statuses: request.query.status,
        olderThanDays: request.query.olderThanDays,
      });
      return { cases: entries.map(presentQueueEntry) };
    },
  );

  api.get(
    `${base}/:reference`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary:
          'One case: claimant data, documents (metadata), checks, checklist, fiche, timeline (audited)',
        params: recoveryReferenceParams,
        response: { 200: anyObject, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const dossier = await getRecoveryReviewDossier(
        deps,
        staff.user,
        request.params.reference,
        request.meta,
      );
      return presentDossier(dossier);
    },
  );

  api.post(
    `${base}/:reference/assign`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Take the case (submitted → in_review), or take over a case in review',
        params: recoveryReferenceParams,
        response: { 200: statusReply, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const c = await assignRecoveryCase(deps, staff.user, request.params.reference, request.meta);
      return { reference: c.reference, status: c.status };
    },
  );

  api.post(
    `${base}/:reference/account`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Link the case to an account; raises the automatic flags',
        params: recoveryReferenceParams,
        body: linkAccountBody,
        response: { 200: statusReply.extend({ accountId: z.string() }), ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { reference } = request.params;
      const c = await linkRecoveryCaseAccount(
        deps,
        staff.user,
        reference,
        request.body.accountId,
        request.meta,
      );
      return { reference: c.reference, status: c.status, accountId: request.body.accountId };
    },
  );

  api.post(
    `${base}/:reference/checklist`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Verify (or not) one checklist item, with a note',
        params: recoveryReferenceParams,
        body: checklistBody,
        response: { 200: statusReply, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const c = await setRecoveryChecklistItem(
        deps,
        staff.user,
        request.params.reference,
        request.body,
        request.meta,
      );
      return { reference: c.reference, status: c.status };
    },
  );

  api.post(
    `${base}/:reference/flags/:id/resolve`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Resolve an automatic flag with a note (supervisors)',
        params: recoveryFlagParams,
        body: resolveFlagBody,
        response: { 200: statusReply, ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const { reference, id } = request.params;
      const c = await resolveRecoveryCaseFlag(
        deps,
        staff.user,
        reference,
        { flagId: id, note: request.body.note },
        request.meta,
      );
      return { reference: c.reference, status: c.status };
    },
  );

  api.post(
    `${base}/:reference/decision`,
    {
      onRequest: staffOnly,
      schema: {
        tags: ['staff'],
        summary: 'Decide: request_info (message), reject (reason) or approve; 409 with blockers',
        params: recoveryReferenceParams,
        body: decisionBody,
        response: { 200: statusReply.extend({ firstApprovalOnly: z.boolean() }), ...errors },
      },
    },
    async (request) => {
      const staff = requireStaff(request);
      const outcome = await decideRecoveryCase(
        deps,
        staff.user,
        request.params.reference,
        request.body,
        request.meta,
      );
      return {
        reference: outcome.recoveryCase.reference,
        status: outcome.recoveryCase.status,
        firstApprovalOnly: outcome.firstApprovalOnly,
      };
    },
  );
}
