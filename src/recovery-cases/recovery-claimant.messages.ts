import { defineMessages } from '../views/i18n/define-messages.ts';

export const recoveryClaimantMessages = defineMessages({
  fr: {},
  en: {},
});
