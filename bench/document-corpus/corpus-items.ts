import {
  type IdentityKind,
  identityKinds,
  renderIdentityDocument,
} from '../../src/demo/identity-specimens.ts';
import type { CorpusFile, CorpusItem, ItemDefect } from './corpus.ts';
import { renderLetter } from './letter-documents.ts';
import { scannedPdf, writeTextPdf } from './pdf-documents.ts';
import {
  addDays,
  anotherPerson,
  personName,
  randomAssociationName,
  randomCity,
  randomCompanyName,
  randomPerson,
} from './people.ts';
import type { Random } from './random.ts';
import { kbisLines, statutesLines } from './registry-documents.ts';
import { scannedLook } from './scan-effects.ts';
import { sirenWithLuhn } from './siren.ts';

/** One corpus item of each kind, drawn from its slot's random stream; broken the way `defect` says. */

export type Slot = {
  index: number;
  random: Random;
  today: Date;
  scanned: boolean;
  defect: ItemDefect | null;
};

const years = (today: Date, count: number) => addDays(today, Math.round(count * 365.25));
const yearMonth = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);

export async function identityItem({ index, random, today, scanned, defect }: Slot): Promise<CorpusItem> {
  const kind: IdentityKind = identityKinds[Math.floor(index / 2) % identityKinds.length] ?? 'passport';
  const holder = randomPerson(random);
  const expired = defect?.mustFail === 'identity_not_expired';
  let issued: Date;
  let expiry: Date;
  if (kind === 'fr-id-1988') {
    // No 1988-model card was issued after mid-2021. Valid 15 years when issued to an adult from
    // 2004 on, 10 years otherwise (before 2004, or to a minor).
    issued = expired ? years(today, -random.int(20, 25)) : years(today, -random.int(5, 13));
    if (!expired && yearMonth(issued) > Date.UTC(2021, 5, 1)) issued = new Date(Date.UTC(2021, 5, 1));
    const validity = (at: Date) =>
      at.getUTCFullYear() >= 2004 && years(holder.birthDate, 18) < at ? 15 : 10;
    expiry = years(issued, validity(issued));
    // A good card must still be valid: a holder who was a minor gets a card issued as late as the model allows.
    if (!expired && expiry <= today) {
      issued = new Date(Date.UTC(2021, 5, 1));
      expiry = years(issued, validity(issued));
    }
  } else {
    expiry = expired ? addDays(today, -random.int(30, 900)) : addDays(today, random.int(60, 3000));
    issued = years(expiry, -10);
  }
  const documentNumber =
    kind === 'fr-id-1988'
      ? `${random.pick(['750', '690', '130', '440'])}${random.digits(3)}${random.digits(5)}`
      : `${random.pick(['X', 'Y', 'Z'])}${random.digits(1)}${random.pick(['AB', 'RT', 'KM'])}${random.digits(5)}`;
  const images = await renderIdentityDocument({
    kind,
    holder,
    documentNumber,
    issued,
    expiry,
    brokenCheckDigit: defect?.mustFail === 'identity_mrz_check_digits' ? random.int(0, 2) : null,
  });
  // One side after the other: concurrent draws from `random` would make the bytes depend on timing.
  const files: CorpusFile[] = [];
  for (const [side, png] of images.entries()) {
    files.push(await imageFile(`identity-${index}-${side ? 'back' : 'front'}`, png, scanned, random));
  }
  const expected = defect?.mustFail === 'identity_name_matches' ? anotherPerson(random, holder) : holder;
  return {
    kind: 'identity',
    id: `identity-${index}`,
    variant: kind,
    scanned,
    files,
    defect,
    expectedPeople: [personName(expected)],
  };
}

async function imageFile(
  documentId: string,
  png: Buffer,
  scanned: boolean,
  random: Random,
): Promise<CorpusFile> {
  if (!scanned) return { documentId, mediaType: 'image/png', bytes: png };
  return { documentId, mediaType: 'image/jpeg', bytes: await scannedLook(png, random) };
}

