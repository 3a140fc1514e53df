import { Button, Heading, Link, Text } from '@react-email/components';
import { buttonStyle, EmailFrame, textStyle } from '../../mail/EmailFrame.tsx';

export interface ConfirmationEmailProps {
  senderName: string;
  firstName?: string | null;
  confirmUrl: string;
  unsubscribeUrl: string;
  expiresInHours: number;
  postalAddress?: string;
}

/** Double opt-in: one button to a page that confirms with a second, deliberate click. */
export function ConfirmationEmail(props: ConfirmationEmailProps) {
  const hello = props.firstName ? `Hi ${props.firstName},` : 'Hi,';
  return (
    <EmailFrame preview={`Confirm your subscription to ${props.senderName}`} senderName={props.senderName} unsubscribeUrl={props.unsubscribeUrl} postalAddress={props.postalAddress}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#1c2421' }}>
        Please confirm your email
      </Heading>
      <Text style={textStyle}>{hello}</Text>
      <Text style={textStyle}>
        Someone, hopefully you, asked to get emails from {props.senderName}. Confirm it’s you and you’re on the list:
      </Text>
      <Button href={props.confirmUrl} style={buttonStyle}>
        Yes, subscribe me
      </Button>
      <Text style={textStyle}>
        The link works for {props.expiresInHours} hours. If the button doesn’t work, open this address:{' '}
        <Link href={props.confirmUrl}>{props.confirmUrl}</Link>
      </Text>
      <Text style={textStyle}>Didn’t sign up? Ignore this email and you won’t hear from us again.</Text>
    </EmailFrame>
  );
}
