import { mrzCheckDigit } from './mrz-lines.ts';

/** Specimen MRZ lines for tests, with check digits computed here (ICAO 9303, weights 7-3-1). */

// The ICAO 9303 check digit of mrz-lines.ts (demo and bench specimens): one implementation for every MRZ.
const checkDigit = mrzCheckDigit;

const pad = (s: string, n: number) => s.padEnd(n, '<').slice(0, n);

/** TD1 (2021 French card, residence permits): 3 × 30. */
export function td1(p: {
  code?: string;
  number: string;
  birth: string;
  sex?: string;
  expiry: string;
  name: string;
}) {
  const l1head = `${p.code ?? 'ID'}FRA${pad(p.number, 9)}${checkDigit(pad(p.number, 9))}`;
  const l1 = pad(l1head, 30);
  const l2head = `${p.birth}${checkDigit(p.birth)}${p.sex ?? 'F'}${p.expiry}${checkDigit(p.expiry)}FRA`;
  const l2body = pad(l2head, 29);
  const composite = checkDigit(
    l1.slice(5, 30) + l2body.slice(0, 7) + l2body.slice(8, 15) + l2body.slice(18, 29),
  );
  return [l1, l2body + composite, pad(p.name, 30)];
}

/** TD3 (passport): 2 × 44. */
export function td3(p: { number: string; birth: string; sex?: string; expiry: string; name: string }) {
  const l1 = pad(`P<FRA${p.name}`, 44);
  const num = pad(p.number, 9);
  const personal = pad('', 14);
  const head = `${num}${checkDigit(num)}FRA${p.birth}${checkDigit(p.birth)}${p.sex ?? 'M'}${p.expiry}${checkDigit(p.expiry)}${personal}${checkDigit(personal)}`;
  const composite = checkDigit(head.slice(0, 10) + head.slice(13, 20) + head.slice(21, 43));
  return [l1, head + composite];
}

/** French ID card of 1988: 2 × 36, issue date YYMM instead of an expiry. */
export function frenchId1988(p: {
  surname: string;
  given: string;
  issue: string;
  dept: string;
  seq: string;
  birth: string;
  sex?: string;
}) {
  const l1 = `IDFRA${pad(p.surname, 25)}${pad(`${p.dept}01`, 6)}`;
  const number = `${p.issue}${p.dept}${p.seq}`;
  const head = `${number}${checkDigit(number)}${pad(p.given, 14)}${p.birth}${checkDigit(p.birth)}${p.sex ?? 'F'}`;
  return [l1, head + checkDigit(l1 + head)];
}

/** The same lines with one character of line `line` at `index` replaced (a broken digit). */
export function breakAt(lines: string[], line: number, index: number): string[] {
  return lines.map((l, i) => {
    if (i !== line) return l;
    const ch = l[index] === '0' ? '1' : '0';
    return l.slice(0, index) + ch + l.slice(index + 1);
  });
}
