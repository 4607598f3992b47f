import { RegisterLabel } from '../../views/field-labels.ts';
import { CsrfField, ErrorSummary, Field } from '../../views/form.tsx';
import type { MessageKey } from '../../views/i18n/index.ts';
import { Layout } from '../../views/layout.tsx';
import type { PageContext } from '../../views/page-context.ts';
import type { RecoveryCaseView } from './claimant-access.ts';
import { DocumentsStep, FieldErrorText, formatCaseDate } from './claimant-documents.pages.tsx';
import { CaseHistory, CaseProgress, SentFiles, StartAgain } from './claimant-status.pages.tsx';
import type { WorkspaceState } from './claimant-workspace-state.ts';
import type { RecoveryRequirement } from './requirements.ts';

/**
 * The case page: its status and progress (claimant-status.pages.tsx), the four steps while in draft,
 * support's message and the complements form, the files sent and the history.
 */

export function RecoveryCasePage({
  ctx,
  view,
  state,
}: {
  ctx: PageContext;
  view: RecoveryCaseView;
  state: WorkspaceState;
}) {
  const { t } = ctx;
  const c = view.recoveryCase;
  const base = `/recovery/cases/${c.reference}`;
  const editable = c.status === 'draft' || c.status === 'awaiting_claimant';
  const title = t('recovery.claimant.case.title', { reference: c.reference });
  return (
    <Layout ctx={ctx} title={title}>
      <section class="panel">
        <h1>{title}</h1>
        <p>
          <strong>
            {t('recovery.claimant.case.status', { status: t(`recovery.claimant.status.${c.status}`) })}
          </strong>
        </p>
        {state.notice ? (
          <p class="alert alert--success" role="status">
            {state.notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={state.form.errors} message={state.error} />
        {c.status === 'draft' ? (
          <p class="muted">{t('recovery.claimant.case.keep', { reference: c.reference })}</p>
        ) : (
          <p>{t(`recovery.claimant.statusText.${c.status}` as MessageKey)}</p>
        )}
        {c.status === 'awaiting_claimant' && c.infoRequestMessage ? (
          <div class="alert alert--info">
            <h2>{t('recovery.claimant.info.title')}</h2>
            <p>{c.infoRequestMessage}</p>
          </div>
        ) : null}
        <StartAgain ctx={ctx} view={view} />
      </section>
      <CaseProgress ctx={ctx} view={view} reviewWorkingDays={state.reviewWorkingDays} />
      {c.status === 'draft' ? <EmailStep ctx={ctx} view={view} state={state} base={base} /> : null}
      {editable ? <DocumentsStep ctx={ctx} view={view} state={state} base={base} /> : null}
      {editable ? <DeclarationStep ctx={ctx} view={view} state={state} base={base} /> : null}
      {editable ? <SubmitStep ctx={ctx} view={view} base={base} /> : null}
      <SentFiles ctx={ctx} view={view} />
      <CaseHistory ctx={ctx} view={view} />
    </Layout>
  );
}

type StepProps = { ctx: PageContext; view: RecoveryCaseView; state: WorkspaceState; base: string };

function EmailStep({ ctx, view, state, base }: StepProps) {
  const { t } = ctx;
  const c = view.recoveryCase;
  return (
    <section class="panel" aria-labelledby="step-email">
      <h2 id="step-email">{t('recovery.claimant.step.email')}</h2>
      {c.newEmailVerifiedAt ? (
        <p class="alert alert--success">{t('recovery.claimant.email.done', { email: c.newEmail })}</p>
      ) : (
        <>
          <p>{t('recovery.claimant.email.sent', { email: c.newEmail })}</p>
          <form method="post" action={`${base}/verify-email`} novalidate>
            <CsrfField ctx={ctx} />
            <Field
              t={t}
              name="code"
              label={t('recovery.claimant.email.code')}
              form={{ values: {}, errors: state.form.errors }}
              inputMode="numeric"
              autocomplete="one-time-code"
              maxLength={7}
              required
            />
            <button type="submit" class="button button--primary">
              {t('recovery.claimant.email.verify')}
            </button>
          </form>
          <form method="post" action={`${base}/resend-code`} class="inline-form">
            <CsrfField ctx={ctx} />
            <p class="field__hint">{t('recovery.claimant.email.resendHint')}</p>
            <button type="submit" class="button">
              {t('recovery.claimant.email.resend')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}

function DeclarationStep({ ctx, view, state, base }: StepProps) {
  const { t } = ctx;
  const declaration = view.recoveryCase.declaration;
  const invalid = state.form.errors.some((e) => e.field === 'accepted');
  return (
    <section class="panel" aria-labelledby="step-declaration">
      <h2 id="step-declaration">{t('recovery.claimant.step.declaration')}</h2>
      {declaration ? (
        <p class="alert alert--success">
          {t('recovery.claimant.declaration.done', {
            date: formatCaseDate(ctx, declaration.acceptedAt),
            name: declaration.fullName,
          })}
        </p>
      ) : null}
      <form method="post" action={`${base}/declaration`} novalidate>
        <CsrfField ctx={ctx} />
        <p id="declaration-text">{t('recovery.claimant.declaration.text')}</p>
        <div class={`field field--checkbox${invalid ? ' field--error' : ''}`}>
          <input
            type="checkbox"
            id="field-accepted"
            name="accepted"
            required
            aria-describedby="declaration-text"
            aria-invalid={invalid ? 'true' : undefined}
          />{' '}
          <RegisterLabel id="field-accepted" label={t('recovery.claimant.declaration.accept')} />
          <label for="field-accepted">{t('recovery.claimant.declaration.accept')}</label>
          <FieldErrorText t={t} errors={state.form.errors} name="accepted" />
        </div>
        <Field
          t={t}
          name="fullName"
          label={t('recovery.claimant.declaration.fullName')}
          form={state.form}
          autocomplete="name"
          maxLength={200}
          required
        />
        <p class="field__hint">{t('recovery.claimant.declaration.recorded', { ip: state.ip ?? '—' })}</p>
        <button type="submit" class="button">
          {declaration
            ? t('recovery.claimant.declaration.replace')
            : t('recovery.claimant.declaration.submit')}
        </button>
      </form>
    </section>
  );
}

function SubmitStep({ ctx, view, base }: Omit<StepProps, 'state'>) {
  const { t } = ctx;
  const missing: RecoveryRequirement[] = view.requirements.filter((r) => !r.satisfied).map((r) => r.kind);
  const complements = view.recoveryCase.status === 'awaiting_claimant';
  return (
    <section class="panel" aria-labelledby="step-submit">
      <h2 id="step-submit">{t('recovery.claimant.step.submit')}</h2>
      {missing.length > 0 ? (
        <>
          <p>{t('recovery.claimant.submit.missing')}</p>
          <ul>
            {missing.map((kind) => (
              <li key={kind}>{t(`recovery.claimant.req.${kind}`)}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('recovery.claimant.submit.ready')}</p>
      )}
      <form method="post" action={`${base}/submit`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class="button button--primary">
          {complements ? t('recovery.claimant.submit.complements') : t('recovery.claimant.submit.button')}
        </button>
      </form>
    </section>
  );
}
