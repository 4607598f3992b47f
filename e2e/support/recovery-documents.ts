import type { Page } from 'playwright-core';
import { letterLines } from '../../bench/document-corpus/letter-documents.ts';
import { writeTextPdf } from '../../bench/document-corpus/pdf-documents.ts';
import { kbisLines, statutesLines } from '../../bench/document-corpus/registry-documents.ts';
import {
  type DemoIdentity,
  type DemoIdentitySide,
  demoIdentitySpec,
  renderDemoIdentitySide,
} from '../../src/demo/demo-documents.ts';
import { demoCases } from '../../src/demo/demo-recovery-cases.ts';
import type { IdentityHolder } from '../../src/demo/identity-specimens.ts';
import { type RecoveryServer, uploadDocument, writeDocument } from './recovery-steps.ts';

/**
 * The pieces a claimant sends in the browser journeys, drawn so the automatic checks accept them:
 * the identity document as the demo draws it (a specimen whose MRZ names the person), the Kbis,
 * the statutes and the letter as text-layer PDFs from the bench corpus generators (read exactly,
 * without OCR time). Reading the MRZ needs Debian's OCR-B font: see test/support/fonts.ts.
 */

/** One file to send: the piece's label in the claimant's select, a file name, the bytes. */
export type RecoveryUpload = { label: string; name: string; bytes: Buffer };

const fullNameOf = (person: Pick<IdentityHolder, 'firstNames' | 'lastName'>) =>
  `${person.firstNames.join(' ')} ${person.lastName}`;

/**
 * The demo's identity document of `fullName` (src/demo/demo-recovery-cases.ts). The journeys take their
 * people from the demo because the OCR reads these MRZs as printed (demo.test.ts runs them through
 * the checks), and not every name reads: in one MRZ « ROUSSEAU<<THIBAULT » came out
 * « ROUSSEAUX<THIBAULT » and the name check failed.
 */
export function demoIdentityOf(fullName: string): DemoIdentity {
  for (const demo of demoCases)
    for (const document of demo.documents)
      if ('identity' in document && fullNameOf(document.identity.holder) === fullName)
        return document.identity;
  throw new Error(`the demo has no identity document for ${fullName}`);
}

/** The company's Kbis extract, « à jour au » `updatedOn`, naming `manager` as its president. */
export function kbisPdf(kbis: {
  legalName: string;
  siren: string;
  city: string;
  updatedOn: Date;
  manager: IdentityHolder;
}): Buffer {
  return writeTextPdf(
    kbisLines({ ...kbis, registeredOn: new Date(Date.UTC(2015, 2, 9)), dateStyle: 'long' }),
  );
}

// The statutes name a treasurer too: the president check must pick the president among them.
const treasurer: IdentityHolder = {
  firstNames: ['Hugo'],
  lastName: 'Leroy',
  sex: 'M',
  birthDate: new Date(Date.UTC(1961, 4, 30)),
  birthPlace: 'LYON',
};

/** The association's statutes, adopted by the general meeting of 14 June last year: recent. */
export function statutesPdf(statutes: {
  name: string;
  city: string;
  president: IdentityHolder;
  today: Date;
}): Buffer {
  return writeTextPdf(
    statutesLines({
      name: statutes.name,
      city: statutes.city,
      adoptedOn: new Date(Date.UTC(statutes.today.getUTCFullYear() - 1, 5, 14)),
      president: statutes.president,
      treasurer,
      dateStyle: 'long',
    }),
  );
}

/** The signed letter asking for `newEmail`, written today. */
export function letterPdf(letter: {
  signer: IdentityHolder;
  city: string;
  newEmail: string;
  today: Date;
}): Buffer {
  const lines = letterLines({
    signer: letter.signer,
    city: letter.city,
    writtenOn: letter.today,
    email: letter.newEmail,
  });
  return writeTextPdf(lines.map((text) => ({ text })));
}

export type RecoveryDocumentsInput = {
  today: Date;
  /** The person the pieces name: the holder, the company's contact, the association's president. */
  identity: DemoIdentity;
  city: string;
  newEmail: string;
} & (
  | { type: 'individual' }
  | { type: 'company'; legalName: string; siren: string; kbisUpdatedOn?: Date; kbisManager?: IdentityHolder }
  | { type: 'association'; associationName: string }
);

const sideLabels: Record<DemoIdentitySide, string> = {
  front: 'Pièce d’identité (recto)',
  back: 'Pièce d’identité (verso)',
};

/**
 * The pieces of the account type, in the order the claimant sends them: the Kbis or the statutes,
 * every side of the identity document (a passport's photo page carries its MRZ; a 2021 card's back
 * does), the letter. Good unless told otherwise (`kbisUpdatedOn`, `kbisManager`); `expiry` is the
 * identity document's.
 */
export async function recoveryDocuments(
  input: RecoveryDocumentsInput,
): Promise<{ uploads: RecoveryUpload[]; expiry: Date }> {
  const { today, identity, city, newEmail } = input;
  const person = identity.holder;
  const uploads: RecoveryUpload[] = [];
  if (input.type === 'company') {
    const bytes = kbisPdf({
      legalName: input.legalName,
      siren: input.siren,
      city,
      updatedOn: input.kbisUpdatedOn ?? today,
      manager: input.kbisManager ?? person,
    });
    uploads.push({ label: 'Extrait Kbis de moins de 3 mois', name: 'kbis.pdf', bytes });
  }
  if (input.type === 'association') {
    const bytes = statutesPdf({ name: input.associationName, city, president: person, today });
    uploads.push({ label: 'Statuts à jour', name: 'statuts.pdf', bytes });
  }
  const sides: DemoIdentitySide[] = identity.kind === 'passport' ? ['front'] : ['front', 'back'];
  for (const side of sides) {
    const bytes = await renderDemoIdentitySide(identity, side, today);
    uploads.push({ label: sideLabels[side], name: `identite-${side}.png`, bytes });
  }
  const letter = letterPdf({ signer: person, city, newEmail, today });
  uploads.push({ label: 'Courrier manuscrit signé', name: 'courrier.pdf', bytes: letter });
  return { uploads, expiry: demoIdentitySpec(identity, today).expiry };
}

/** Sends each piece in turn through the claimant's form. */
export async function uploadDocuments(
  page: Page,
  server: RecoveryServer,
  uploads: readonly RecoveryUpload[],
) {
  for (const { label, name, bytes } of uploads)
    await uploadDocument(page, label, writeDocument(server, name, bytes));
}
