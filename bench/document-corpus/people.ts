import type { IdentityHolder } from '../../src/demo/identity-specimens.ts';
import type { Random } from './random.ts';

/** Names with accents, hyphens and apostrophes on purpose: the checks must compare them tolerantly. */
const FIRST_NAMES_F = [
  'Marie',
  'Hélène',
  'Chloé',
  'Anaïs',
  'Léa',
  'Inès',
  'Camille',
  'Zoé',
  'Noémie',
  'Élodie',
];
const FIRST_NAMES_M = [
  'Jean',
  'Théo',
  'François',
  'Loïc',
  'Jérôme',
  'Mathis',
  'Noël',
  'Raphaël',
  'Hugo',
  'Cédric',
];
const LAST_NAMES = [
  'Lefèvre-Dupont',
  'Martin',
  "D'Almeida",
  'Bérénger',
  'Nguyen',
  'Leroy',
  'Gauthier-Brès',
  'Moreau',
  'Faure',
  'Petitjean',
  'Rousseau',
  'Benoît',
  'Garnier',
  'Chevalier',
];
const CITIES = ['PARIS', 'LYON', 'MARSEILLE', 'NANTES', 'LILLE', 'RENNES', 'TOULOUSE', 'STRASBOURG'];

export type CorpusPerson = IdentityHolder;

export function randomPerson(random: Random): CorpusPerson {
  const sex = random.chance(0.5) ? 'F' : 'M';
  const pool = sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M;
  const first = random.pick(pool);
  const second = random.chance(0.4) ? random.pick(pool.filter((n) => n !== first)) : null;
  return {
    firstNames: second ? [first, second] : [first],
    lastName: random.pick(LAST_NAMES),
    sex,
    birthDate: new Date(Date.UTC(random.int(1950, 2004), random.int(0, 11), random.int(1, 28))),
    birthPlace: random.pick(CITIES),
  };
}

/** Someone whose surname differs from `person`'s (a "name of another person" document). */
export function anotherPerson(random: Random, person: CorpusPerson): CorpusPerson {
  for (;;) {
    const other = randomPerson(random);
    if (other.lastName !== person.lastName) return other;
  }
}

export function randomCity(random: Random): string {
  return random.pick(CITIES);
}

const COMPANY_STEMS = [
  'Hébergement',
  'Atelier',
  'Boulangerie',
  'Transports',
  'Conseil',
  'Éditions',
  'Menuiserie',
];
const COMPANY_TAILS = ['du Rhône', 'Lefort', 'des Alpes', 'Numérique', 'Saint-Éloi', 'Bellevue', 'Océane'];
const LEGAL_FORMS = ['SAS', 'SARL', 'SASU', 'EURL'];

export function randomCompanyName(random: Random): string {
  return `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_TAILS)} ${random.pick(LEGAL_FORMS)}`;
}

const ASSOCIATION_HEADS = [
  'Les Amis',
  'Association sportive',
  'Comité des fêtes',
  'Club informatique',
  'Chorale',
];
const ASSOCIATION_TAILS = ['du Vieux-Lyon', 'de Saint-Étienne', 'des Écoles', 'de la Vallée', "de l'Étang"];

export function randomAssociationName(random: Random): string {
  return `${random.pick(ASSOCIATION_HEADS)} ${random.pick(ASSOCIATION_TAILS)}`;
}

/** The person as the checks expect it: given names joined, surname. */
export function personName(person: Pick<CorpusPerson, 'firstNames' | 'lastName'>): {
  firstName: string;
  lastName: string;
} {
  return { firstName: person.firstNames.join(' '), lastName: person.lastName };
}

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

/** « 14 mars 2025 » or « 14/03/2025 », as French documents print dates. */
export function frenchDate(date: Date, style: 'long' | 'numeric'): string {
  const dd = String(date.getUTCDate()).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  if (style === 'numeric') return `${dd}/${mm}/${date.getUTCFullYear()}`;
  const day = date.getUTCDate() === 1 ? '1er' : String(date.getUTCDate());
  return `${day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}
