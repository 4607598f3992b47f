import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/http/errors.ts';
import { useFieldLabelLookup, useRegisterFieldLabel } from './field-labels.ts';
import type { MessageKey, Translate } from './i18n/index.ts';
import type { PageContext } from './page-context.ts';

export type FormState = { values: Record<string, string>; errors: FieldError[] };
export const emptyForm: FormState = { values: {}, errors: [] };

export function fieldMessage(t: Translate, error: FieldError): string {
  return t(`fieldError.${error.code}` as MessageKey, error.params);
}

/** The CSRF token of every form. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

/** « Nom : ce champ est obligatoire. » — the message's capital dropped after the label, unless it starts an acronym. */
function summaryItem(t: Translate, label: string | null, message: string): string {
  if (label === null) return message;
  const lowered = /^\p{Lu}\p{Ll}/u.test(message)
    ? message.charAt(0).toLowerCase() + message.slice(1)
    : message;
  return t('form.errorItem', { label, message: lowered });
}

/**
 * Lists every error at the top of a form, each naming its field and linked to it (WCAG 3.3.1).
 * It takes the focus when the page loads (autofocus works without JavaScript), so that a screen
 * reader or keyboard user lands on what went wrong instead of the top of the page.
 */
export function ErrorSummary({
  t,
  errors,
  message,
}: {
  t: Translate;
  errors: FieldError[];
  message?: string;
}) {
  const labelOf = useFieldLabelLookup();
  if (errors.length === 0 && !message) return null;
  return (
    <div class="alert alert--error" role="alert" tabIndex={-1} id="error-summary" autofocus>
      <p>{message ?? t('form.errorSummary')}</p>
      {errors.length > 0 ? (
        <ul>
          {errors.map((error) => (
            <li key={`${error.field}-${error.code}`}>
              <a href={`#field-${error.field}`}>
                {summaryItem(t, labelOf(`field-${error.field}`), fieldMessage(t, error))}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

type FieldProps = {
  t: Translate;
  name: string;
  label: string;
  form: FormState;
  type?: string;
  autocomplete?: string;
  required?: boolean;
  hint?: string;
  inputMode?: string;
  maxLength?: number;
  /** Password fields never echo their value back. */
  keepValue?: boolean;
  /** The input's id when a page has several forms with the same field (default `field-<name>`). */
  id?: string;
};

/** A field's frame: label with its required/optional flag, hint, the control, errors; the ids that tie them. */
function FieldFrame({
  t,
  id,
  name,
  label,
  form,
  required,
  hint,
  control,
}: Pick<FieldProps, 't' | 'name' | 'label' | 'form' | 'required' | 'hint'> & {
  id: string;
  control: (wiring: { invalid: boolean; describedBy: string | undefined }) => ComponentChildren;
}) {
  const errors = form.errors.filter((e) => e.field === name);
  useRegisterFieldLabel(id, label);
  const describedBy = [hint ? `${id}-hint` : null, errors.length ? `${id}-error` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${errors.length ? ' field--error' : ''}`}>
      <label for={id}>
        {label} <span class="field__flag">{required ? t('form.required') : t('form.optional')}</span>
      </label>
      {hint ? (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {control({ invalid: errors.length > 0, describedBy: describedBy || undefined })}
      {errors.length ? (
        <p class="field__error" id={`${id}-error`}>
          {errors.map((e) => fieldMessage(t, e)).join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose errors and hint are tied to it with aria-describedby. */
export function Field(props: FieldProps) {
  const {
    t,
    name,
    form,
    type = 'text',
    autocomplete,
    required,
    inputMode,
    maxLength,
    keepValue = true,
  } = props;
  const id = props.id ?? `field-${name}`;
  return (
    <FieldFrame
      {...props}
      id={id}
      control={({ invalid, describedBy }) => (
        <>
          <input
            id={id}
            name={name}
            type={type as 'text'}
            value={keepValue ? (form.values[name] ?? '') : ''}
            autocomplete={autocomplete}
            required={required}
            inputMode={inputMode as 'text' | undefined}
            maxLength={maxLength}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={describedBy}
          />
          {/* Every password field can be shown: mistyping a long one is the commonest failure. */}
          {type === 'password' ? <PasswordToggle t={t} inputId={id} /> : null}
        </>
      )}
    />
  );
}

/** A labelled <select> with the same error and hint wiring as `Field`. */
export function SelectField(
  props: Pick<FieldProps, 't' | 'name' | 'label' | 'form' | 'autocomplete' | 'required' | 'hint'> & {
    options: { value: string; label: string }[];
  },
) {
  const id = `field-${props.name}`;
  const selected = props.form.values[props.name];
  return (
    <FieldFrame
      {...props}
      id={id}
      control={({ invalid, describedBy }) => (
        <select
          id={id}
          name={props.name}
          autocomplete={props.autocomplete}
          required={props.required}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value} selected={option.value === selected}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    />
  );
}

/**
 * « Afficher le mot de passe » under a password input. Rendered hidden: /static/password-toggle.js
 * shows and wires it, so that without JavaScript there is no button that does nothing.
 */
export function PasswordToggle({ t, inputId }: { t: Translate; inputId: string }) {
  return (
    <button
      type="button"
      class="link-button password-toggle"
      hidden
      aria-controls={inputId}
      data-password-toggle=""
      data-label-show={t('form.password.show')}
      data-label-hide={t('form.password.hide')}
    >
      {t('form.password.show')}
    </button>
  );
}
