/**
 * Machine-readable zones written the way ICAO 9303 and the French 1988 card write them, with
 * 7-3-1 check digits: the demo's identity specimens and the bench corpus hold MRZs the checks must
 * accept, and the corpus broken ones they must not. mrz.ts reads them; this file only writes.
 */

const MRZ_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ICAO 9303 check digit: weights 7, 3, 1 repeated; '<' counts 0, A–Z count 10–35. */
export function mrzCheckDigit(field: string): string {
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const char = field[i] ?? '<';
    const value = char === '<' ? 0 : MRZ_VALUES.indexOf(char);
    sum += Math.max(0, value) * ([7, 3, 1][i % 3] ?? 1);
  }
  return String(sum % 10);
}

/** Upper-case A–Z with '<' for spaces, hyphens and apostrophes, as an MRZ writes a name. */
export function mrzName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z]+/g, '<');
}

export function pad(value: string, length: number): string {
  return value.slice(0, length).padEnd(length, '<');
}

/** YYMMDD. */
export function mrzDate(date: Date): string {
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(date.getUTCDate()).padStart(2, '0');
  return `${yy}${mm}${dd}`;
}

export type MrzPerson = { firstNames: string[]; lastName: string; sex: 'M' | 'F'; birthDate: Date };

/** TD3 (passport), 2 × 44. */
export function td3Lines(p: MrzPerson, documentNumber: string, expiry: Date, nationality = 'FRA'): string[] {
  const names = pad(`${mrzName(p.lastName)}<<${p.firstNames.map(mrzName).join('<')}`, 39);
  const line1 = `P<${nationality}${names}`;
  const number = pad(documentNumber, 9);
  const birth = mrzDate(p.birthDate);
  const exp = mrzDate(expiry);
  const personal = pad('', 14);
  const body = `${number}${mrzCheckDigit(number)}${nationality}${birth}${mrzCheckDigit(birth)}${p.sex}${exp}${mrzCheckDigit(exp)}${personal}${mrzCheckDigit(personal)}`;
  const composite = `${body.slice(0, 10)}${body.slice(13, 20)}${body.slice(21, 43)}`;
  return [line1, `${body}${mrzCheckDigit(composite)}`];
}

/** TD1 (2021 French ID card, residence permit), 3 × 30. */
export function td1Lines(
  p: MrzPerson,
  documentCode: 'ID' | 'IR',
  documentNumber: string,
  expiry: Date,
  nationality: string,
): string[] {
  const number = pad(documentNumber, 9);
  const line1 = `${documentCode}FRA${number}${mrzCheckDigit(number)}${pad('', 15)}`;
  const birth = mrzDate(p.birthDate);
  const exp = mrzDate(expiry);
  const line2Body = `${birth}${mrzCheckDigit(birth)}${p.sex}${exp}${mrzCheckDigit(exp)}${nationality}${pad('', 11)}`;
  const composite = `${line1.slice(5, 30)}${line2Body.slice(0, 7)}${line2Body.slice(8, 15)}${line2Body.slice(18, 29)}`;
  const line3 = pad(`${mrzName(p.lastName)}<<${p.firstNames.map(mrzName).join('<')}`, 30);
  return [line1, `${line2Body}${mrzCheckDigit(composite)}`, line3];
}

/**
 * The 1988 French ID card, 2 × 36: surname and office on line 1; issue year-month, office, number,
 * given names, birth date, sex on line 2. It has no expiry field: validity follows from the issue date.
 */
export function frenchId1988Lines(p: MrzPerson, issued: Date, office: string, serial: string): string[] {
  const line1 = `IDFRA${pad(mrzName(p.lastName), 25)}${pad(office, 6)}`;
  const issue = mrzDate(issued).slice(0, 4);
  const number = `${issue}${office.slice(0, 3)}${serial}`;
  const birth = mrzDate(p.birthDate);
  const body = `${number}${mrzCheckDigit(number)}${pad(p.firstNames.map(mrzName).join('<<'), 14)}${birth}${mrzCheckDigit(birth)}${p.sex}`;
  return [line1, `${body}${mrzCheckDigit(`${line1}${body}`)}`];
}

/** Replaces one check digit in an MRZ line by another digit, so exactly that check fails. */
export function breakCheckDigit(line: string, position: number): string {
  const digit = line[position];
  const wrong = String((Number(digit) + 3) % 10);
  return `${line.slice(0, position)}${wrong}${line.slice(position + 1)}`;
}
