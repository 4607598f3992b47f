import { type Account, accountDisplayName } from '../../accounts/account.ts';
import { formatStaffDateTime } from '../../staff/core/staff-format.ts';
import type { StaffPageContext } from '../../staff/core/staff-layout.tsx';
import { CsrfField } from '../../views/form.tsx';
import type { MessageKey } from '../../views/i18n/index.ts';
import type { RecoveryFlag } from '../flags.ts';
import type { ApprovalBlocker } from './approval-blockers.ts';
import type { ChecklistView } from './checklist.ts';

/** The review's forms on the case page: link, checklist, flags, decision. Each posts and comes back (303). */

const itemLabel = (item: string) => `recovery.staff.checklist.${item}` as MessageKey;
const flagLabel = (code: string) => `recovery.staff.flag.${code}` as MessageKey;

/** A required text area; ids are unique per page because one page holds many of these forms. */
function NoteArea({ id, name = 'note', label }: { id: string; name?: 'note' | 'reason'; label: string }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <textarea id={id} name={name} rows={3} maxLength={name === 'reason' ? 4000 : 2000} required />
    </div>
  );
}

export function LinkAccountForms({
  ctx,
  action,
  searchAction,
  query,
  suggestions,
  results,
}: {
  ctx: StaffPageContext;
  action: string;
  searchAction: string;
  query: string;
  suggestions: { account: Account; matchedBy: string[] }[];
  results: Account[];
}) {
  const { t } = ctx;
  // One line per account: one found both from a hint and by the search says both.
  const reasons = new Map<string, { account: Account; why: string[] }>();
  for (const s of suggestions)
    reasons.set(s.account.id, {
      account: s.account,
      why: s.matchedBy.map((h) => t(`recovery.staff.hint.${h}` as MessageKey)),
    });
  for (const account of results) {
    const known = reasons.get(account.id);
    if (known) known.why.push(t('recovery.staff.link.fromSearch'));
    else reasons.set(account.id, { account, why: [t('recovery.staff.link.fromSearch')] });
  }
  const candidates = [...reasons.values()].map(({ account, why }) => ({ account, why: why.join(', ') }));
  return (
    <section class="panel" aria-labelledby="link-title">
      <h2 id="link-title">{t('recovery.staff.link.title')}</h2>
      <form
        method="get"
        action={searchAction}
        class="search-form"
        aria-label={t('recovery.staff.link.search')}
      >
        <div class="field">
          <label for="field-q">{t('recovery.staff.link.search')}</label>
          <input id="field-q" name="q" type="search" value={query} maxLength={200} />
        </div>
        <button type="submit" class="button">
          {t('recovery.staff.link.searchSubmit')}
        </button>
      </form>
      {candidates.length === 0 ? (
        <p>{t('recovery.staff.link.none')}</p>
      ) : (
        <ul>
          {candidates.map(({ account, why }) => (
            <li key={account.id}>
              <form method="post" action={action} class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="accountId" value={account.id} />
                {account.clientNumber} — {accountDisplayName(account) || '—'} (
                {t(`account.type.${account.type}`)}, {account.email}) — <em>{why}</em>{' '}
                <button
                  type="submit"
                  class="button button--small"
                  aria-label={t('recovery.staff.link.submitLabel', { clientNumber: account.clientNumber })}
                >
                  {t('recovery.staff.link.submit')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ChecklistForms({
  ctx,
  action,
  checklist,
  editable,
  staffNames,
}: {
  ctx: StaffPageContext;
  action: string;
  checklist: ChecklistView[];
  editable: boolean;
  staffNames: Map<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section class="panel" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('recovery.staff.checklist.title')}</h2>
      <ul>
        {checklist.map((c) => (
          <li key={c.item}>
            <h3>
              {t(itemLabel(c.item))} —{' '}
              {c.verified ? (
                <strong>{t('recovery.staff.checklist.verified')}</strong>
              ) : (
                t('recovery.staff.checklist.unverified')
              )}
            </h3>
            {c.note ? (
              <p>
                {c.note}{' '}
                <span class="muted">
                  ({c.staffId ? (staffNames.get(c.staffId) ?? '—') : '—'}
                  {c.updatedAt ? `, ${formatStaffDateTime(locale, c.updatedAt)}` : ''})
                </span>
              </p>
            ) : null}
            {editable ? (
              <form method="post" action={action}>
                <CsrfField ctx={ctx} />
                <input type="hidden" name="item" value={c.item} />
                <fieldset>
                  <legend>{t('recovery.staff.checklist.question', { item: t(itemLabel(c.item)) })}</legend>
                  <label>
                    <input type="radio" name="verified" value="yes" checked={c.verified} required />{' '}
                    {t('recovery.staff.checklist.yes')}
                  </label>{' '}
                  <label>
                    <input type="radio" name="verified" value="no" checked={!c.verified} />{' '}
                    {t('recovery.staff.checklist.no')}
                  </label>
                </fieldset>
                <NoteArea id={`field-note-${c.item}`} label={t('recovery.staff.note')} />
                <button type="submit" class="button button--small">
                  {t('recovery.staff.checklist.save')}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function FlagsSection({
  ctx,
  actionFor,
  flags,
  mayResolve,
  staffNames,
}: {
  ctx: StaffPageContext;
  actionFor: (flagId: string) => string;
  flags: RecoveryFlag[];
  mayResolve: boolean;
  staffNames: Map<string, string>;
}) {
  const { t, locale } = ctx;
  return (
    <section class="panel" aria-labelledby="flags-title">
      <h2 id="flags-title">{t('recovery.staff.flags.title')}</h2>
      {flags.length === 0 ? <p>{t('recovery.staff.flags.none')}</p> : null}
      <ul>
        {flags.map((f) => (
          <li key={f.id}>
            <h3>
              {t(flagLabel(f.code))} —{' '}
              {f.resolvedAt ? (
                t('recovery.staff.flags.resolved')
              ) : (
                <strong>{t('recovery.staff.flags.open')}</strong>
              )}
            </h3>
            <p class="muted">{formatStaffDateTime(locale, f.raisedAt)}</p>
            {f.resolvedAt ? (
              <p>
                {f.resolutionNote} ({f.resolvedBy ? (staffNames.get(f.resolvedBy) ?? '—') : '—'},{' '}
                {formatStaffDateTime(locale, f.resolvedAt)})
              </p>
            ) : mayResolve ? (
              <form method="post" action={actionFor(f.id)}>
                <CsrfField ctx={ctx} />
                <NoteArea id={`field-note-flag-${f.id}`} label={t('recovery.staff.flags.resolveNote')} />
                <button type="submit" class="button button--small">
                  {t('recovery.staff.flags.resolve')}
                </button>
              </form>
            ) : (
              <p>{t('recovery.staff.flags.supervisorOnly')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function blockerText(ctx: StaffPageContext, blocker: ApprovalBlocker): string {
  const { t } = ctx;
  if (blocker.kind === 'no_account') return t('recovery.staff.blocker.noAccount');
  if (blocker.kind === 'checks_pending') return t('recovery.staff.blocker.checksPending');
  if (blocker.kind === 'checklist')
    return t('recovery.staff.blocker.checklist', { item: t(itemLabel(blocker.item)) });
  return t('recovery.staff.blocker.flag', { flag: t(flagLabel(blocker.code)) });
}

export function DecisionForms({
  ctx,
  action,
  blockers,
  firstApproval,
}: {
  ctx: StaffPageContext;
  action: string;
  blockers: ApprovalBlocker[];
  firstApproval: string | null;
}) {
  const { t } = ctx;
  return (
    <section class="panel" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('recovery.staff.decision.title')}</h2>
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="decision" value="request_info" />
        <NoteArea
          id="field-reason-request_info"
          name="reason"
          label={t('recovery.staff.decision.requestInfoMessage')}
        />
        <button type="submit" class="button">
          {t('recovery.staff.decision.requestInfo')}
        </button>
      </form>
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="decision" value="reject" />
        <NoteArea id="field-reason-reject" name="reason" label={t('recovery.staff.decision.rejectReason')} />
        <button type="submit" class="button">
          {t('recovery.staff.decision.reject')}
        </button>
      </form>
      <h3>{t('recovery.staff.decision.approveTitle')}</h3>
      {firstApproval ? <p>{firstApproval}</p> : null}
      {blockers.length > 0 ? (
        <div class="alert alert--warning">
          <p>{t('recovery.staff.decision.blocked')}</p>
          <ul>
            {blockers.map((b) => (
              <li key={JSON.stringify(b)}>{blockerText(ctx, b)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={action}>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="decision" value="approve" />
        <button type="submit" class="button button--primary">
          {t('recovery.staff.decision.approve')}
        </button>
      </form>
    </section>
  );
}
