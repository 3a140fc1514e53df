/** A fully rendered email as every sender (queue, batch, outbox) takes it. */
export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
}
