import type { DocumentCheckName, PersonName } from '../../src/recovery/checks/document-check.ts';
import { identityItem, kbisItem, letterItem, type Slot, statutesItem } from './corpus-items.ts';
import { createRandom } from './random.ts';

/**
 * The synthetic corpus: per kind, alternately a good document and a broken one (cycling through
 * the defects), half of them scanned-looking. Each item carries what the fiche says and, when
 * broken, the one check it must trip. Same seed and `today`, same corpus.
 */

export const corpusKinds = ['identity', 'kbis', 'statutes', 'letter'] as const;
export type CorpusKind = (typeof corpusKinds)[number];

export type CorpusFile = {
  documentId: string;
  mediaType: 'image/png' | 'image/jpeg' | 'application/pdf';
  bytes: Buffer;
};

export type ItemDefect = { name: string; mustFail: DocumentCheckName };

type ItemBase = {
  id: string;
  /** Layout and rendering, e.g. "passport, scanned". */
  variant: string;
  scanned: boolean;
  files: CorpusFile[];
  /** Null for a good document; else the defect and the check that must flag it. */
  defect: ItemDefect | null;
};

export type CorpusItem =
  | (ItemBase & { kind: 'identity'; expectedPeople: PersonName[] })
  | (ItemBase & { kind: 'kbis'; fiche: { siren: string; legalName: string } })
  | (ItemBase & { kind: 'statutes'; association: { name: string }; presidents: PersonName[] })
  | (ItemBase & { kind: 'letter'; newEmail: string });

const defectsByKind = {
  identity: [
    { name: 'wrong check digit', mustFail: 'identity_mrz_check_digits' },
    { name: 'expired', mustFail: 'identity_not_expired' },
    { name: 'name of another person', mustFail: 'identity_name_matches' },
  ],
  kbis: [
    { name: '4 months old', mustFail: 'kbis_recent' },
    { name: 'other SIREN', mustFail: 'kbis_siren_matches' },
    { name: 'other company name', mustFail: 'kbis_name_matches' },
    { name: 'no date', mustFail: 'kbis_recent' },
  ],
  statutes: [
    { name: 'other president', mustFail: 'statutes_president_matches' },
    { name: '10 years old', mustFail: 'statutes_recent' },
  ],
  letter: [
    { name: 'no email', mustFail: 'letter_names_new_email' },
    { name: 'other email', mustFail: 'letter_names_new_email' },
  ],
} as const satisfies Record<CorpusKind, readonly { name: string; mustFail: DocumentCheckName }[]>;

const builders: Record<CorpusKind, (slot: Slot) => Promise<CorpusItem>> = {
  identity: identityItem,
  kbis: kbisItem,
  statutes: statutesItem,
  letter: letterItem,
};

export type CorpusOptions = {
  seed: number;
  /** Documents per kind: even indexes are good, odd ones broken. */
  perKind: number;
  today: Date;
  kinds?: readonly CorpusKind[];
  /** Which items look scanned; by default every other pair (good and broken alike). */
  scanned?: (kind: CorpusKind, index: number) => boolean;
};

/** Generates the corpus, one item at a time (rendering is CPU-bound and the machine is shared). */
export async function generateCorpus(options: CorpusOptions): Promise<CorpusItem[]> {
  const scanned =
    options.scanned ?? ((kind, index) => kind !== 'statutes' && Math.floor(index / 2) % 2 === 1);
  const items: CorpusItem[] = [];
  for (const kind of options.kinds ?? corpusKinds) {
    for (let index = 0; index < options.perKind; index++) {
      // One random stream per item: adding a kind or an item does not change the others.
      const random = createRandom(options.seed * 7919 + corpusKinds.indexOf(kind) * 104_729 + index);
      const defects = defectsByKind[kind];
      const defect = index % 2 === 1 ? (defects[Math.floor(index / 2) % defects.length] ?? null) : null;
      items.push(
        await builders[kind]({ index, random, today: options.today, scanned: scanned(kind, index), defect }),
      );
    }
  }
  return items;
}
