/**
 * Measured quality of the automatic document checks (issue 7) on the synthetic corpus: per check,
 * how many good documents pass and how many broken ones are flagged; per kind, the whole-document
 * verdicts; and the time to read a document as a ratio to reading a PDF's text layer, measured in
 * the same run (absolute times depend on the machine, ratios much less).
 * Exits 1 when a broken document is not flagged by its check or fewer than 95% of good ones pass.
 * Writes the report to bench/document-checks.report.md.
 *
 *   npx tsx bench/document-checks.ts [--n 20] [--seed 7] [--today 2026-11-25]
 * The corpus's dates are relative to `--today` (default: the day of the run): a report names its day,
 * and the same seed and day give the same corpus again.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shutdownOcr } from '../src/recovery/checks/ocr.ts';
import { type CorpusItem, corpusKinds, generateCorpus } from './document-corpus/corpus.ts';
import { tallyChecks, verdictOf } from './document-corpus/evaluation.ts';
import { type ItemRun, runCorpusItem } from './document-corpus/run-corpus.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    today: { type: 'string' },
  },
});
const perKind = Number(values.n);
const seed = Number(values.seed);
const GOOD_PASS_BAR = 0.95;
// Dates in the corpus are relative to today, at noon UTC so no time zone moves a day.
const now = values.today ? new Date(`${values.today}T00:00:00Z`) : new Date();
if (Number.isNaN(now.getTime())) throw new Error(`--today must be a date (YYYY-MM-DD), not ${values.today}`);
const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 12));

const generationStart = process.hrtime.bigint();
const corpus = await generateCorpus({ seed, perKind, today });
const generationMs = Number(process.hrtime.bigint() - generationStart) / 1e6;
const runs: ItemRun[] = [];
for (const item of corpus) {
  runs.push(await runCorpusItem(item, today));
  process.stderr.write('.');
}
process.stderr.write('\n');
await shutdownOcr();

const pct = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(0)}%`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const out: string[] = [];
out.push('# Document checks on the synthetic corpus', '');
out.push(
  `seed ${seed}, ${perKind} documents per kind (${corpus.length} in all), today = ${today.toISOString().slice(0, 10)}`,
  '',
);

out.push('## Per check', '');
out.push('| check | good passing | broken flagged (by this check) | not_run |', '| --- | --- | --- | --- |');
for (const t of tallyChecks(runs)) {
  out.push(
    `| ${t.check} | ${t.goodPassed}/${t.good} (${pct(t.goodPassed, t.good)}) | ${t.brokenCaught}/${t.broken} (${pct(t.brokenCaught, t.broken)}) | ${t.notRun} |`,
  );
}

const verdicts = runs.map(verdictOf);
out.push('', '## Per kind (whole documents)', '');
out.push(
  '| kind | good passing every check | broken flagged by their check | broken with any failed check |',
  '| --- | --- | --- | --- |',
);
let goodTotal = 0;
let goodOk = 0;
let brokenMissed = 0;
for (const kind of corpusKinds) {
  const ofKind = verdicts.filter((v) => v.item.kind === kind);
  const good = ofKind.filter((v) => !v.item.defect);
  const broken = ofKind.filter((v) => v.item.defect);
  const anyFail = runs.filter(
    (r) => r.item.kind === kind && r.item.defect && r.results.some((x) => x.outcome === 'fail'),
  );
  goodTotal += good.length;
  goodOk += good.filter((v) => v.ok).length;
  brokenMissed += broken.filter((v) => !v.ok).length;
  const count = (vs: typeof ofKind) => vs.filter((v) => v.ok).length;
  out.push(
    `| ${kind} | ${count(good)}/${good.length} (${pct(count(good), good.length)}) | ${count(broken)}/${broken.length} (${pct(count(broken), broken.length)}) | ${anyFail.length}/${broken.length} |`,
  );
}

// Time to read one document, relative to reading a text-layer PDF in this same run.
const timings = runs.flatMap((r) => r.extractions.map((e) => ({ ...e, item: r.item })));
const reference = median(timings.filter((t) => t.method === 'pdf_text').map((t) => t.ms));
const perDocument = (items: (i: CorpusItem) => boolean) =>
  median(runs.filter((r) => items(r.item)).map((r) => r.extractions.reduce((sum, e) => sum + e.ms, 0)));
out.push('', '## Reading time per document (median, × a text-layer PDF read in this run)', '');
out.push('| documents | ratio |', '| --- | --- |');
const rows: [string, (i: CorpusItem) => boolean][] = [
  ['PDF with a text layer (reference)', (i) => (i.kind === 'kbis' || i.kind === 'statutes') && !i.scanned],
  ['scanned PDF (OCR)', (i) => (i.kind === 'kbis' || i.kind === 'statutes') && i.scanned],
  [
    'identity document, clean image (MRZ pass, + text pass if needed)',
    (i) => i.kind === 'identity' && !i.scanned,
  ],
  ['identity document, scanned-looking', (i) => i.kind === 'identity' && i.scanned],
  ['letter image', (i) => i.kind === 'letter'],
];
for (const [label, filter] of rows) {
  out.push(`| ${label} | ${(perDocument(filter) / reference).toFixed(0)}× |`);
}
out.push('', `Generating the whole corpus took ${(generationMs / reference).toFixed(0)}× the reference.`);

const failures = verdicts.filter((v) => !v.ok);
out.push('', '## Documents not as expected', '');
if (failures.length === 0) out.push('None.');
for (const v of failures)
  out.push(
    `- ${v.item.id} (${v.item.variant}${v.item.defect ? `, ${v.item.defect.name}` : ', good'}): ${v.problems.join('; ')}`,
  );

const goodRate = goodTotal === 0 ? 1 : goodOk / goodTotal;
const passed = brokenMissed === 0 && goodRate >= GOOD_PASS_BAR;
out.push(
  '',
  `**Bar (every broken document flagged, ≥ 95% of good ones pass): ${passed ? 'met' : 'NOT met'}** — good ${pct(goodOk, goodTotal)}, broken missed ${brokenMissed}.`,
);

const report = `${out.join('\n')}\n`;
writeFileSync(new URL('./document-checks.report.md', import.meta.url), report);
console.log(report);
process.exit(passed ? 0 : 1);
