import type { CheckResult, DocumentCheckName } from '../../src/recovery/checks/document-check.ts';
import { checkIdentityDocument } from '../../src/recovery/checks/identity-checks.ts';
import { checkKbis } from '../../src/recovery/checks/kbis-checks.ts';
import { checkLetter } from '../../src/recovery/checks/letter-checks.ts';
import { findMrz } from '../../src/recovery/checks/mrz.ts';
import { checkStatutes } from '../../src/recovery/checks/statutes-checks.ts';
import {
  extractDocumentText,
  extractMrzText,
  type TextExtraction,
} from '../../src/recovery/checks/text-extraction.ts';
import type { CorpusFile, CorpusItem } from './corpus.ts';

/**
 * Runs corpus items through the product's own extraction and checks, reading each document as
 * document-checks.service.ts does (for identity sides: the MRZ pass first, the general OCR pass
 * only when it found no MRZ).
 */

export type ExtractionTiming = { documentId: string; method: 'pdf_text' | 'ocr' | 'failed'; ms: number };
export type ItemRun = { item: CorpusItem; results: CheckResult[]; extractions: ExtractionTiming[] };

const checksByKind: Record<CorpusItem['kind'], readonly DocumentCheckName[]> = {
  identity: [
    'identity_mrz_found',
    'identity_mrz_check_digits',
    'identity_not_expired',
    'identity_name_matches',
  ],
  kbis: ['kbis_siren_matches', 'kbis_name_matches', 'kbis_recent'],
  statutes: ['statutes_name_matches', 'statutes_president_matches', 'statutes_recent'],
  letter: ['letter_names_new_email'],
};

export function checksOf(kind: CorpusItem['kind']): readonly DocumentCheckName[] {
  return checksByKind[kind];
}

async function timed(
  file: CorpusFile,
  extract: typeof extractDocumentText,
  timings: ExtractionTiming[],
): Promise<TextExtraction> {
  const start = process.hrtime.bigint();
  const extraction = await extract(file.bytes, file.mediaType);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  timings.push({ documentId: file.documentId, method: extraction.ok ? extraction.method : 'failed', ms });
  return extraction;
}

const textOf = (e: TextExtraction | undefined) => (e?.ok ? e.text : null);

function notRun(item: CorpusItem, extraction: TextExtraction): CheckResult[] {
  const reason = extraction.ok ? null : extraction.reason;
  return checksByKind[item.kind].map((check) => ({
    check,
    documentId: item.files[0]?.documentId ?? null,
    outcome: 'not_run' as const,
    evidence: { rule: 'extraction', read: null, reason },
  }));
}

/** One item: its files read one at a time (OCR takes a core), then the checks of its kind. */
export async function runCorpusItem(item: CorpusItem, today: Date): Promise<ItemRun> {
  const extractions: ExtractionTiming[] = [];
  if (item.kind === 'identity') {
    const texts = [];
    for (const file of item.files) {
      const mrz = await timed(file, extractMrzText, extractions);
      const general =
        mrz.ok && findMrz(mrz.text) ? undefined : await timed(file, extractDocumentText, extractions);
      texts.push({ documentId: file.documentId, text: textOf(general), mrzText: textOf(mrz) });
    }
    const results = checkIdentityDocument({ texts, expectedPeople: item.expectedPeople, today });
    return { item, results, extractions };
  }
  const file = item.files[0];
  if (!file) throw new Error(`${item.id} has no file`);
  const extraction = await timed(file, extractDocumentText, extractions);
  let results: CheckResult[];
  if (item.kind === 'letter') {
    // The letter check itself says not_run when the text is unreadable.
    results = [
      checkLetter({ documentId: file.documentId, text: textOf(extraction), newEmail: item.newEmail }),
    ];
  } else if (!extraction.ok) {
    results = notRun(item, extraction);
  } else if (item.kind === 'kbis') {
    results = checkKbis({ documentId: file.documentId, text: extraction.text, fiche: item.fiche, today });
  } else {
    results = checkStatutes({
      documentId: file.documentId,
      text: extraction.text,
      association: item.association,
      presidents: item.presidents,
      today,
    });
  }
  return { item, results, extractions };
}
