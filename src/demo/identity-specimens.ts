import sharp from 'sharp';
import {
  breakCheckDigit,
  frenchId1988Lines,
  type MrzPerson,
  mrzName,
  td1Lines,
  td3Lines,
} from '../recovery/checks/mrz-lines.ts';

/**
 * Identity documents drawn as SVG and rendered by sharp (librsvg): a card layout of about
 * 1000 × 630 with a photo placeholder, printed fields in a sans font, and the MRZ in OCR-B
 * (Debian's fonts-ocr-b), as on the real documents. The demo draws them stamped « SPÉCIMEN »; the
 * bench corpus (bench/document-corpus/) draws them plain, valid or with a broken check digit.
 * Without the OCR-B font librsvg falls back to another font: the image still renders, the MRZ
 * just reads less reliably.
 */

export const identityKinds = ['fr-id-1988', 'fr-id-2021', 'passport', 'residence-permit'] as const;
export type IdentityKind = (typeof identityKinds)[number];

export type IdentityHolder = MrzPerson & { birthPlace: string };

export type IdentitySpec = {
  kind: IdentityKind;
  holder: IdentityHolder;
  documentNumber: string;
  issued: Date;
  /** Printed on the document; the 1988 card's MRZ has no expiry, it follows from `issued`. */
  expiry: Date;
  /** Which check digit of the MRZ to break (an index into the check digits of the layout), if any. */
  brokenCheckDigit: number | null;
};

const WIDTH = 1000;
const HEIGHT = 630;
// OCR-B glyphs advance about 0.72 em (monospace, measured): the font size that fits `chars` characters in `width` px.
const mrzFontSize = (chars: number, width: number) => Math.floor(width / chars / 0.73);

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const dotted = (d: Date) =>
  `${String(d.getUTCDate()).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${d.getUTCFullYear()}`;

type Side = {
  title: string;
  subtitle: string;
  tint: string;
  fields: [string, string][];
  photo: boolean;
  mrz: string[];
};

/**
 * A slanted red stamp right of the printed fields, clear of the MRZ band at the bottom: a specimen must look
 * like one at a glance, without hiding the zone the checks read.
 */
function stampSvg(stamp: string): string {
  return `<text x="790" y="270" text-anchor="middle" transform="rotate(-18 790 270)" font-family="DejaVu Sans, sans-serif" font-size="64" font-weight="bold" letter-spacing="4" fill="#c53030" fill-opacity="0.55" stroke="#9b2c2c" stroke-width="2" stroke-opacity="0.6">${xml(stamp)}</text>`;
}

