/**
 * The From header of every email Perch sends: EMAIL_FROM as given when it already names the
 * sender (`Maya <maya@example.com>`), else the profile's sender name in front of the address.
 * Without EMAIL_FROM, `fallbackAddress` (Resend's test sender, fine for the outbox).
 */
export function formatFrom(senderName: string, emailFrom: string | undefined, fallbackAddress = 'onboarding@resend.dev'): string {
  if (emailFrom?.includes('<')) return emailFrom;
  const name = senderName.replace(/["\\\r\n]/g, '').trim();
  return `"${name}" <${emailFrom ?? fallbackAddress}>`;
}
