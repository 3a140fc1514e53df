/**
 * Renders content/emails/<name>.mdx to email HTML and a plain-text part, outside Astro:
 * MDX is evaluated with @mdx-js/mdx and rendered by react-email. The unsubscribe link is the
 * `{{unsubscribe_url}}` placeholder, replaced per recipient (rendering once per list, not
 * once per subscriber).
 */
import { evaluate } from '@mdx-js/mdx';
import { render, toPlainText } from '@react-email/render';
import * as runtime from 'react/jsx-runtime';
import { join } from 'node:path';
import { readNewsletter, readProducts, readProfile, type Loaded } from '../newsletter-content.ts';
import { markdownElements } from './markdown-elements.tsx';
import { NewsletterContext, NewsletterContentError } from './newsletter-context.ts';
import { NewsletterLayout } from './NewsletterLayout.tsx';
import { productComponents } from './ProductBlocks.tsx';
import { remarkNumberComponents } from './remark-number-components.ts';
import { applyEmailLinkRules } from './email-link-rules.ts';

export { UNSUBSCRIBE_PLACEHOLDER } from './NewsletterLayout.tsx';

export interface RenderedNewsletter {
  name: string;
  subject: string;
  preview?: string;
  /** The sender's display name from the profile. */
  senderName: string;
  html: string;
  text: string;
}

export interface RenderInput {
  contentDir: string;
  name: string;
  /** Public site URL, no trailing slash: every link and image in the email is absolute. */
  siteUrl: string;
}

/** Renders one newsletter; creator mistakes come back as `{ ok: false, message }`. */
export async function renderNewsletter({ contentDir, name, siteUrl }: RenderInput): Promise<Loaded<RenderedNewsletter>> {
  const source = readNewsletter(contentDir, name);
  if (!source.ok) return source;
  const profile = readProfile(contentDir);
  if (!profile.ok) return profile;
  const products = readProducts(contentDir);
  if (!products.ok) return products;
  const file = join(contentDir, 'emails', `${name}.mdx`);
  const { subject, preview, body, bodyLine, allowAmazonLinks } = source.value;
  const rules = applyEmailLinkRules(body, products.value, allowAmazonLinks, bodyLine);
  if (rules.problems.length) return { ok: false, message: `${file}:\n${rules.problems.map((p) => `  ${p}`).join('\n')}` };
  try {
    const { default: Content } = await evaluate(body, { ...runtime, remarkPlugins: [remarkNumberComponents] });
    const context = { products: rules.products, catalog: rules.catalog, siteUrl, name, accent: profile.value.theme.accent };
    const html = await render(
      <NewsletterContext value={context}>
        <NewsletterLayout profile={profile.value} siteUrl={siteUrl} subject={subject} preview={preview} disclosure={rules.disclosure}>
          <Content components={{ ...markdownElements, ...productComponents }} />
        </NewsletterLayout>
      </NewsletterContext>,
    );
    return { ok: true, value: { name, subject, preview, senderName: profile.value.emailSenderName, html, text: toPlainText(html) } };
  } catch (error) {
    // MDX syntax errors (VFileMessage) and unknown product ids are the creator's to fix.
    if (error instanceof NewsletterContentError || (error instanceof Error && 'reason' in error)) {
      return { ok: false, message: `${file}: ${error.message}` };
    }
    throw error;
  }
}
