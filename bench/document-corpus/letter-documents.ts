import sharp from 'sharp';
import { type CorpusPerson, frenchDate } from './people.ts';

/**
 * The claimant's signed letter as an image (a photo or scan of a typed-looking letter): it asks for
 * the account's email to be changed, and names the new address — or, for broken ones, does not.
 */

export type LetterContent = {
  signer: CorpusPerson;
  city: string;
  writtenOn: Date;
  /** The address the letter gives: the new one, another one, or none. */
  email: string | null;
};

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function letterLines(l: LetterContent): string[] {
  const name = `${l.signer.firstNames[0]} ${l.signer.lastName}`;
  return [
    name,
    `12 rue de la République, ${l.city}`,
    '',
    `${l.city}, le ${frenchDate(l.writtenOn, 'long')}`,
    '',
    "Objet : récupération de l'accès à mon compte",
    '',
    'Madame, Monsieur,',
    '',
    `Je soussigné(e) ${name}, titulaire du compte, n'ai plus accès`,
    "à l'adresse électronique enregistrée. Je vous demande de la remplacer",
    l.email
      ? `par la nouvelle adresse : ${l.email}`
      : 'par la nouvelle adresse que j’ai indiquée dans ma demande en ligne.',
    '',
    'Je certifie sur l’honneur l’exactitude de ces informations.',
    '',
    name,
  ];
}

/** An A4-ish page (1000 × 1400) in a serif font, with a scribble for the signature. */
export async function renderLetter(l: LetterContent): Promise<Buffer> {
  const lines = letterLines(l)
    .map((line, i) => {
      const x = i === 3 ? 560 : 90;
      return `<text x="${x}" y="${120 + i * 46}" font-family="DejaVu Serif" font-size="26" fill="#1b1b1b">${xml(line)}</text>`;
    })
    .join('\n');
  const signature =
    '<path d="M620 900 C 660 840, 700 960, 740 890 S 820 850, 860 910 S 900 930, 940 880" stroke="#1c2b6b" stroke-width="4" fill="none"/>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="1400"><rect width="1000" height="1400" fill="#fdfdf8"/>${lines}${signature}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
