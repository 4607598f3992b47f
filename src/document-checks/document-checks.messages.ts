import { defineMessages } from '../views/i18n/define-messages.ts';

export const documentChecksMessages = defineMessages({
  fr: {},
  en: {},
});
