export type Locale = 'fr' | 'en';
export const locales: readonly Locale[] = ['fr', 'en'];

/**
 * Declares a domain's messages in French (the reference) and English; the compiler refuses an
 * English catalogue that misses a French key.
 * @example defineMessages({ fr: { 'login.title': 'Connexion' }, en: { 'login.title': 'Sign in' } })
 */
export function defineMessages<const F extends Record<string, string>>(messages: {
  fr: F;
  en: { [K in keyof F]: string };
}) {
  return messages;
}
