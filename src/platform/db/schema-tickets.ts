import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;

/** Table types of the support desk (src/tickets/). */

/** Support tickets (tickets domain). */
export interface TicketsTable {
  id: string;
  reference: string;
  account_id: string | null;
  channel: 'portal' | 'email';
  category: 'general' | 'access' | 'billing' | 'sensitive';
  subject: string;
  status: 'open' | 'waiting_customer' | 'closed';
  requester_email: string;
  requester_name: string | null;
  sender_verified: boolean;
  verification: string;
  sensitive: boolean;
  actionable: boolean;
  service_id: string | null;
  assigned_staff_id: string | null;
  /** Who closed it, while closed; null otherwise (and for tickets closed before it was recorded). */
  closed_by: ColumnType<
    'customer' | 'staff' | null,
    'customer' | 'staff' | null | undefined,
    'customer' | 'staff' | null
  >;
  created_at: Timestamp;
  updated_at: Timestamp;
  last_message_at: Timestamp;
}

export interface TicketMessagesTable {
  id: string;
  seq: Generated<string>;
  ticket_id: string;
  author_type: 'customer' | 'staff' | 'sender' | 'system';
  author_staff_id: string | null;
  channel: 'portal' | 'email';
  body: string;
  rfc_message_id: string | null;
  in_reply_to: string | null;
  from_address: string | null;
  sender_verified: boolean | null;
  verification: string | null;
  created_at: Timestamp;
}

export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  message_id: string;
  original_name: string | null;
  media_type: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  scan_status: 'clean' | 'not_scanned';
  storage_key: string | null;
  wrapped_key: string | null;
  created_at: Timestamp;
}

export type TicketRow = Selectable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
