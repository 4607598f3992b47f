import type { AccountType } from '../accounts/account.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import { createBufferedUploadReader } from '../platform/http/multipart-upload.ts';
import {
  countRecoveryCasesByNewEmail,
  getRecoveryCaseById,
  updateRecoveryCase,
} from '../recovery/cases.repository.ts';
import { createRecoveryCase } from '../recovery/claimant/claimant.service.ts';
import { addRecoveryDocument } from '../recovery/claimant/claimant-documents.service.ts';
import { submitRecoveryCase } from '../recovery/claimant/claimant-submit.service.ts';
import type { DocumentKind } from '../recovery/documents/document-kinds.ts';
import {
  type DemoIdentity,
  type DemoIdentitySide,
  demoDate,
  renderDemoIdentitySide,
  renderDemoLetter,
} from './demo-documents.ts';
import { renderSamplePdf } from './sample-documents.ts';

/**
 * One submitted recovery case per account type, against the demo accounts, with specimen documents
 * made to pass the automatic document checks (demo-documents.ts), so a support agent can try the
 * review right after `npm run demo`. Each goes through the claimant's own services; only the email
 * code is skipped (no one reads `.example` mail).
 */

/** A demo document: a side of the person's identity document, or anything else drawn for the day. */
export type DemoDocument = { kind: DocumentKind; name: string } & (
  | { identity: DemoIdentity; side: DemoIdentitySide }
  | { render: (today: Date) => Promise<Buffer> }
);

export type DemoCase = {
  accountType: AccountType;
  hints: { clientNumber: null; domain: string | null; formerEmail: string | null };
  claimant: {
    firstName: string;
    lastName: string;
    legalName: string | null;
    siren: string | null;
    associationName: string | null;
  };
  newEmail: string;
  documents: DemoDocument[];
};

// The people of the demo accounts (demo-accounts.ts): the holder, the company's contact, the
// association's president, whom the identity checks expect.
const camille: DemoIdentity = {
  kind: 'passport',
  documentNumber: '18CK47203',
  holder: {
    firstNames: ['Camille'],
    lastName: 'Martin',
    sex: 'F',
    birthDate: new Date(Date.UTC(1988, 2, 14)),
    birthPlace: 'LYON',
  },
};
const paul: DemoIdentity = {
  kind: 'passport',
  documentNumber: '21FD93518',
  holder: {
    firstNames: ['Paul'],
    lastName: 'Durand',
    sex: 'M',
    birthDate: new Date(Date.UTC(1975, 8, 2)),
    birthPlace: 'BORDEAUX',
  },
};
// The association asks for both sides: a 2021 card, whose MRZ is on the back.
const sophie: DemoIdentity = {
  kind: 'fr-id-2021',
  documentNumber: 'Z9HN35172',
  holder: {
    firstNames: ['Sophie'],
    lastName: 'Bernard',
    sex: 'F',
    birthDate: new Date(Date.UTC(1969, 10, 23)),
    birthPlace: 'NANTES',
  },
};

