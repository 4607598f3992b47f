import { defineMessages } from '../views/i18n/define-messages.ts';

export const recoveryObjectionMessages = defineMessages({
  fr: {},
  en: {},
});
