import { defineMessages } from '../views/i18n/define-messages.ts';

export const recoveryStaffMessages = defineMessages({
  fr: {},
  en: {},
});
