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
