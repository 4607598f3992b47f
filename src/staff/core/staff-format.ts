import type { Locale } from '../../views/i18n/index.ts';

/** Dates in the back office: Paris time, to the second (audit events are compared by it). */
export function formatStaffDateTime(locale: Locale, date: Date): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone: 'Europe/Paris',
  }).format(date);
}
