import { defineMessages } from '../views/i18n/define-messages.ts';

export const ticketsStaffMessages = defineMessages({
  fr: {},
  en: {},
});
