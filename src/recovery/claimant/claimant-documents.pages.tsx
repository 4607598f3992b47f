import type { FieldError } from '../../platform/http/errors.ts';
import { RegisterLabel } from '../../views/field-labels.ts';
import { CsrfField, fieldMessage } from '../../views/form.tsx';
import type { MessageKey, Translate } from '../../views/i18n/index.ts';
import type { PageContext } from '../../views/page-context.ts';
import {
  type DocumentKind,
  isOptionalDocumentKind,
  uploadableDocumentKinds,
} from '../documents/document-kinds.ts';
import type { RecoveryCaseView } from './claimant-access.ts';
import type { WorkspaceState } from './claimant-workspace-state.ts';

/**
 * The documents step of the case page: what each piece must show, what was received, the upload form.
 * Optional pieces are listed and offered beside the required ones, marked so, and never "to provide".
 */

export function formatCaseDate(ctx: PageContext, date: Date): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}

function docExplanation(
  t: Translate,
  kind: DocumentKind,
  type: RecoveryCaseView['recoveryCase']['accountType'],
) {
  if (kind === 'kbis' || kind === 'statutes') return t(`recovery.claimant.doc.${kind}`);
  return t(`recovery.claimant.doc.${kind}.${type}` as MessageKey);
}

function DocumentBadge({ t, count, optional }: { t: Translate; count: number; optional: boolean }) {
  if (count > 0) return <span class="badge">{t('recovery.claimant.doc.received', { count })}</span>;
  if (optional) return <span class="badge badge--optional">{t('recovery.claimant.doc.optional')}</span>;
  return <span class="badge badge--todo">{t('recovery.claimant.doc.missing')}</span>;
}

export function FieldErrorText({ t, errors, name }: { t: Translate; errors: FieldError[]; name: string }) {
  const mine = errors.filter((e) => e.field === name);
  if (mine.length === 0) return null;
  return (
    <p class="field__error" id={`field-${name}-error`}>
      {mine.map((e) => fieldMessage(t, e)).join(' ')}
    </p>
  );
}

export function DocumentsStep({
  ctx,
  view,
  state,
  base,
}: {
  ctx: PageContext;
  view: RecoveryCaseView;
  state: WorkspaceState;
  base: string;
}) {
  const { t } = ctx;
  const c = view.recoveryCase;
  const kinds = uploadableDocumentKinds(c.accountType);
  const optional = (kind: DocumentKind) => isOptionalDocumentKind(c.accountType, kind);
  const errors = state.form.errors;
  const invalid = (name: string) => errors.some((e) => e.field === name);
  return (
    <section class="panel" aria-labelledby="step-documents">
      <h2 id="step-documents">{t('recovery.claimant.step.documents')}</h2>
      <dl class="dl">
        {kinds.map((kind) => {
          const count = view.documents.filter((d) => d.kind === kind).length;
          return (
            <div class="dl-row" key={kind}>
              <dt>
                {t(`recovery.claimant.req.${kind}`)}{' '}
                <DocumentBadge t={t} count={count} optional={optional(kind)} />
              </dt>
              <dd>{docExplanation(t, kind, c.accountType)}</dd>
            </div>
          );
        })}
      </dl>
      {/* `_csrf` first: the server checks it before it reads a single byte of the file. */}
      <form method="post" action={`${base}/documents`} enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>{t('recovery.claimant.upload.legend')}</legend>
          <div class={`field${invalid('kind') ? ' field--error' : ''}`}>
            <RegisterLabel id="field-kind" label={t('recovery.claimant.upload.kind')} />
            <label for="field-kind">{t('recovery.claimant.upload.kind')}</label>
            <select id="field-kind" name="kind" required aria-invalid={invalid('kind') ? 'true' : undefined}>
              {kinds.map((kind) => (
                <option key={kind} value={kind} selected={state.form.values.kind === kind}>
                  {optional(kind)
                    ? t('recovery.claimant.upload.optionalKind', { kind: t(`recovery.claimant.req.${kind}`) })
                    : t(`recovery.claimant.req.${kind}`)}
                </option>
              ))}
            </select>
            <FieldErrorText t={t} errors={errors} name="kind" />
          </div>
          <div class={`field${invalid('file') ? ' field--error' : ''}`}>
            <RegisterLabel id="field-file" label={t('recovery.claimant.upload.file')} />
            <label for="field-file">{t('recovery.claimant.upload.file')}</label>
            <p class="field__hint" id="field-file-hint">
              {t('recovery.claimant.upload.fileHint')}
            </p>
            <input
              id="field-file"
              type="file"
              name="file"
              required
              accept="application/pdf,image/jpeg,image/png"
              aria-describedby="field-file-hint"
              aria-invalid={invalid('file') ? 'true' : undefined}
            />
            <FieldErrorText t={t} errors={errors} name="file" />
          </div>
        </fieldset>
        <button type="submit" class="button">
          {t('recovery.claimant.upload.submit')}
        </button>
      </form>
      {view.documents.length > 0 ? (
        <>
          <h3>{t('recovery.claimant.upload.list')}</h3>
          <ul>
            {view.documents.map((d) => (
              <li key={d.id}>
                {t('recovery.claimant.upload.item', {
                  kind: t(`recovery.claimant.req.${d.kind}`),
                  mediaType: d.mediaType.split('/')[1]?.toUpperCase() ?? d.mediaType,
                  size: Math.max(1, Math.round(d.size / 1024)),
                  date: formatCaseDate(ctx, d.uploadedAt),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
