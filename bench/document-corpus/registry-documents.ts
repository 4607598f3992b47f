import type { PdfLine } from './pdf-documents.ts';
import { type CorpusPerson, frenchDate } from './people.ts';

/**
 * The text of a Kbis extract and of association statutes, laid out as the real ones are. Each
 * holds dates that are not the one that matters (registration date, the 1901 law, term of the
 * company) so a check that takes the first date it sees is caught.
 */

export type KbisContent = {
  siren: string;
  legalName: string;
  city: string;
  /** The « à jour au » date; null for an extract whose date is missing. */
  updatedOn: Date | null;
  registeredOn: Date;
  manager: CorpusPerson;
  dateStyle: 'long' | 'numeric';
};

const grouped = (siren: string) => `${siren.slice(0, 3)} ${siren.slice(3, 6)} ${siren.slice(6)}`;

export function kbisLines(k: KbisContent): PdfLine[] {
  const term = new Date(Date.UTC(k.registeredOn.getUTCFullYear() + 99, k.registeredOn.getUTCMonth(), 1));
  return [
    { text: `Greffe du Tribunal de Commerce de ${k.city}`, size: 10 },
    { text: `Code de vérification : ${k.siren.slice(0, 4)}K${k.siren.slice(4)}`, size: 9 },
    { text: "EXTRAIT D'IMMATRICULATION PRINCIPALE AU REGISTRE", size: 13, bold: true, gapBefore: 10 },
    { text: 'DU COMMERCE ET DES SOCIETES', size: 13, bold: true },
    ...(k.updatedOn ? [{ text: `à jour au ${frenchDate(k.updatedOn, k.dateStyle)}`, size: 11 }] : []),
    { text: 'IDENTIFICATION DE LA PERSONNE MORALE', bold: true, gapBefore: 14 },
    { text: `Immatriculation au RCS, numéro : ${grouped(k.siren)} R.C.S. ${k.city}` },
    { text: `Date d'immatriculation : ${frenchDate(k.registeredOn, 'numeric')}` },
    { text: `Dénomination ou raison sociale : ${k.legalName.toUpperCase()}` },
    { text: 'Forme juridique : Société par actions simplifiée' },
    { text: 'Capital social : 10 000,00 Euros' },
    { text: `Adresse du siège : 8 rue des Tanneurs ${k.city}` },
    { text: 'Activités principales : Conseil en systèmes et logiciels informatiques' },
    { text: `Durée de la personne morale : Jusqu'au ${frenchDate(term, 'numeric')}` },
    { text: 'GESTION, DIRECTION, ADMINISTRATION, CONTROLE, ASSOCIES OU MEMBRES', bold: true, gapBefore: 14 },
    { text: 'Président' },
    {
      text: `Nom, prénoms : ${k.manager.lastName.toUpperCase()} ${k.manager.firstNames.join(' ')}`,
      indent: 20,
    },
    { text: 'Le Greffier', gapBefore: 30 },
    { text: "FIN DE L'EXTRAIT", bold: true, gapBefore: 10 },
  ];
}

export type StatutesContent = {
  name: string;
  city: string;
  /** The date of the general assembly that adopted these statutes. */
  adoptedOn: Date;
  president: CorpusPerson;
  treasurer: CorpusPerson;
  dateStyle: 'long' | 'numeric';
};

export function statutesLines(s: StatutesContent): PdfLine[] {
  const person = (p: CorpusPerson) => `${p.firstNames[0]} ${p.lastName}`;
  return [
    { text: 'STATUTS', size: 16, bold: true },
    { text: `Association « ${s.name} »`, size: 13, bold: true },
    { text: 'Article 1 — Constitution et dénomination', bold: true, gapBefore: 12 },
    { text: 'Il est fondé entre les adhérents aux présents statuts une association régie par la loi du' },
    { text: `1er juillet 1901 et le décret du 16 août 1901, ayant pour titre : ${s.name}.` },
    { text: 'Article 2 — Objet', bold: true, gapBefore: 8 },
    { text: "Cette association a pour objet de réunir ses membres autour d'activités communes." },
    { text: 'Article 3 — Siège social', bold: true, gapBefore: 8 },
    { text: `Le siège social est fixé à ${s.city}. Il pourra être transféré par décision du bureau.` },
    { text: 'Article 9 — Bureau', bold: true, gapBefore: 8 },
    { text: "Le conseil d'administration élit parmi ses membres un bureau composé d'un président," },
    { text: "d'un trésorier et d'un secrétaire, élus pour trois ans." },
    {
      text: `Statuts adoptés par l'assemblée générale extraordinaire du ${frenchDate(s.adoptedOn, s.dateStyle)}.`,
      gapBefore: 16,
    },
    { text: `Fait à ${s.city}, le ${frenchDate(s.adoptedOn, s.dateStyle)}` },
    { text: `Le président : ${person(s.president)}`, gapBefore: 20 },
    { text: `Le trésorier : ${person(s.treasurer)}` },
  ];
}
