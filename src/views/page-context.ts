import type { Locale, Translate } from './i18n/index.ts';

/** What every page needs from the request, and nothing more. */
export type PageContext = {
  t: Translate;
  locale: Locale;
  csrfToken: string;
  path: string;
  /** The signed-in customer's display name, or null. */
  signedInAs: string | null;
};
