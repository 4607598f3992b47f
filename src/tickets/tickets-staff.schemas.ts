import { z } from 'zod';
import { ticketChannels, ticketStatuses } from './ticket.ts';

/** Request schemas of the staff desk. Empty strings from the GET filter form mean « any ». */

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

export const staffTicketQueueQuery = z.object({
  status: z.preprocess(emptyAsUndefined, z.enum([...ticketStatuses, 'all']).optional()),
  channel: z.preprocess(emptyAsUndefined, z.enum(ticketChannels).optional()),
  assigned: z.preprocess(emptyAsUndefined, z.literal('me').optional()),
});

export const staffReplyBody = z.object({
  body: z.string('required').trim().min(1, 'required').max(20_000, 'too_long'),
});

export const staffStatusBody = z.object({ status: z.enum(ticketStatuses) });

export const staffAssignBody = z.object({
  staffId: z.preprocess(emptyAsUndefined, z.uuid().optional()),
});
