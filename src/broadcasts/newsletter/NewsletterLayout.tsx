// The frame around every newsletter: header, body, and the footer the law asks for
// (who sent it, how to unsubscribe with one click, the sender's postal address).
import type { ReactNode } from 'react';
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { Profile } from '../../site/content-schemas.ts';
import type { DisclosureNeed } from '../../site/disclosure.ts';

/** Replaced per recipient by the broadcast engine (or by the test command). */
export const UNSUBSCRIBE_PLACEHOLDER = '{{unsubscribe_url}}';

interface Props {
  profile: Profile;
  siteUrl: string;
  subject: string;
  preview?: string;
  /** Shown under the title, before the first affiliate link (FTC), with Amazon's sentence when needed. */
  disclosure: DisclosureNeed;
  children: ReactNode;
}

const footer = { color: '#71717a', fontSize: '12px', lineHeight: '18px', margin: '6px 0' };

export function NewsletterLayout({ profile, siteUrl, subject, preview, disclosure, children }: Props) {
  const accent = profile.theme.accent;
  return (
    <Html lang="en">
      <Head>
        <title>{subject}</title>
      </Head>
      {preview ? <Preview>{preview}</Preview> : null}
      <Body style={{ backgroundColor: '#f4f4f5', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0, padding: '16px 0' }}>
        <Container style={{ backgroundColor: '#ffffff', maxWidth: '600px', padding: '24px', borderRadius: '8px' }}>
          <Section>
            <Link href={siteUrl} style={{ color: accent, fontSize: '15px', fontWeight: 700, textDecoration: 'none' }}>
              {profile.name}
            </Link>
          </Section>
          <Heading as="h1" style={{ fontSize: '24px', lineHeight: '30px', color: '#18181b', margin: '16px 0' }}>
            {subject}
          </Heading>
          {disclosure.show ? (
            <Text data-disclosure="" style={{ ...footer, fontSize: '13px', margin: '0 0 16px' }}>
              {disclosure.amazon ? `${profile.disclosure} ${profile.amazonDisclosure}` : profile.disclosure}
            </Text>
          ) : null}
          {children}
          <Hr style={{ borderColor: '#e4e4e7', margin: '24px 0 12px' }} />
          <Text style={footer}>
            Sent by {profile.emailSenderName} because you subscribed at{' '}
            <Link href={siteUrl} style={{ color: '#71717a' }}>
              {new URL(siteUrl).host}
            </Link>
            .{' '}
            <Link href={UNSUBSCRIBE_PLACEHOLDER} style={{ color: '#71717a', textDecoration: 'underline' }}>
              Unsubscribe
            </Link>{' '}
            with one click.
          </Text>
          {profile.postalAddress ? <Text style={footer}>{profile.postalAddress}</Text> : null}
        </Container>
      </Body>
    </Html>
  );
}
