/** The largest document accepted, in bytes (DESIGN.md: 10 MiB); larger uploads are stopped while streaming. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
