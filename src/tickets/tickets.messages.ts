import { defineMessages } from '../views/i18n/define-messages.ts';

export const ticketsMessages = defineMessages({
  fr: {},
  en: {},
});