async function pdfFile(
  documentId: string,
  pdf: Buffer,
  scanned: boolean,
  random: Random,
): Promise<CorpusFile> {
  return { documentId, mediaType: 'application/pdf', bytes: scanned ? await scannedPdf(pdf, random) : pdf };
}

function distinctSiren(random: Random, not: string): string {
  for (;;) {
    const siren = sirenWithLuhn(random.digits(8));
    if (siren !== not && !siren.startsWith('0')) return siren;
  }
}

export async function kbisItem({ index, random, today, scanned, defect }: Slot): Promise<CorpusItem> {
  const fiche = { siren: distinctSiren(random, ''), legalName: randomCompanyName(random) };
  // Another company's name, not the same name under another legal form: a SAS that became a SASU
  // keeps its SIREN and name, and the check rightly ignores the form.
  const withoutForm = (name: string) => name.split(' ').slice(0, -1).join(' ');
  let otherName = randomCompanyName(random);
  while (withoutForm(otherName) === withoutForm(fiche.legalName)) otherName = randomCompanyName(random);
  const updatedOn =
    defect?.name === 'no date'
      ? null
      : defect?.name === '4 months old'
        ? addDays(today, -random.int(125, 150))
        : addDays(today, -random.int(0, 60));
  const pdf = writeTextPdf(
    kbisLines({
      siren: defect?.mustFail === 'kbis_siren_matches' ? distinctSiren(random, fiche.siren) : fiche.siren,
      legalName: defect?.mustFail === 'kbis_name_matches' ? otherName : fiche.legalName,
      city: randomCity(random),
      updatedOn,
      registeredOn: years(today, -random.int(2, 20)),
      manager: randomPerson(random),
      dateStyle: random.chance(0.5) ? 'long' : 'numeric',
    }),
  );
  const files = [await pdfFile(`kbis-${index}`, pdf, scanned, random)];
  return {
    kind: 'kbis',
    id: `kbis-${index}`,
    variant: scanned ? 'scanned PDF' : 'PDF',
    scanned,
    files,
    defect,
    fiche,
  };
}

export async function statutesItem({ index, random, today, scanned, defect }: Slot): Promise<CorpusItem> {
  const president = randomPerson(random);
  const name = randomAssociationName(random);
  const adoptedOn =
    defect?.mustFail === 'statutes_recent'
      ? addDays(years(today, -10), random.int(-100, 100))
      : addDays(today, -random.int(20, 700));
  const pdf = writeTextPdf(
    statutesLines({
      name,
      city: randomCity(random),
      adoptedOn,
      president:
        defect?.mustFail === 'statutes_president_matches' ? anotherPerson(random, president) : president,
      treasurer: anotherPerson(random, president),
      dateStyle: random.chance(0.5) ? 'long' : 'numeric',
    }),
  );
  const files = [await pdfFile(`statutes-${index}`, pdf, scanned, random)];
  const variant = scanned ? 'scanned PDF' : 'PDF';
  return {
    kind: 'statutes',
    id: `statutes-${index}`,
    variant,
    scanned,
    files,
    defect,
    association: { name },
    presidents: [personName(president)],
  };
}

export async function letterItem({ index, random, today, scanned, defect }: Slot): Promise<CorpusItem> {
  const signer = randomPerson(random);
  const local = `${signer.firstNames[0]}.${signer.lastName}`
    .normalize('NFD')
    .replace(/[^A-Za-z.]/g, '')
    .toLowerCase();
  const newEmail = `${local}${random.int(1, 99)}@${random.pick(['exemple.fr', 'courriel.net', 'maboite.org'])}`;
  const email = defect?.name === 'no email' ? null : defect ? `ancien.${local}@exemple.com` : newEmail;
  const png = await renderLetter({
    signer,
    city: randomCity(random),
    writtenOn: addDays(today, -random.int(0, 10)),
    email,
  });
  const files = [await imageFile(`letter-${index}`, png, scanned, random)];
  return {
    kind: 'letter',
    id: `letter-${index}`,
    variant: scanned ? 'photo' : 'image',
    scanned,
    files,
    defect,
    newEmail,
  };
}
