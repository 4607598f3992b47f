import { Fragment } from 'preact';
import { formatStaffDateTime } from '../../staff/core/staff-format.ts';
import type { StaffPageContext } from '../../staff/core/staff-layout.tsx';
import type { MessageKey } from '../../views/i18n/index.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import type { StoredCheckResult } from './check-results.ts';
import { type CheckOutcome, documentCheckNames } from './document-check.ts';
import type { MrzFormat } from './mrz-formats.ts';

/** The review page's evidence: every automatic check, its outcome, the rule, what it read, expected vs found. */

const outcomeClass: Record<CheckOutcome, string> = {
  pass: 'check check--pass',
  fail: 'check check--fail',
  not_run: 'check check--not-run',
};

// identity_mrz_found stores the MRZ format's code (« TD3 »): the agent reads the kind of document instead.
const mrzFormatLabels: Record<MrzFormat, MessageKey> = {
  TD1: 'documentChecks.mrzFormat.TD1',
  TD2: 'documentChecks.mrzFormat.TD2',
  TD3: 'documentChecks.mrzFormat.TD3',
  FRENCH_NATIONAL_ID: 'documentChecks.mrzFormat.FRENCH_NATIONAL_ID',
};
const isMrzFormat = (found: string): found is MrzFormat => Object.hasOwn(mrzFormatLabels, found);

function foundText(ctx: StaffPageContext, result: StoredCheckResult): string | null {
  const found = result.evidence?.found ?? null;
  if (result.check === 'identity_mrz_found' && found && isMrzFormat(found))
    return ctx.t(mrzFormatLabels[found]);
  return found;
}

// An MRZ line (A–Z, 0–9 and `<` fillers): in a monospace font, so the agent can compare it with the image.
const MRZ_LINE = /^(?=.*<)[A-Z0-9<]{20,}$/;

/**
 * What the check read, line by line as stored (an MRZ's lines, « lu : … corrigé : … »): a block
 * quotation rather than « » marks, which would shift an MRZ's first line against the next ones.
 */
function ReadText({ text, lang }: { text: string; lang: string | undefined }) {
  return (
    <blockquote class="evidence-read" lang={lang}>
      {text.split('\n').map((line, i) => (
        <Fragment key={i}>
          {i > 0 ? <br /> : null}
          {MRZ_LINE.test(line) ? <span class="mrz">{line}</span> : line}
        </Fragment>
      ))}
    </blockquote>
  );
}

function Evidence({ ctx, result }: { ctx: StaffPageContext; result: StoredCheckResult }) {
  const { t, locale } = ctx;
  const e = result.evidence;
  // Purged with the documents: the outcome stays, what the check read is gone.
  if (!e) return <p>{t('documentChecks.evidencePurged')}</p>;
  // The checks write their evidence in French: marked as such on the English page (screen readers).
  const stored = locale === 'fr' ? undefined : 'fr';
  const found = foundText(ctx, result);
  return (
    <dl>
      <dt>{t('documentChecks.rule')}</dt>
      <dd lang={stored}>{e.rule}</dd>
      <dt>{t('documentChecks.read')}</dt>
      <dd>{e.read ? <ReadText text={e.read} lang={stored} /> : t('documentChecks.nothingRead')}</dd>
      {e.expected ? (
        <>
          <dt>{t('documentChecks.expected')}</dt>
          <dd lang={stored}>{e.expected}</dd>
        </>
      ) : null}
      {e.expected || found ? (
        <>
          <dt>{t('documentChecks.found')}</dt>
          <dd lang={found && found === e.found ? stored : undefined}>
            {found ?? t('documentChecks.nothingRead')}
          </dd>
        </>
      ) : null}
      {e.reason ? (
        <>
          <dt>{t('documentChecks.reason')}</dt>
          <dd lang={stored}>{e.reason}</dd>
        </>
      ) : null}
    </dl>
  );
}

// The stored results come back in no useful order (same time, random ids): shown in the plan's order.
const checkRank = (result: StoredCheckResult) => documentCheckNames.indexOf(result.check);

/** Results grouped by document (in the documents' order), each in the checks' order, the checks across pieces last. */
function groupByDocument(
  stored: readonly StoredCheckResult[],
  documents: readonly RecoveryDocument[],
): { document: RecoveryDocument | null; results: StoredCheckResult[] }[] {
  const checks = [...stored].sort((a, b) => checkRank(a) - checkRank(b));
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
