import type { MessageKey } from '../../views/i18n/index.ts';
import type { PageContext } from '../../views/page-context.ts';
import type { RecoveryCaseView } from './claimant-access.ts';
import { formatCaseDate } from './claimant-documents.pages.tsx';
import { type ClaimantProgressEntry, claimantProgress } from './claimant-progress.ts';

/**
 * The status parts of the claimant's case page: the stepper, the usual turnaround, the files sent,
 * the history (naming the piece of each file added) and, once refused or expired, the way to start again.
 */

// Decorative: the status is said in words beside it (never by the colour or the mark alone).
const markers: Record<ClaimantProgressEntry['status'], string> = {
  done: '✓',
  in_progress: '',
  upcoming: '',
  skipped: '–',
};

// While a decision is still to come, the claimant is told how long it usually takes.
const awaitingDecision = new Set(['draft', 'submitted', 'in_review', 'awaiting_claimant']);

/** An ordered list of the seven steps, `aria-current="step"` on the one the case is at. */
export function CaseProgress({
  ctx,
  view,
  reviewWorkingDays,
}: {
  ctx: PageContext;
  view: RecoveryCaseView;
  reviewWorkingDays: number;
}) {
  const { t } = ctx;
  const progress = claimantProgress(view);
  return (
    <section class="panel" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('recovery.claimant.progress.title')}</h2>
      <ol class="stepper">
        {progress.steps.map((entry) => (
          <li
            key={entry.step}
            class={`stepper__step stepper__step--${entry.status}`}
            aria-current={entry.step === progress.current ? 'step' : undefined}
          >
            <span class="stepper__marker" aria-hidden="true">
              {markers[entry.status]}
            </span>
            <span class="stepper__text">
              <span class="stepper__label">{t(`recovery.claimant.progress.step.${entry.step}`)}</span>
              <span class="stepper__status">{t(`recovery.claimant.progress.status.${entry.status}`)}</span>
              {entry.note ? (
                <span class="stepper__note">
                  {t(`recovery.claimant.progress.note.${entry.note}`, {
                    date: entry.until ? formatCaseDate(ctx, entry.until) : '',
                  })}
                </span>
              ) : null}
              {entry.date ? (
                <span class="stepper__note">
                  <time datetime={entry.date.toISOString()}>
                    {t('recovery.claimant.progress.on', { date: formatCaseDate(ctx, entry.date) })}
                  </time>
                </span>
              ) : null}
            </span>
          </li>
        ))}
      </ol>
      {awaitingDecision.has(view.recoveryCase.status) ? (
        <p class="stepper__turnaround">
          {t('recovery.claimant.progress.turnaround', { days: reviewWorkingDays })}
        </p>
      ) : null}
    </section>
  );
}

/** Once refused or expired: the reason given, and a link to open a new request. */
export function StartAgain({ ctx, view }: { ctx: PageContext; view: RecoveryCaseView }) {
  const { t } = ctx;
  const c = view.recoveryCase;
  if (c.status !== 'rejected' && c.status !== 'expired') return null;
  return (
    <>
      {c.status === 'rejected' && c.decisionReason ? (
        <p class="alert alert--warning">
          {t('recovery.claimant.refusal.reason', { reason: c.decisionReason })}
        </p>
      ) : null}
      <p>
        <a class="button button--primary" href="/recovery">
          {t('recovery.claimant.startAgain.link')}
        </a>
      </p>
    </>
  );
}

/** After submission (the documents step is gone): each file sent, by piece and name. */
export function SentFiles({ ctx, view }: { ctx: PageContext; view: RecoveryCaseView }) {
  const { t } = ctx;
  const c = view.recoveryCase;
  if (c.status === 'draft' || c.status === 'awaiting_claimant' || !c.submittedAt) return null;
  return (
    <section class="panel" aria-labelledby="sent-title">
      <h2 id="sent-title">{t('recovery.claimant.sent.title')}</h2>
      {c.documentsPurgedAt ? (
        <p>{t('recovery.claimant.sent.purged', { date: formatCaseDate(ctx, c.documentsPurgedAt) })}</p>
      ) : (
        <ul class="sent-files">
          {view.documents.map((d) => (
            <li key={d.id}>
              {t('recovery.claimant.sent.item', {
                kind: t(`recovery.claimant.req.${d.kind}`),
                name: d.originalName ?? t('recovery.claimant.sent.unnamed'),
              })}{' '}
              <span class="muted">
                (
                {t('recovery.claimant.sent.details', {
                  mediaType: d.mediaType.split('/')[1]?.toUpperCase() ?? d.mediaType,
                  size: Math.max(1, Math.round(d.size / 1024)),
                })}
                )
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const knownEvents = new Set([
  'case_created',
  'email_verified',
  'document_added',
  'declaration_recorded',
  'submitted',
  'assigned',
  'info_requested',
  'rejected',
  'approved',
  'objected',
  'completed',
  'expired',
]);

/** What the history says of an entry: the piece for a file added (older entries have none: « Fichier reçu »). */
function eventLabel(ctx: PageContext, event: RecoveryCaseView['events'][number]): string {
  if (event.event === 'document_added' && event.documentKind)
    return ctx.t(`recovery.claimant.event.document_added.${event.documentKind}`);
  return ctx.t(
    `recovery.claimant.event.${knownEvents.has(event.event) ? event.event : 'other'}` as MessageKey,
  );
}

export function CaseHistory({ ctx, view }: { ctx: PageContext; view: RecoveryCaseView }) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('recovery.claimant.timeline.title')}</h2>
      <ol class="history">
        {view.events.map((e) => (
          <li key={e.id}>
            <time datetime={e.occurredAt.toISOString()}>{formatCaseDate(ctx, e.occurredAt)}</time>
            {' — '}
            {eventLabel(ctx, e)}
            {e.message ? <p>{e.message}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
