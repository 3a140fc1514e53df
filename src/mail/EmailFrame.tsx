import type { ReactNode } from 'react';
import { Body, Container, Head, Hr, Html, Link, Preview, Text } from '@react-email/components';

/** What every Perch email ends with: why they get it, the one-click unsubscribe, the address. */
export interface FrameProps {
  preview: string;
  senderName: string;
  unsubscribeUrl: string;
  postalAddress?: string;
  children: ReactNode;
}

const body = { backgroundColor: '#f6f7f6', fontFamily: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', margin: 0, padding: '24px 0' };
const container = { backgroundColor: '#ffffff', borderRadius: '8px', maxWidth: '520px', padding: '28px 24px' };
const footer = { color: '#5b635f', fontSize: '13px', lineHeight: '20px' };

/** The shared frame of Perch's emails (the broadcast emails use it too). */
export function EmailFrame({ preview, senderName, unsubscribeUrl, postalAddress, children }: FrameProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          {children}
          <Hr style={{ borderColor: '#e3e6e4', margin: '28px 0 16px' }} />
          <Text style={footer}>
            You get this email because you signed up for {senderName}’s list.{' '}
            <Link href={unsubscribeUrl} style={{ color: '#5b635f', textDecoration: 'underline' }}>
              Unsubscribe with one click
            </Link>
            .
          </Text>
          {postalAddress ? <Text style={footer}>{postalAddress}</Text> : null}
        </Container>
      </Body>
    </Html>
  );
}

export const textStyle = { color: '#1c2421', fontSize: '16px', lineHeight: '26px' };
export const buttonStyle = {
  backgroundColor: '#0f766e',
  borderRadius: '6px',
  color: '#ffffff',
  display: 'inline-block',
  fontSize: '16px',
  fontWeight: 600,
  padding: '12px 20px',
  textDecoration: 'none',
};
