import type { RecoveryCase, RecoveryCaseEvent } from '../case.ts';

/**
 * The claimant's progress through a case, as the status page's stepper shows it: seven steps, each
 * done, in progress, still to come or skipped (never reached: a refusal skips the objection period),
 * and the one step the case is at. A pure reading of the case state (case.ts): no rule of its own.
 *
 * What each state means here:
 * - draft: the first of « adresse confirmée », « pièces » (documents and sworn statement) and
 *   « envoyé » (everything there, to send) not yet done is in progress;
 * - submitted, in_review, awaiting_claimant: « examen » in progress (in the queue, being reviewed,
 *   complements asked of the claimant; again after an objection);
 * - approved: « décision » done (accepted), « opposition » in progress until the deadline;
 * - completed: every step done, « terminé » the current one;
 * - rejected: « décision » done (refused), « opposition » skipped (there is none after a refusal),
 *   « terminé » current with the refusal;
 * - expired: the steps not reached skipped, « terminé » current with the expiry.
 */

export const claimantProgressSteps = [
  'email',
  'documents',
  'sent',
  'review',
  'decision',
  'objection',
  'done',
] as const;
export type ClaimantProgressStep = (typeof claimantProgressSteps)[number];

export type ClaimantStepStatus = 'done' | 'in_progress' | 'upcoming' | 'skipped';

/** What a step says besides its status; each names a message (recovery.claimant.progress.note.*). */
export type ClaimantStepNote =
  | 'email_todo'
  | 'documents_todo'
  | 'ready_to_send'
  | 'queued'
  | 'reviewing'
  | 'reviewing_again'
  | 'complements_asked'
  | 'accepted'
  | 'refused'
  | 'objection_until'
  | 'no_objection'
  | 'completed'
  | 'expired';

export type ClaimantProgressEntry = {
  step: ClaimantProgressStep;
  status: ClaimantStepStatus;
  note: ClaimantStepNote | null;
  /** When the step was done, or null. */
  date: Date | null;
  /** Until when the step lasts (the objection deadline), or null. */
  until: Date | null;
};

export type ClaimantProgress = { current: ClaimantProgressStep; steps: ClaimantProgressEntry[] };

type Facts = {
  recoveryCase: Pick<
    RecoveryCase,
    | 'status'
    | 'newEmailVerifiedAt'
    | 'submittedAt'
    | 'approvedAt'
    | 'objectionDeadline'
    | 'closedAt'
    | 'lastActivityAt'
  >;
  requirements: readonly { kind: string; satisfied: boolean }[];
  events: readonly Pick<RecoveryCaseEvent, 'event'>[];
};

type StepPlan = {
  status: ClaimantStepStatus;
  note?: ClaimantStepNote;
  date?: Date | null;
  until?: Date | null;
};

/** The seven steps of `facts`' case and the one it is at. */
export function claimantProgress(facts: Facts): ClaimantProgress {
  const plan = planOf(facts);
  const current =
    claimantProgressSteps.find((step) => plan[step]?.status === 'in_progress') ??
    // A terminal case: it is at its end, which is done.
    'done';
  return {
    current,
    steps: claimantProgressSteps.map((step) => ({
      step,
      status: plan[step]?.status ?? 'upcoming',
      note: plan[step]?.note ?? null,
      date: plan[step]?.date ?? null,
      until: plan[step]?.until ?? null,
    })),
  };
}

function planOf({ recoveryCase: c, requirements, events }: Facts): Record<string, StepPlan> {
  const sent: Record<string, StepPlan> = {
    email: { status: 'done', date: c.newEmailVerifiedAt },
    documents: { status: 'done' },
    sent: { status: 'done', date: c.submittedAt },
  };
  switch (c.status) {
    case 'draft':
      return draftPlan(c, requirements);
    case 'submitted':
      return { ...sent, review: { status: 'in_progress', note: 'queued' } };
    case 'in_review': {
      // The claimant sees the objection entry of their history too: a new review, not a first one.
      const again = events.some((e) => e.event === 'objected');
      return { ...sent, review: { status: 'in_progress', note: again ? 'reviewing_again' : 'reviewing' } };
    }
    case 'awaiting_claimant':
      return { ...sent, review: { status: 'in_progress', note: 'complements_asked' } };
    case 'approved':
      return {
        ...sent,
        review: { status: 'done' },
        decision: { status: 'done', note: 'accepted', date: c.approvedAt },
        objection: { status: 'in_progress', note: 'objection_until', until: c.objectionDeadline },
      };
    case 'completed':
      return {
        ...sent,
        review: { status: 'done' },
        decision: { status: 'done', note: 'accepted', date: c.approvedAt },
        objection: { status: 'done', note: 'no_objection' },
        done: { status: 'done', note: 'completed', date: c.closedAt },
      };
    case 'rejected':
      return {
        ...sent,
        review: { status: 'done' },
        decision: { status: 'done', note: 'refused', date: c.closedAt },
        objection: { status: 'skipped' },
        done: { status: 'done', note: 'refused', date: c.closedAt },
      };
    case 'expired':
      return expiredPlan(c, requirements);
  }
}

function draftPlan(c: Facts['recoveryCase'], requirements: Facts['requirements']): Record<string, StepPlan> {
  if (!c.newEmailVerifiedAt) return { email: { status: 'in_progress', note: 'email_todo' } };
  const email: StepPlan = { status: 'done', date: c.newEmailVerifiedAt };
  if (requirements.some((r) => !r.satisfied))
    return { email, documents: { status: 'in_progress', note: 'documents_todo' } };
  return { email, documents: { status: 'done' }, sent: { status: 'in_progress', note: 'ready_to_send' } };
}

/** Expiry ends a draft or a case waiting for complements: what was never reached is skipped. */
function expiredPlan(
  c: Facts['recoveryCase'],
  requirements: Facts['requirements'],
): Record<string, StepPlan> {
  const reached = c.submittedAt
    ? { email: 'done', documents: 'done', sent: 'done' }
    : {
        email: c.newEmailVerifiedAt ? 'done' : 'skipped',
        documents: c.newEmailVerifiedAt && requirements.every((r) => r.satisfied) ? 'done' : 'skipped',
      };
  const plan: Record<string, StepPlan> = {};
  for (const step of claimantProgressSteps)
    plan[step] = { status: (reached as Record<string, ClaimantStepStatus>)[step] ?? 'skipped' };
  plan.done = { status: 'done', note: 'expired', date: c.closedAt ?? c.lastActivityAt };
  return plan;
}