/** The demo's cases, one per account type; exported for the test that runs their checks. */
export const demoCases: readonly DemoCase[] = [
  {
    accountType: 'individual',
    hints: { clientNumber: null, domain: null, formerEmail: 'camille.martin@particulier.example' },
    claimant: {
      firstName: 'Camille',
      lastName: 'Martin',
      legalName: null,
      siren: null,
      associationName: null,
    },
    newEmail: 'camille.martin@nouvelle-adresse.example',
    documents: [
      { kind: 'identity_front', name: 'passeport.png', identity: camille, side: 'front' },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: (today) =>
          renderDemoLetter(
            {
              signer: 'Camille Martin',
              request: ['Je demande à récupérer mon compte client.'],
              newEmail: 'camille.martin@nouvelle-adresse.example',
            },
            today,
          ),
      },
    ],
  },
  {
    accountType: 'company',
    hints: { clientNumber: null, domain: 'boulangerie-durand.example', formerEmail: null },
    claimant: {
      firstName: 'Paul',
      lastName: 'Durand',
      legalName: 'Boulangerie Durand SARL',
      siren: '812345676',
      associationName: null,
    },
    newEmail: 'paul.durand@nouvelle-adresse.example',
    documents: [
      {
        kind: 'kbis',
        name: 'kbis.pdf',
        render: async (today) =>
          renderSamplePdf([
            'EXTRAIT KBIS',
            'Dénomination : Boulangerie Durand SARL',
            'SIREN : 812 345 676',
            'Gérant : Paul Durand',
            `À jour au ${demoDate(today)}`,
          ]),
      },
      { kind: 'identity_front', name: 'passeport.png', identity: paul, side: 'front' },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: (today) =>
          renderDemoLetter(
            {
              signer: 'Paul Durand',
              request: ['Notre ancienne adresse e-mail a été fermée.'],
              newEmail: 'paul.durand@nouvelle-adresse.example',
            },
            today,
          ),
      },
    ],
  },
  {
    accountType: 'association',
    hints: { clientNumber: null, domain: null, formerEmail: 'bureau@amis-du-velo.example' },
    claimant: {
      firstName: 'Sophie',
      lastName: 'Bernard',
      legalName: null,
      siren: null,
      associationName: 'Les Amis du Vélo',
    },
    newEmail: 'presidence@amis-du-velo-nouveau.example',
    documents: [
      {
        kind: 'statutes',
        name: 'statuts.pdf',
        render: async (today) =>
          renderSamplePdf([
            'STATUTS DE L’ASSOCIATION LES AMIS DU VÉLO',
            'RNA : W751234567',
            'Présidente : Sophie Bernard',
            `Mis à jour par l’assemblée générale du ${demoDate(today)}`,
          ]),
      },
      { kind: 'identity_front', name: 'cni-recto.png', identity: sophie, side: 'front' },
      { kind: 'identity_back', name: 'cni-verso.png', identity: sophie, side: 'back' },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: (today) =>
          renderDemoLetter(
            {
              signer: 'Sophie Bernard, présidente',
              request: ['Je demande le changement d’adresse e-mail', 'et de nouveaux accès.'],
              newEmail: 'presidence@amis-du-velo-nouveau.example',
            },
            today,
          ),
      },
    ],
  },
];

function renderDemoDocument(document: DemoDocument, today: Date): Promise<Buffer> {
  return 'identity' in document
    ? renderDemoIdentitySide(document.identity, document.side, today)
    : document.render(today);
}

const demoMeta: RequestMeta = { ip: null, userAgent: 'sesame demo' };

/** Loads the demo recovery cases that are missing; returns the references of those it created. */
export async function loadDemoRecoveryCases(deps: Deps): Promise<string[]> {
  if (deps.config.env === 'production') return [];
  const created: string[] = [];
  for (const demo of demoCases) {
    if ((await countRecoveryCasesByNewEmail(deps.db, demo.newEmail)) > 0) continue;
    const { recoveryCase } = await createRecoveryCase(
      deps,
      {
        accountType: demo.accountType,
        hints: demo.hints,
        claimant: demo.claimant,
        newEmail: { email: demo.newEmail, normalized: demo.newEmail },
        declaration: { fullName: `${demo.claimant.firstName} ${demo.claimant.lastName}` },
        locale: 'fr',
      },
      demoMeta,
    );
    // The one shortcut: a `.example` mailbox cannot receive the code.
    await deps.db.transaction().execute((tx) =>
      updateRecoveryCase(tx, recoveryCase.id, {
        new_email_verified_at: deps.clock.now(),
        email_code_hash: null,
      }),
    );
    for (const document of demo.documents) {
      await addRecoveryDocument(
        deps,
        {
          recoveryCase,
          readUpload: createBufferedUploadReader(
            { kind: document.kind },
            { filename: document.name, bytes: await renderDemoDocument(document, deps.clock.now()) },
          ),
        },
        demoMeta,
      );
    }
    const verified = await getRecoveryCaseById(deps.db, recoveryCase.id);
    if (verified) await submitRecoveryCase(deps, verified, demoMeta);
    created.push(recoveryCase.reference);
  }
  return created;
}
