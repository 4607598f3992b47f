import type { Account } from '../../accounts/account.ts';
import type { RecoveryCase } from '../case.ts';
import type { RecoveryDocument } from '../documents/document-kinds.ts';
import { fichePersonOf } from '../person-names.ts';
import { checkCoherence, type NamedPiece } from './coherence-checks.ts';
import { type CheckResult, type DocumentCheckName, excerpt, type PersonName } from './document-check.ts';
import { checkIdentityDocument } from './identity-checks.ts';
import { checkKbis } from './kbis-checks.ts';
import { checkLetter, findLetterSigner } from './letter-checks.ts';
import { findMrz, readMrz } from './mrz.ts';
import { checkStatutes } from './statutes-checks.ts';
import type { TextExtraction } from './text-extraction.ts';

/**
 * Which checks a case gets, from its documents' texts, its linked account (or, when none is linked
 * yet, what the claimant declared) — pure: the service reads and decrypts, this decides.
 */

/** A document's text; identity documents also get the OCR pass made for the MRZ (`mrzExtraction`). */
export type DocumentText = {
  document: Pick<RecoveryDocument, 'id' | 'kind'>;
  extraction: TextExtraction;
  mrzExtraction?: TextExtraction;
};

const textOf = (extraction: TextExtraction | undefined) => (extraction?.ok ? extraction.text : null);

const extractionReasons: Record<Extract<TextExtraction, { ok: false }>['reason'], string> = {
  timeout: 'La lecture du document a dépassé le temps permis.',
  unreadable: 'Le document n’a pas pu être ouvert.',
  no_text: 'Aucun texte n’a pu être lu dans le document.',
};

/** One not_run result per check of a document whose text could not be read: never a pass. */
function notRun(
  checks: readonly DocumentCheckName[],
  documentId: string,
  extraction: TextExtraction,
): CheckResult[] {
  const reason = extraction.ok ? 'Texte vide.' : extractionReasons[extraction.reason];
  return checks.map((check) => ({
    check,
    documentId,
    outcome: 'not_run',
    evidence: { rule: 'Le texte du document doit pouvoir être lu pour ce contrôle.', read: null, reason },
  }));
}

/** Names read from an identity document's MRZ, all given names included. */
function mrzPeople(texts: readonly DocumentText[]): { documentId: string; person: PersonName }[] {
  return texts.flatMap(({ document, extraction, mrzExtraction }) => {
    if (!document.kind.startsWith('identity_')) return [];
    const found = findMrz(textOf(mrzExtraction)) ?? findMrz(textOf(extraction));
    const reading = found ? readMrz(found) : null;
    if (!reading?.lastName) return [];
    return [
      {
        documentId: document.id,
        person: { firstName: reading.givenNames ?? '', lastName: reading.lastName },
      },
    ];
  });
}

function claimantPerson(recoveryCase: RecoveryCase): PersonName {
  return { firstName: recoveryCase.claimant.firstName, lastName: recoveryCase.claimant.lastName };
}

/** Every check of the case, in a stable order: identity, Kbis, statutes, letter, coherence. */
export function planRecoveryChecks(input: {
  recoveryCase: RecoveryCase;
  account: Account | null;
  texts: readonly DocumentText[];
  today: Date;
}): CheckResult[] {
  const { recoveryCase: c, account, texts, today } = input;
  const claimant = claimantPerson(c);
  const fichePerson = account ? fichePersonOf(account) : null;
  // The person the pieces must name: the fiche's holder or contact; else the claimant (an
  // association's president, or any case not linked yet).
  const reference = fichePerson ?? claimant;
  const fromMrz = mrzPeople(texts);
  const results: CheckResult[] = [];

  // The identity checks say themselves when no side could be read (not_run).
  const identity = texts
    .filter((t) => t.document.kind.startsWith('identity_'))
    .map((t) => ({
      documentId: t.document.id,
      text: textOf(t.extraction),
      mrzText: textOf(t.mrzExtraction),
    }));
  if (identity.length > 0) {
    results.push(...checkIdentityDocument({ texts: identity, expectedPeople: [reference], today }));
  }

  for (const { document, extraction } of texts) {
    if (document.kind === 'kbis') {
      results.push(
        ...(extraction.ok
          ? checkKbis({
              documentId: document.id,
              text: extraction.text,
              fiche: {
                siren: account ? account.siren : c.claimant.siren,
                legalName: account ? account.legalName : c.claimant.legalName,
              },
              today,
            })
          : notRun(['kbis_siren_matches', 'kbis_name_matches', 'kbis_recent'], document.id, extraction)),
      );
    }
    if (document.kind === 'statutes') {
      results.push(
        ...(extraction.ok
          ? checkStatutes({
              documentId: document.id,
              text: extraction.text,
              association: { name: account ? account.associationName : c.claimant.associationName },
              presidents: [...fromMrz.map((m) => m.person), claimant, ...(fichePerson ? [fichePerson] : [])],
              today,
            })
          : notRun(
              ['statutes_name_matches', 'statutes_president_matches', 'statutes_recent'],
              document.id,
              extraction,
            )),
      );
    }
    if (document.kind === 'signed_letter') {
      const letter = checkLetter({
        documentId: document.id,
        text: extraction.ok ? extraction.text : null,
        newEmail: c.newEmail,
      });
      if (!extraction.ok)
        letter.evidence.reason =
          `${extractionReasons[extraction.reason]} ${letter.evidence.reason ?? ''}`.trim();
      results.push(letter);
    }
  }

  const pieces: NamedPiece[] = [
    ...fromMrz.map((m) => ({
      source: 'identity_document' as const,
      documentId: m.documentId,
      name: `${m.person.firstName} ${m.person.lastName}`,
    })),
    ...(fichePerson
      ? [
          {
            source: 'fiche' as const,
            documentId: null,
            name: `${fichePerson.firstName} ${fichePerson.lastName}`,
          },
        ]
      : []),
    { source: 'claimant', documentId: null, name: `${claimant.firstName} ${claimant.lastName}` },
  ];
  for (const { document, extraction } of texts) {
    if (document.kind !== 'signed_letter' || !extraction.ok) continue;
    const signer = findLetterSigner(extraction.text, [reference]);
    if (signer) pieces.push({ source: 'letter', documentId: document.id, name: signer });
  }
  results.push(checkCoherence({ reference, pieces }));
  return results.map((r) => ({ ...r, evidence: { ...r.evidence, read: excerpt(r.evidence.read) } }));
}
