import { type Account, accountDisplayName } from '../../accounts/account.ts';
import { formatStaffDateTime } from '../../staff/core/staff-format.ts';
import { StaffLayout, type StaffPageContext } from '../../staff/core/staff-layout.tsx';
import { CsrfField, ErrorSummary } from '../../views/form.tsx';
import { isMessageKey, type MessageKey } from '../../views/i18n/index.ts';
import type { RecoveryCaseEvent } from '../case.ts';
import { DocumentChecksSection } from '../checks/document-checks.pages.tsx';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import type { RecoveryReviewDossier } from './queue.service.ts';
import { ClaimantData, Fiche } from './staff-fiche.pages.tsx';
import { ChecklistForms, DecisionForms, FlagsSection, LinkAccountForms } from './staff-forms.tsx';
import { statusLabel } from './staff-queue.pages.tsx';

/** One case for the reviewer: fiche and claimant side by side, documents, checklist, flags, decision, timeline. */

function Documents({
  ctx,
  reference,
  documents,
}: {
  ctx: StaffPageContext;
  reference: string;
  documents: RecoveryDocument[];
}) {
  const { t } = ctx;
  if (documents.length === 0) return <p>{t('recovery.staff.documents.none')}</p>;
  const base = `/api/v1/staff/recovery/cases/${encodeURIComponent(reference)}/documents`;
  return (
    <ul>
      {documents.map((d) => {
        const kind = t(`recovery.staff.documentKind.${d.kind}` as MessageKey);
        return (
          <li key={d.id}>
            <h3>{kind}</h3>
            {d.purgedAt ? (
              <p>{t('recovery.staff.documents.purged')}</p>
            ) : (
              <>
                <p>
                  <img
                    src={`${base}/${d.id}/preview`}
                    alt={t('recovery.staff.documents.previewAlt', { kind })}
                    width={320}
                    loading="lazy"
                  />
                </p>
                <p>
                  <a href={`${base}/${d.id}`}>{t('recovery.staff.documents.download', { kind })}</a>
                  {d.mediaType === 'application/pdf' ? (
                    <>
                      {' · '}
                      <a href={`${base}/${d.id}?inline=1`} target="_blank" rel="noopener noreferrer">
                        {t('recovery.staff.documents.openPdf', { kind })}
                      </a>
                    </>
                  ) : null}
                </p>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Events other domains add later still read sensibly: their raw name until they get a label. */
function eventLabel(ctx: StaffPageContext, event: string): string {
  const key = `recovery.staff.event.${event}`;
  return isMessageKey(key) ? ctx.t(key) : event;
}

function Timeline({
  ctx,
  events,
  names,
}: {
  ctx: StaffPageContext;
  events: RecoveryCaseEvent[];
  names: Map<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <ol>
      {events.map((e) => (
        <li key={e.id}>
          {formatStaffDateTime(locale, e.occurredAt)} — {eventLabel(ctx, e.event)} —{' '}
          {e.actorType === 'staff' && e.actorId
            ? (names.get(e.actorId) ?? '—')
            : t(`recovery.staff.actor.${e.actorType}` as MessageKey)}
          {e.message ? <blockquote>{e.message}</blockquote> : null}
        </li>
      ))}
    </ol>
  );
}

export function RecoveryCasePage({
  ctx,
  dossier,
  notice,
  problem,
  query,
  searchResults,
}: {
  ctx: StaffPageContext;
  dossier: RecoveryReviewDossier;
  notice?: string | undefined;
  problem?: string | undefined;
  query: string;
  searchResults: Account[];
}) {
  const { t } = ctx;
  const c = dossier.recoveryCase;
  const path = `/staff/recovery/${encodeURIComponent(c.reference)}`;
  const inReview = c.status === 'in_review';
  const assignee = c.assignedStaffId ? (dossier.staffNames.get(c.assignedStaffId) ?? '—') : null;
  const title = t('recovery.staff.case.title', { reference: c.reference });
  return (
    <StaffLayout ctx={ctx} title={title}>
      <h1>
        {title} — {t(statusLabel(c.status))}
      </h1>
      {problem ? <ErrorSummary t={t} errors={[]} message={problem} /> : null}
      {notice ? (
        <p class="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      <section class="panel" aria-labelledby="assign-title">
        <h2 id="assign-title">{t('recovery.staff.case.assignment')}</h2>
        <p>
          {assignee
            ? t('recovery.staff.case.assignedToName', { name: assignee })
            : t('recovery.staff.case.unassigned')}
        </p>
        {c.status === 'submitted' || inReview ? (
          <form method="post" action={`${path}/assign`}>
            <CsrfField ctx={ctx} />
            <button type="submit" class="button button--primary">
              {c.status === 'submitted' ? t('recovery.staff.case.take') : t('recovery.staff.case.takeOver')}
            </button>
          </form>
        ) : null}
      </section>
      <div class="grid-2">
        <section class="panel" aria-labelledby="claimant-title">
          <h2 id="claimant-title">{t('recovery.staff.case.claimantData')}</h2>
          <ClaimantData ctx={ctx} c={c} account={dossier.account} />
        </section>
        <section class="panel" aria-labelledby="fiche-title">
          <h2 id="fiche-title">{t('recovery.staff.case.fiche')}</h2>
          {dossier.account ? (
            <>
              <Fiche ctx={ctx} account={dossier.account} />
              <p>
                <a href={`/staff/accounts/${dossier.account.id}`}>
                  {t('recovery.staff.case.openAccount', {
                    name: accountDisplayName(dossier.account) || dossier.account.clientNumber,
                  })}
                </a>
              </p>
            </>
          ) : (
            <p>{t('recovery.staff.case.noAccount')}</p>
          )}
        </section>
      </div>
      {inReview ? (
        <LinkAccountForms
          ctx={ctx}
          action={`${path}/account`}
          searchAction={path}
          query={query}
          suggestions={dossier.suggestions}
          results={searchResults}
        />
      ) : null}
      {/* Documents beside the checks: the agent reads a piece while verifying the items about it. */}
      <div class="review-grid">
        <section class="panel review-grid__documents" aria-labelledby="documents-title">
          <h2 id="documents-title">{t('recovery.staff.documents.title')}</h2>
          <Documents ctx={ctx} reference={c.reference} documents={dossier.documents} />
        </section>
        <div class="review-grid__checks">
          <DocumentChecksSection
            ctx={ctx}
            checks={dossier.checks}
            pending={dossier.checksPending}
            documents={dossier.documents}
          />
          <FlagsSection
            ctx={ctx}
            actionFor={(id) => `${path}/flags/${id}/resolve`}
            flags={dossier.flags}
            mayResolve={inReview && (ctx.staff?.can('recovery.resolve_flag') ?? false)}
            staffNames={dossier.staffNames}
          />
          <ChecklistForms
            ctx={ctx}
            action={`${path}/checklist`}
            checklist={dossier.checklist}
            editable={inReview}
            staffNames={dossier.staffNames}
          />
          {inReview ? (
            <DecisionForms
              ctx={ctx}
              action={`${path}/decision`}
              blockers={dossier.blockers}
              firstApproval={
                c.firstApprovedBy
                  ? t('recovery.staff.decision.firstApprovedBy', {
                      name: dossier.staffNames.get(c.firstApprovedBy) ?? '—',
                    })
                  : null
              }
            />
          ) : null}
        </div>
      </div>
      <section class="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('recovery.staff.timeline.title')}</h2>
        <Timeline ctx={ctx} events={dossier.timeline} names={dossier.staffNames} />
      </section>
    </StaffLayout>
  );
}
