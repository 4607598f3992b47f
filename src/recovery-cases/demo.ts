import type { AccountType } from '../accounts/account.ts';
import { renderSampleImage, renderSamplePdf } from '../documents/sample-documents.ts';
import type { Deps, RequestMeta } from '../platform/deps.ts';
import type { DocumentKind } from './recovery-case.ts';
import {
  countRecoveryCasesByNewEmail,
  getRecoveryCaseById,
  updateRecoveryCase,
} from './recovery-cases.repository.ts';
import { createRecoveryCase } from './recovery-claimant.service.ts';
import { addRecoveryDocument } from './recovery-claimant-documents.service.ts';
import { submitRecoveryCase } from './recovery-claimant-submit.service.ts';

/**
 * One submitted recovery case per account type, against the demo accounts, with specimen documents,
 * so a support agent can try the review right after `npm run demo`. Each goes through the
 * claimant's own services; only the email code is skipped (no one reads `.example` mail).
 */

type DemoCase = {
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
  documents: { kind: DocumentKind; name: string; render: () => Promise<Buffer> }[];
};

const today = () => new Date().toLocaleDateString('fr-FR');

function letter(who: string, request: string, newEmail: string) {
  return () =>
    renderSampleImage(
      [
        `Courrier de ${who}`,
        request,
        `Nouvelle adresse : ${newEmail}`,
        `Fait le ${today()}`,
        `Signé : ${who}`,
      ],
      'jpeg',
    );
}

function identity(lastName: string, firstName: string, side: 'recto' | 'verso' = 'recto') {
  return () =>
    renderSampleImage(
      side === 'recto'
        ? [
            'CARTE NATIONALE D’IDENTITÉ',
            `Nom : ${lastName.toUpperCase()}`,
            `Prénoms : ${firstName}`,
            'Expire le : 01.06.2031',
          ]
        : ['CARTE NATIONALE D’IDENTITÉ (verso)', 'Adresse : voir la fiche', 'Délivrée le : 01.06.2021'],
      'png',
    );
}

const demoCases: DemoCase[] = [
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
      { kind: 'identity_front', name: 'cni-recto.png', render: identity('Martin', 'Camille') },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: letter(
          'Camille Martin',
          'Je demande à récupérer mon compte client.',
          'camille.martin@nouvelle-adresse.example',
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
        render: async () =>
          renderSamplePdf([
            'EXTRAIT KBIS',
            'Dénomination : Boulangerie Durand SARL',
            'SIREN : 812 345 676',
            'Gérant : Paul Durand',
            `À jour au ${today()}`,
          ]),
      },
      { kind: 'identity_front', name: 'cni.png', render: identity('Durand', 'Paul') },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: letter(
          'Paul Durand',
          'Notre ancienne adresse e-mail a été fermée.',
          'paul.durand@nouvelle-adresse.example',
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
        render: async () =>
          renderSamplePdf([
            'STATUTS DE L’ASSOCIATION LES AMIS DU VÉLO',
            'RNA : W751234567',
            'Présidente : Sophie Bernard',
            `Mis à jour par l’assemblée générale du ${today()}`,
          ]),
      },
      { kind: 'identity_front', name: 'cni-recto.png', render: identity('Bernard', 'Sophie') },
      { kind: 'identity_back', name: 'cni-verso.png', render: identity('Bernard', 'Sophie', 'verso') },
      {
        kind: 'signed_letter',
        name: 'courrier.jpg',
        render: letter(
          'Sophie Bernard, présidente',
          'Je demande le changement d’adresse e-mail et de nouveaux accès.',
          'presidence@amis-du-velo-nouveau.example',
        ),
      },
    ],
  },
];

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
          kind: document.kind,
          file: { filename: document.name, bytes: await document.render() },
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
