import { CsrfField } from '../views/form.tsx';
import type { PageContext } from '../views/page-context.ts';
import type { Ticket } from './ticket.ts';

/** « Clore la demande » on the customer's thread, while the ticket is not closed. */
export function CloseTicketForm({ ctx, ticket }: { ctx: PageContext; ticket: Ticket }) {
  if (ticket.status === 'closed') return null;
  const { t } = ctx;
  return (
    <form method="post" action={`/support/${encodeURIComponent(ticket.reference)}/close`} class="actions">
      <CsrfField ctx={ctx} />
      <p>{t('support.close.hint')}</p>
      <button type="submit" class="button">
        {t('support.close.submit')}
      </button>
    </form>
  );
}

/** « Joindre un fichier » on the customer's thread: multipart, `_csrf` first (see readMultipartUpload). */
export function AttachFileForm({ ctx, ticket, error }: { ctx: PageContext; ticket: Ticket; error?: string }) {
  const { t } = ctx;
  return (
    <form
      method="post"
      action={`/support/${encodeURIComponent(ticket.reference)}/attachments`}
      enctype="multipart/form-data"
      aria-labelledby="attach-title"
    >
      <CsrfField ctx={ctx} />
      <h3 id="attach-title">{t('support.attach.title')}</h3>
      <div class={`field${error ? ' field--error' : ''}`}>
        <label for="field-file">{t('support.attach.file')}</label>
        {error ? (
          <p class="field__error" id="field-file-error" role="alert">
            {error}
          </p>
        ) : null}
        <input
          id="field-file"
          name="file"
          type="file"
          accept="application/pdf,image/jpeg,image/png"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'field-file-error' : undefined}
        />
      </div>
      <button type="submit" class="button">
        {t('support.attach.submit')}
      </button>
    </form>
  );
}
