/** A SIREN: 8 digits and a Luhn check digit. */
export function sirenWithLuhn(eightDigits: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // From the right, with the check digit at position 0, every second digit is doubled.
    let d = Number(eightDigits[7 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${eightDigits}${(10 - (sum % 10)) % 10}`;
}
