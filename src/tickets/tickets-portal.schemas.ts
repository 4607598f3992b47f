import { z } from 'zod';
import { ticketCategories } from './ticket.ts';

/** Request schemas of the customer's tickets (API and forms share them). */

const subject = z
  .string('required')
  .trim()
  // abort: an empty subject is « required », not also « too short ».
  .min(1, { message: 'required', abort: true })
  .min(3, 'ticket_subject_too_short')
  .max(200, 'too_long');
const body = z.string('required').trim().min(1, 'required').max(20_000, 'too_long');

export const newTicketBody = z.object({
  subject,
  body,
  category: z.enum(ticketCategories, 'ticket_category'),
  serviceId: z.uuid('ticket_service').optional(),
});
export type NewTicketBody = z.output<typeof newTicketBody>;

/** The form posts an empty string for "no service". */
export const newTicketForm = newTicketBody.extend({
  serviceId: z.union([z.literal('').transform(() => undefined), z.uuid('ticket_service')]).optional(),
});

export const ticketMessageBody = z.object({ body });

/** Any string: an unknown or malformed reference is simply not found (404), never a 422. */
export const ticketReferenceParams = z.object({
  reference: z
    .string()
    .max(40)
    .transform((s) => s.trim().toUpperCase()),
});
