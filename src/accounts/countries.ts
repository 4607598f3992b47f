import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import type { Locale } from '../views/i18n/index.ts';
import type { PostalAddress } from './account.ts';

/**
 * ISO 3166-1 countries with their French and English names, from the maintained
 * `i18n-iso-countries` list: the fiche's country is chosen from it, never typed.
 * @example countryName('FR', 'fr') // 'France'
 */
countries.registerLocale(fr);
countries.registerLocale(en);

export const DEFAULT_COUNTRY = 'FR';

export function isKnownCountry(code: string): boolean {
  return countries.isValid(code) && /^[A-Z]{2}$/.test(code);
}

/** The country's name in `locale` (typographic apostrophe), or the code itself when the list does not know it. */
export function countryName(code: string, locale: Locale): string {
  return (countries.getName(code, locale, { select: 'official' }) ?? code).replaceAll("'", '’');
}

const optionsByLocale = new Map<Locale, { code: string; name: string }[]>();

/** Every country as an option, sorted by name as a reader of `locale` expects (É with E). */
export function countryOptions(locale: Locale): { code: string; name: string }[] {
  let options = optionsByLocale.get(locale);
  if (!options) {
    const collator = new Intl.Collator(locale);
    options = Object.keys(countries.getAlpha2Codes())
      .map((code) => ({ code, name: countryName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    optionsByLocale.set(locale, options);
  }
  return options;
}

/** The address on one line as the fiche shows it (country by name), or null when there is none. */
export function formatPostalAddress(address: PostalAddress, locale: Locale): string | null {
  if (!address.line1) return null;
  const town = `${address.postalCode ?? ''} ${address.city ?? ''}`.trim();
  const country = address.country ? countryName(address.country, locale) : null;
  return [address.line1, address.line2, town, country].filter(Boolean).join(', ');
}
