import { useRegisterFieldLabel } from '../views/field-labels.ts';
import { CsrfField, ErrorSummary, Field, type FormState, PasswordToggle } from '../views/form.tsx';
import type { MessageKey } from '../views/i18n/index.ts';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';

export function ChangePasswordPage({
  ctx,
  form,
  done,
  requireClasses,
  error,
}: {
  ctx: PageContext;
  form: FormState;
  done?: boolean;
  requireClasses: boolean;
  /** A refusal not tied to a field (too many attempts), in words. */
  error?: string | undefined;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('password.change.title')} scripts={['/static/password-feedback.js']}>
      <section class="panel panel--narrow">
        <h1>{t('password.change.title')}</h1>
        {done ? (
          <p class="alert alert--success" role="status">
            {t('password.change.done')}
          </p>
        ) : null}
        <p>{t('password.change.intro')}</p>
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/account/password" novalidate>
          <CsrfField ctx={ctx} />
          <Field
            t={t}
            name="currentPassword"
            label={t('password.change.current')}
            form={form}
            type="password"
            autocomplete="current-password"
            required
            keepValue={false}
          />
          <NewPasswordField ctx={ctx} form={form} name="newPassword" requireClasses={requireClasses} />
          <Field
            t={t}
            name="confirmPassword"
            label={t('password.change.confirm')}
            form={form}
            type="password"
            autocomplete="new-password"
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('password.change.submit')}
          </button>
        </form>
      </section>
    </Layout>
  );
}

/** The new-password input with the policy rules and live feedback (progressive enhancement). */
export function NewPasswordField({
  ctx,
  form,
  name,
  requireClasses,
}: {
  ctx: PageContext;
  form: FormState;
  name: string;
  requireClasses: boolean;
}) {
  const { t } = ctx;
  const errors = form.errors.filter((e) => e.field === name);
  useRegisterFieldLabel(`field-${name}`, t('password.change.new'));
  return (
    <div class={`field${errors.length ? ' field--error' : ''}`}>
      <label for={`field-${name}`}>
        {t('password.change.new')} <span class="field__flag">{t('form.required')}</span>
      </label>
      <ul class="field__hint" id={`field-${name}-hint`}>
        <li>{t(!requireClasses ? 'password.rule_length_no_classes' : 'password.rule_length')}</li>
        {!requireClasses ? null : <li>{t('password.rule_classes')}</li>}
        <li>{t('password.rule_strength')}</li>
      </ul>
      <input
        id={`field-${name}`}
        name={name}
        type="password"
        autocomplete="new-password"
        required
        maxLength={128}
        aria-invalid={errors.length ? 'true' : undefined}
        aria-describedby={`field-${name}-hint field-${name}-feedback${errors.length ? ` field-${name}-error` : ''}`}
        data-password-policy=""
        data-policy-output={`field-${name}-reasons`}
        data-policy-meter={`field-${name}-meter`}
      />
      <PasswordToggle t={t} inputId={`field-${name}`} />
      <div id={`field-${name}-feedback`} class="password-feedback" aria-live="polite">
        {/* Shown by password-feedback.js with the first answer: a visible label and the score in words. */}
        <div class="password-strength" hidden>
          <label for={`field-${name}-meter`}>{t('password.strength_label')}</label>{' '}
          <strong class="password-strength__words" id={`field-${name}-meter-words`} />
          <meter id={`field-${name}-meter`} min={0} max={4} low={2} high={3} optimum={4} value={0} />
        </div>
        <ul id={`field-${name}-reasons`} />
      </div>
      {errors.length ? (
        <ul class="field__error" id={`field-${name}-error`}>
          {errors.map((e) => (
            <li key={e.code}>{t(`fieldError.${e.code}` as MessageKey, e.params)}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
