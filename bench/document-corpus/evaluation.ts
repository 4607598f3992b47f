import type { DocumentCheckName } from '../../src/recovery/checks/document-check.ts';
import type { CorpusItem } from './corpus.ts';
import { checksOf, type ItemRun } from './run-corpus.ts';

/**
 * What the corpus run measured. A good document passes when none of its checks fails or could not
 * run (not_run is never a pass); a broken document is caught when the check its defect targets
 * fails (another check failing flags it too, but is counted apart: it is luck, not the rule).
 */

export type CheckTally = {
  check: DocumentCheckName;
  good: number;
  goodPassed: number;
  broken: number;
  brokenCaught: number;
  notRun: number;
};

export type ItemVerdict = {
  item: CorpusItem;
  ok: boolean;
  /** Why not ok: the checks that did not give the expected outcome. */
  problems: string[];
};

export function verdictOf(run: ItemRun): ItemVerdict {
  const { item, results } = run;
  const problems: string[] = [];
  for (const check of checksOf(item.kind)) {
    const outcome = results.find((r) => r.check === check)?.outcome ?? 'missing';
    const target = item.defect?.mustFail === check;
    if (target && outcome !== 'fail')
      problems.push(`${check}: ${outcome}, expected fail (${item.defect?.name})`);
    if (!item.defect && outcome !== 'pass') problems.push(`${check}: ${outcome}, expected pass`);
  }
  return { item, ok: problems.length === 0, problems };
}

export function tallyChecks(runs: readonly ItemRun[]): CheckTally[] {
  const tallies = new Map<DocumentCheckName, CheckTally>();
  for (const { item, results } of runs) {
    for (const check of checksOf(item.kind)) {
      const tally = tallies.get(check) ?? {
        check,
        good: 0,
        goodPassed: 0,
        broken: 0,
        brokenCaught: 0,
        notRun: 0,
      };
      const outcome = results.find((r) => r.check === check)?.outcome;
      if (outcome === 'not_run') tally.notRun += 1;
      if (!item.defect) {
        tally.good += 1;
        if (outcome === 'pass') tally.goodPassed += 1;
      } else if (item.defect.mustFail === check) {
        tally.broken += 1;
        if (outcome === 'fail') tally.brokenCaught += 1;
      }
      tallies.set(check, tally);
    }
  }
  return [...tallies.values()];
}
