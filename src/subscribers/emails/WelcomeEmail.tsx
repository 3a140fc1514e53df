import { Button, Heading, Text } from '@react-email/components';
import { buttonStyle, EmailFrame, textStyle } from '../../mail/EmailFrame.tsx';

export interface WelcomeEmailProps {
  senderName: string;
  firstName?: string | null;
  siteUrl: string;
  unsubscribeUrl: string;
  /** The creator's freebie; `url` is absolute already. */
  leadMagnet?: { title: string; url: string };
  postalAddress?: string;
}

/** Sent once, when a subscriber confirms. */
export function WelcomeEmail(props: WelcomeEmailProps) {
  const hello = props.firstName ? `Welcome, ${props.firstName}!` : 'Welcome!';
  return (
    <EmailFrame preview={`You’re on ${props.senderName}’s list`} senderName={props.senderName} unsubscribeUrl={props.unsubscribeUrl} postalAddress={props.postalAddress}>
      <Heading as="h1" style={{ fontSize: '22px', color: '#1c2421' }}>
        {hello}
      </Heading>
      <Text style={textStyle}>You’re confirmed. Thanks for trusting me with your inbox; I’ll only write when I have something worth your time.</Text>
      {props.leadMagnet ? (
        <>
          <Text style={textStyle}>As promised, here is your download:</Text>
          <Button href={props.leadMagnet.url} style={buttonStyle}>
            {props.leadMagnet.title}
          </Button>
        </>
      ) : null}
      <Text style={textStyle}>
        In the meantime, the latest reviews are at <a href={props.siteUrl}>{props.siteUrl.replace(/^https?:\/\//, '')}</a>.
      </Text>
      <Text style={textStyle}>— {props.senderName}</Text>
    </EmailFrame>
  );
}
