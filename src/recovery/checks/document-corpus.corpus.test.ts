import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { type CorpusItem, generateCorpus } from '../../../bench/document-corpus/corpus.ts';
import { verdictOf } from '../../../bench/document-corpus/evaluation.ts';
import { runCorpusItem } from '../../../bench/document-corpus/run-corpus.ts';
import { ocrbFontSkipReason } from '../../../test/support/fonts.ts';
import { shutdownOcr } from './ocr.ts';

/**
 * Issue 7's bar on a small synthetic corpus (bench/document-checks.ts runs the large one): per kind
 * two good and two broken documents, through the real text extraction (OCR included) and checks.
 * About a dozen OCR passes: scanned-looking images only where they matter most.
 */

const today = new Date('2026-06-15T12:00:00Z');
const corpus = await generateCorpus({
  seed: 11,
  perKind: 4,
  today,
  // The 2021 card (MRZ on the back, both sides read) scanned; one scanned Kbis; one letter photo.
  scanned: (kind, index) =>
    (kind === 'identity' && index >= 2) ||
    (kind === 'kbis' && index === 2) ||
    (kind === 'letter' && index === 3),
});

after(shutdownOcr);

const describeItem = (item: CorpusItem) =>
  `${item.id} (${item.variant}${item.scanned && !item.variant.includes('scanned') ? ', scanned-looking' : ''})`;

describe('document checks on the synthetic corpus', { skip: ocrbFontSkipReason() }, () => {
  for (const item of corpus) {
    const title = item.defect
      ? `flags ${describeItem(item)} with ${item.defect.name} by ${item.defect.mustFail}`
      : `passes the good ${describeItem(item)} on every check`;
    it(title, async () => {
      const verdict = verdictOf(await runCorpusItem(item, today));
      assert.deepEqual(verdict.problems, []);
    });
  }
});
