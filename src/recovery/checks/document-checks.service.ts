import { getAccountById } from '../../accounts/accounts.repository.ts';
import type { Tx } from '../../platform/db/database.ts';
import { type Deps, noRequestMeta } from '../../platform/deps.ts';
import { isTerminalRecoveryStatus, type RecoveryCase } from '../case.ts';
import { recordRecoveryEvent } from '../case-events.ts';
import { getRecoveryCaseById, lockRecoveryCaseById } from '../cases.repository.ts';
import { readStoredDocument } from '../documents/document-intake.ts';
import { getStoredRecoveryDocument, listRecoveryDocumentsByCase } from '../documents/documents.repository.ts';
import { insertRecoveryFlag, listRecoveryFlags } from '../flags.repository.ts';
import type { RecoveryFlag } from '../flags.ts';
import { sealCheckResults } from './check-results.ts';
import type { CheckResult } from './document-check.ts';
import {
  clearRecoveryChecksRequest,
  getRecoveryChecksRequestedAt,
  listCasesAwaitingChecks,
  replaceRecoveryChecks,
} from './document-checks.repository.ts';
import { type DocumentText, planRecoveryChecks } from './document-checks-plan.ts';
import { findMrz } from './mrz.ts';
import { extractDocumentText, extractMrzText } from './text-extraction.ts';

/** Runs the automatic checks of a case and turns each failure into a flag that blocks approval. */

export type ChecksRunReport = { pass: number; fail: number; not_run: number; flagsRaised: number };

/** The flag code of a failed check: the review page labels it by the check's name. */
export const checkFlagCode = (check: string) => `check:${check}`;

/**
 * What a failed check's flag is about: its document, or for a check across pieces the set of
 * documents it compared. A flag on the same thing (open or resolved) is not raised again: a
 * supervisor's resolution stands until the documents change — a new document has a new id.
 */
function flagSubject(result: CheckResult, documentIds: readonly string[]): string {
  return result.documentId ?? [...documentIds].sort().join(',');
}

/** The texts of the case's documents, read in memory only: never stored, dropped after the checks. */
async function readDocumentTexts(deps: Deps, caseId: string): Promise<DocumentText[]> {
  const documents = (await listRecoveryDocumentsByCase(deps.db, caseId)).filter((d) => d.purgedAt === null);
  const texts: DocumentText[] = [];
  // One document at a time: OCR takes a core, and the process serves requests too.
  for (const document of documents) {
    const stored = await getStoredRecoveryDocument(deps.db, caseId, document.id);
    if (!stored) continue;
    let bytes: Buffer;
    try {
      bytes = await readStoredDocument(deps, stored);
    } catch (error) {
      // A file that cannot be read is a not_run, not a round that fails again every minute.
      deps.log.warn({ err: error, documentId: document.id }, 'document unreadable for checks');
      texts.push({ document, extraction: { ok: false, reason: 'unreadable' } });
      continue;
    }
    if (document.kind.startsWith('identity_')) {
      // The OCR pass made for the MRZ first; the general pass only when it found none (it costs seconds).
      const mrzExtraction = await extractMrzText(bytes, document.mediaType);
      const extraction =
        mrzExtraction.ok && findMrz(mrzExtraction.text)
          ? ({ ok: false, reason: 'no_text' } as const)
          : await extractDocumentText(bytes, document.mediaType);
      texts.push({ document, extraction, mrzExtraction });
    } else {
      texts.push({ document, extraction: await extractDocumentText(bytes, document.mediaType) });
    }
  }
  return texts;
}

async function raiseCheckFlags(
  tx: Tx,
  deps: Pick<Deps, 'clock'>,
  recoveryCase: RecoveryCase,
  results: readonly CheckResult[],
  documentIds: readonly string[],
): Promise<number> {
  const existing: RecoveryFlag[] = await listRecoveryFlags(tx, recoveryCase.id);
  let raised = 0;
  for (const result of results) {
    if (result.outcome !== 'fail') continue;
    const code = checkFlagCode(result.check);
    const subject = flagSubject(result, documentIds);
    if (existing.some((f) => f.code === code && f.details.subject === subject)) continue;
    const flag = await insertRecoveryFlag(tx, {
      caseId: recoveryCase.id,
      code,
      details: {
        check: result.check,
        subject,
        documentId: result.documentId,
      },
      raisedAt: deps.clock.now(),
    });
    existing.push(flag);
    raised += 1;
    await recordRecoveryEvent(tx, deps, recoveryCase, {
      actor: { type: 'system' },
      action: 'recovery.flag_raised',
      meta: noRequestMeta,
      details: { flag: code, flagId: flag.id },
    });
  }
  return raised;
}

/**
 * Reads the case's documents, runs every check, replaces the stored results in one transaction,
 * raises a flag per new failure, audits the counts and clears the request. A closed case only
 * gets its request cleared. Null when the case is unknown.
 */
export async function runRecoveryChecks(deps: Deps, caseId: string): Promise<ChecksRunReport | null> {
  const requestedAt = await getRecoveryChecksRequestedAt(deps.db, caseId);
  const recoveryCase = await getRecoveryCaseById(deps.db, caseId);
  if (!recoveryCase) return null;
  const closed = isTerminalRecoveryStatus(recoveryCase.status) || recoveryCase.documentsPurgedAt !== null;
  const texts = closed ? [] : await readDocumentTexts(deps, caseId);
  const account = recoveryCase.accountId ? await getAccountById(deps.db, recoveryCase.accountId) : null;
  const results = closed ? [] : planRecoveryChecks({ recoveryCase, account, texts, today: deps.clock.now() });
  const report: ChecksRunReport = { pass: 0, fail: 0, not_run: 0, flagsRaised: 0 };
  for (const r of results) report[r.outcome] += 1;
  return deps.db.transaction().execute(async (tx) => {
    const locked = await lockRecoveryCaseById(tx, caseId);
    if (!locked) return null;
    if (requestedAt) await clearRecoveryChecksRequest(tx, caseId, requestedAt);
    if (closed) return report;
    await replaceRecoveryChecks(tx, caseId, sealCheckResults(deps.masterKey, results), deps.clock.now());
    const documentIds = texts.map((t) => t.document.id);
    report.flagsRaised = await raiseCheckFlags(tx, deps, locked, results, documentIds);
    await recordRecoveryEvent(tx, deps, locked, {
      actor: { type: 'system' },
      action: 'recovery.checks_run',
      meta: noRequestMeta,
      details: { ...report, documents: documentIds.length },
    });
    return report;
  });
}

/** Runs the checks of up to `max` cases that asked for them, oldest request first, one at a time. */
export async function runRequestedRecoveryChecks(
  deps: Deps,
  options: { max: number } = { max: 5 },
): Promise<{ cases: number }> {
  const due = await listCasesAwaitingChecks(deps.db, options.max);
  for (const { id } of due) await runRecoveryChecks(deps, id);
  return { cases: due.length };
}
