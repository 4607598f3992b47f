import type { RecoveryDocument } from '../recovery-cases/recovery-case.ts';
import { formatStaffDateTime } from '../staff/staff-format.ts';
import type { StaffPageContext } from '../staff/staff-layout.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import type { CheckOutcome } from './document-check.ts';
import type { StoredCheckResult } from './document-checks.repository.ts';

/** The review page's evidence: every automatic check, its outcome, the rule, what it read, expected vs found. */

const outcomeClass: Record<CheckOutcome, string> = {
  pass: 'check check--pass',
  fail: 'check check--fail',
  not_run: 'check check--not-run',
};

function Evidence({ ctx, result }: { ctx: StaffPageContext; result: StoredCheckResult }) {
  const { t } = ctx;
  const e = result.evidence;
  return (
    <dl>
      <dt>{t('documentChecks.read')}</dt>
      <dd>{e.read ? <q>{e.read}</q> : t('documentChecks.nothingRead')}</dd>
      {e.expected ? (
        <>
          <dt>{t('documentChecks.expected')}</dt>
          <dd>{e.expected}</dd>
        </>
      ) : null}
      {e.expected || e.found ? (
        <>
          <dt>{t('documentChecks.found')}</dt>
          <dd>{e.found ?? t('documentChecks.nothingRead')}</dd>
        </>
      ) : null}
      {e.reason ? (
        <>
          <dt>{t('documentChecks.reason')}</dt>
          <dd>{e.reason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Results grouped by document (in the documents' order), the checks across pieces last. */
function groupByDocument(
  checks: readonly StoredCheckResult[],
  documents: readonly RecoveryDocument[],
): { document: RecoveryDocument | null; results: StoredCheckResult[] }[] {
  const groups = documents
    .map((document) => ({ document, results: checks.filter((c) => c.documentId === document.id) }))
    .filter((g) => g.results.length > 0);
  const across = checks.filter((c) => c.documentId === null || !documents.some((d) => d.id === c.documentId));
  return across.length > 0 ? [...groups, { document: null, results: across }] : groups;
}

export function DocumentChecksSection({
  ctx,
  checks,
  pending,
  documents,
}: {
  ctx: StaffPageContext;
  checks: readonly StoredCheckResult[];
  pending: boolean;
  documents: readonly RecoveryDocument[];
}) {
  const { t, locale } = ctx;
  const checkedAt = checks[0]?.checkedAt ?? null;
  return (
    <section class="panel" aria-labelledby="document-checks-title">
      <h2 id="document-checks-title">{t('documentChecks.title')}</h2>
      <p class="muted">{t('documentChecks.help')}</p>
      {pending ? <p role="status">{t('documentChecks.pending')}</p> : null}
      {checks.length === 0 ? <p>{t('documentChecks.none')}</p> : null}
      {checkedAt ? (
        <p class="muted">{t('documentChecks.checkedAt', { date: formatStaffDateTime(locale, checkedAt) })}</p>
      ) : null}
      {groupByDocument(checks, documents).map((group) => (
        <div key={group.document?.id ?? 'across'}>
          <h3>
            {group.document
              ? t(`recovery.staff.documentKind.${group.document.kind}` as MessageKey)
              : t('documentChecks.acrossPieces')}
          </h3>
          <ul>
            {group.results.map((result) => (
              <li key={result.id} class={outcomeClass[result.outcome]}>
                <p>
                  <strong>{t(`documentChecks.outcome.${result.outcome}` as MessageKey)}</strong> —{' '}
                  {t(`documentChecks.check.${result.check}` as MessageKey)}
                </p>
                <Evidence ctx={ctx} result={result} />
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
