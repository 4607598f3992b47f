import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { redirectAfterAction } from '../../platform/http/form-action.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { staffPageContext } from '../../staff/core/staff-layout.tsx';
import { requireStaff, staffPageOnly } from '../../staff/core/staff-session.plugin.ts';
import { searchAccountsAsStaff } from '../../staff/staff-accounts.service.ts';
import { isMessageKey } from '../../views/i18n/index.ts';
import { sendPage } from '../../views/render.ts';
import type { RecoveryStatus } from '../case.ts';
import { decideRecoveryCase } from './decision.service.ts';
import { getRecoveryReviewDossier, listRecoveryQueue } from './queue.service.ts';
import {
  checklistBody,
  decisionBody,
  linkAccountBody,
  linkSearchQuery,
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
import { RecoveryCasePage } from './staff-case.pages.tsx';
import { RecoveryQueuePage } from './staff-queue.pages.tsx';

const notices = [
  'assigned',
  'linked',
  'checklist',
  'flag_resolved',
  'info_requested',
  'rejected',
  'approved',
  'completed',
  'first_approval',
] as const;
type Notice = (typeof notices)[number];

/** What the page says after a decision, by the state the case reached. */
const decisionNotices: Partial<Record<RecoveryStatus, Notice>> = {
  awaiting_claimant: 'info_requested',
  rejected: 'rejected',
  approved: 'approved',
  completed: 'completed',
};

type CaseQuery = { done?: string; problem?: string; q?: string };

/** Runs a review action from a form and comes back to the case page with what happened. */
function postAndReturn(
  request: FastifyRequest,
  reply: FastifyReply,
  reference: string,
  action: () => Promise<Notice>,
) {
  return redirectAfterAction(request, reply, `/staff/recovery/${encodeURIComponent(reference)}`, action);
}

/** The back-office pages of the review; every POST comes back to the case page. */
export async function recoveryPagesStaffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/staff/recovery',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const query = parseOrThrow(recoveryQueueQuery, request.query);
      const entries = await listRecoveryQueue(deps, staff.user, {
        statuses: query.status,
        olderThanDays: query.olderThanDays,
      });
      return sendPage(
        reply,
        <RecoveryQueuePage
          ctx={staffPageContext(request)}
          entries={entries}
          status={query.status.length === 1 ? (query.status[0] ?? '') : ''}
          olderThanDays={query.olderThanDays}
        />,
      );
    },
  );

  app.get<{ Params: Record<string, string>; Querystring: CaseQuery }>(
    '/staff/recovery/:reference',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(recoveryReferenceParams, request.params);
      const { q } = parseOrThrow(linkSearchQuery, { q: request.query.q });
      const dossier = await getRecoveryReviewDossier(deps, staff.user, reference, request.meta);
      const searchResults =
        q.length >= 2 ? await searchAccountsAsStaff(deps, staff.user, q, request.meta) : [];
      const { done, problem } = request.query;
      const noticeKey = `recovery.staff.notice.${done}`;
      const problemKey = `problem.${problem}`;
      return sendPage(
        reply,
        <RecoveryCasePage
          ctx={staffPageContext(request)}
          dossier={dossier}
          notice={done && isMessageKey(noticeKey) ? request.t(noticeKey) : undefined}
          problem={problem && isMessageKey(problemKey) ? request.t(problemKey, { seconds: 60 }) : undefined}
          query={q}
          searchResults={searchResults}
        />,
      );
    },
  );

  app.post<{ Params: Record<string, string> }>(
    '/staff/recovery/:reference/assign',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(recoveryReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        await assignRecoveryCase(deps, staff.user, reference, request.meta);
        return 'assigned';
      });
    },
  );

  app.post<{ Params: Record<string, string> }>(
    '/staff/recovery/:reference/account',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(recoveryReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const { accountId } = parseOrThrow(linkAccountBody, request.body);
        await linkRecoveryCaseAccount(deps, staff.user, reference, accountId, request.meta);
        return 'linked';
      });
    },
  );

  app.post<{ Params: Record<string, string> }>(
    '/staff/recovery/:reference/checklist',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(recoveryReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const input = parseOrThrow(checklistBody, request.body);
        await setRecoveryChecklistItem(deps, staff.user, reference, input, request.meta);
        return 'checklist';
      });
    },
  );

  app.post<{ Params: Record<string, string> }>(
    '/staff/recovery/:reference/flags/:id/resolve',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference, id } = parseOrThrow(recoveryFlagParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const { note } = parseOrThrow(resolveFlagBody, request.body);
        await resolveRecoveryCaseFlag(deps, staff.user, reference, { flagId: id, note }, request.meta);
        return 'flag_resolved';
      });
    },
  );

  app.post<{ Params: Record<string, string> }>(
    '/staff/recovery/:reference/decision',
    { onRequest: staffPageOnly },
    async (request, reply) => {
      const staff = requireStaff(request);
      const { reference } = parseOrThrow(recoveryReferenceParams, request.params);
      return postAndReturn(request, reply, reference, async () => {
        const input = parseOrThrow(decisionBody, request.body);
        const outcome = await decideRecoveryCase(deps, staff.user, reference, input, request.meta);
        if (outcome.firstApprovalOnly) return 'first_approval';
        return decisionNotices[outcome.recoveryCase.status] ?? 'approved';
      });
    },
  );
}
