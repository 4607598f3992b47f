import { defineMessages } from '../views/i18n/define-messages.ts';

export const documentsMessages = defineMessages({
  fr: {},
  en: {},
});