function sideSvg(side: Side, stamp: string | null, width = WIDTH, height = HEIGHT): string {
  const photo = side.photo
    ? `<rect x="40" y="130" width="230" height="290" rx="8" fill="#c9ced6"/>
       <circle cx="155" cy="230" r="62" fill="#9aa3b0"/><rect x="75" y="310" width="160" height="110" rx="60" fill="#9aa3b0"/>`
    : '';
  const left = side.photo ? 300 : 50;
  const fields = side.fields
    .map(
      ([label, value], i) =>
        `<text x="${left}" y="${150 + i * 50}" font-family="DejaVu Sans, sans-serif" font-size="15" fill="#4a5568">${xml(label)}</text>
         <text x="${left}" y="${173 + i * 50}" font-family="DejaVu Sans, sans-serif" font-size="22" font-weight="bold" fill="#111">${xml(value)}</text>`,
    )
    .join('\n');
  const chars = side.mrz[0]?.length ?? 30;
  const size = mrzFontSize(chars, width - 70);
  const lineHeight = Math.round(size * 1.35);
  const mrzTop = height - 30 - lineHeight * side.mrz.length;
  const mrz = side.mrz.length
    ? `<rect x="0" y="${mrzTop - 20}" width="${width}" height="${height - mrzTop + 20}" fill="#ffffff"/>` +
      side.mrz
        .map(
          (line, i) =>
            `<text x="35" y="${mrzTop + lineHeight * (i + 1) - 8}" font-family="OCR B" font-size="${size}" fill="#000">${xml(line)}</text>`,
        )
        .join('\n')
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="${width}" height="${height}" rx="24" fill="${side.tint}"/>
    <text x="40" y="60" font-family="DejaVu Sans, sans-serif" font-size="26" font-weight="bold" fill="#1a365d">${xml(side.title)}</text>
    <text x="40" y="95" font-family="DejaVu Sans, sans-serif" font-size="18" fill="#2d3748">${xml(side.subtitle)}</text>
    ${photo}${fields}${mrz}${stamp ? stampSvg(stamp) : ''}</svg>`;
}

/** Where each layout keeps its check digits: [line, column]. */
const checkDigitPositions: Record<IdentityKind, [number, number][]> = {
  'fr-id-1988': [
    [1, 12],
    [1, 33],
  ],
  'fr-id-2021': [
    [0, 14],
    [1, 6],
    [1, 14],
  ],
  passport: [
    [1, 9],
    [1, 19],
    [1, 27],
  ],
  'residence-permit': [
    [0, 14],
    [1, 6],
    [1, 14],
  ],
};

function mrzOf(spec: IdentitySpec): string[] {
  const { holder } = spec;
  const lines =
    spec.kind === 'fr-id-1988'
      ? frenchId1988Lines(
          holder,
          spec.issued,
          spec.documentNumber.slice(0, 6),
          spec.documentNumber.slice(6, 11),
        )
      : spec.kind === 'passport'
        ? td3Lines(holder, spec.documentNumber, spec.expiry)
        : td1Lines(
            holder,
            spec.kind === 'fr-id-2021' ? 'ID' : 'IR',
            spec.documentNumber,
            spec.expiry,
            spec.kind === 'fr-id-2021' ? 'FRA' : 'MAR',
          );
  if (spec.brokenCheckDigit === null) return lines;
  const positions = checkDigitPositions[spec.kind];
  const [line, column] = positions[spec.brokenCheckDigit % positions.length] ?? [1, 0];
  return lines.map((text, i) => (i === line ? breakCheckDigit(text, column) : text));
}

function sides(spec: IdentitySpec): Side[] {
  const { holder } = spec;
  const surname = holder.lastName.toUpperCase();
  const given = holder.firstNames.join(', ');
  const born = `${dotted(holder.birthDate)}  ${holder.birthPlace}`;
  const mrz = mrzOf(spec);
  switch (spec.kind) {
    case 'fr-id-1988':
      return [
        {
          title: 'RÉPUBLIQUE FRANÇAISE',
          subtitle: `CARTE NATIONALE D'IDENTITÉ N° : ${mrz[1]?.slice(0, 12)}`,
          tint: '#e6eef7',
          fields: [
            ['Nom', surname],
            ['Prénom(s)', given],
            ['Sexe', holder.sex],
            ['Né(e) le', born],
          ],
          photo: true,
          mrz,
        },
      ];
    case 'passport':
      return [
        {
          title: 'RÉPUBLIQUE FRANÇAISE — PASSEPORT',
          subtitle: `Type P   Code FRA   Passeport n° ${spec.documentNumber}`,
          tint: '#f3ece4',
          fields: [
            ['Nom / Surname', surname],
            ['Prénoms / Given names', given],
            ['Date de naissance / Date of birth', born],
            ["Date d'expiration / Date of expiry", dotted(spec.expiry)],
          ],
          photo: true,
          mrz,
        },
      ];
    default: {
      const permit = spec.kind === 'residence-permit';
      return [
        {
          title: permit
            ? 'RÉPUBLIQUE FRANÇAISE — TITRE DE SÉJOUR'
            : "RÉPUBLIQUE FRANÇAISE — CARTE NATIONALE D'IDENTITÉ",
          subtitle: `N° ${spec.documentNumber}`,
          tint: permit ? '#eef4ea' : '#eaf0fa',
          fields: [
            ['NOM / Surname', surname],
            ['Prénoms / Given names', given],
            ['DATE DE NAISS. / Date of birth', born],
            ["DATE D'EXPIR. / Expiry date", dotted(spec.expiry)],
          ],
          photo: true,
          mrz: [],
        },
        {
          title: permit ? 'TITRE DE SÉJOUR' : "CARTE NATIONALE D'IDENTITÉ",
          subtitle: permit ? 'Nationalité : MAROCAINE' : 'Nationalité : FRANÇAISE',
          tint: permit ? '#eef4ea' : '#eaf0fa',
          fields: [
            ['Adresse', `12 RUE DE LA RÉPUBLIQUE ${mrzName(holder.birthPlace)}`],
            ['Date de délivrance', dotted(spec.issued)],
          ],
          photo: false,
          mrz,
        },
      ];
    }
  }
}

/** The MRZ lines printed on each side, front first (none on the front of a 2021 card or a permit). */
export function identityDocumentMrz(spec: IdentitySpec): string[][] {
  return sides(spec).map((side) => side.mrz);
}

/**
 * The document's images (front, and back when the MRZ is on the back), as PNG; `stamp` (e.g.
 * « SPÉCIMEN ») is printed across each side.
 */
export async function renderIdentityDocument(
  spec: IdentitySpec,
  options: { stamp?: string } = {},
): Promise<Buffer[]> {
  return Promise.all(
    sides(spec).map((side) =>
      sharp(Buffer.from(sideSvg(side, options.stamp ?? null)))
        .png()
        .toBuffer(),
    ),
  );
}
