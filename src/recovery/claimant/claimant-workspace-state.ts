import type { FormState } from '../../views/form.tsx';

/** What the claimant's case page shows besides the case: the form being filled, a notice or an error. */
export type WorkspaceState = {
  form: FormState;
  error?: string;
  notice?: string;
  /** The claimant's IP, shown beside the sworn statement (it is recorded with it). */
  ip: string | null;
  /** RECOVERY_REVIEW_WORKING_DAYS: the usual turnaround the progress announces. */
  reviewWorkingDays: number;
};
