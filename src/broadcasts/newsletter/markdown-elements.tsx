// What plain Markdown in a newsletter turns into: react-email parts with inline styles,
// and absolute URLs, because an email has no base URL to resolve "/posts/…" against.
import type { ComponentProps } from 'react';
import { Heading, Hr, Img, Link, Text } from '@react-email/components';
import { useAbsolute, useGoHref, useNewsletter } from './newsletter-context.ts';
import { findCatalogLink } from '../../site/body-links.ts';
import { parseWebUrl } from '../../site/affiliate-hosts.ts';
import { REL_SPONSORED } from '../../site/links.ts';

const text = { color: '#27272a', fontSize: '16px', lineHeight: '26px', margin: '0 0 16px' };

function Anchor({ href = '', children }: ComponentProps<'a'>) {
  const abs = useAbsolute();
  const go = useGoHref();
  const { accent, catalog } = useNewsletter();
  // A pasted link to a catalog merchant becomes its tracked /go/ link (the rules checked it).
  const url = parseWebUrl(href);
  const match = url && catalog ? findCatalogLink(url, catalog) : undefined;
  return (
    <Link href={match ? go(match.slug, `body-link:${match.slug}`) : abs(href)} rel={match ? REL_SPONSORED : undefined} style={{ color: accent, textDecoration: 'underline' }}>
      {children}
    </Link>
  );
}

function Image({ src = '', alt = '' }: ComponentProps<'img'>) {
  const abs = useAbsolute();
  return <Img src={abs(String(src))} alt={alt} style={{ maxWidth: '100%', height: 'auto', borderRadius: '6px', margin: '0 0 16px' }} />;
}

export const markdownElements = {
  p: (props: ComponentProps<'p'>) => <Text style={text}>{props.children}</Text>,
  a: Anchor,
  img: Image,
  h1: (props: ComponentProps<'h1'>) => <Heading as="h2" style={{ fontSize: '22px', color: '#18181b', margin: '24px 0 12px' }}>{props.children}</Heading>,
  h2: (props: ComponentProps<'h2'>) => <Heading as="h2" style={{ fontSize: '20px', color: '#18181b', margin: '24px 0 12px' }}>{props.children}</Heading>,
  h3: (props: ComponentProps<'h3'>) => <Heading as="h3" style={{ fontSize: '17px', color: '#18181b', margin: '20px 0 8px' }}>{props.children}</Heading>,
  ul: (props: ComponentProps<'ul'>) => <ul style={{ ...text, paddingLeft: '20px' }}>{props.children}</ul>,
  ol: (props: ComponentProps<'ol'>) => <ol style={{ ...text, paddingLeft: '20px' }}>{props.children}</ol>,
  li: (props: ComponentProps<'li'>) => <li style={{ margin: '0 0 6px' }}>{props.children}</li>,
  hr: () => <Hr style={{ borderColor: '#e4e4e7', margin: '24px 0' }} />,
  blockquote: (props: ComponentProps<'blockquote'>) => (
    <blockquote style={{ borderLeft: '3px solid #d4d4d8', margin: '0 0 16px', paddingLeft: '12px', color: '#52525b' }}>{props.children}</blockquote>
  ),
};
