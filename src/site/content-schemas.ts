/**
 * Zod schemas for everything a creator edits in content/. Plain zod (no astro:content),
 * so the same rules can be reused outside Astro. Messages are written as advice: Astro
 * prefixes them with the collection, the file and the field path.
 */
import { z } from 'astro/zod';
import { dateTextProblem } from './content-dates.ts';

// Only web addresses: javascript:, ftp: and friends never reach a page or the redirect catalog.
const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be a full web address starting with https:// or http://, like https://example.com/page' });
// YAML has already turned most dates into Date objects; strings are checked strictly here, and
// the file text is checked for rolled-over days (content-dates.ts).
const date = z.preprocess(
  (value) => (typeof value === 'string' && !dateTextProblem(value) ? new Date(value) : value),
  z.date({ error: 'must be a real date, like 2026-03-14, or 2026-03-14T09:00:00+01:00 with a time' }),
);
/** A link slug: lowercase letters, digits and single dashes (it becomes /go/<slug>). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z
  .string({ error: 'is missing: give it a short name of lowercase letters, digits and dashes' })
  .regex(SLUG_PATTERN, {
    error: 'must be lowercase letters, digits and single dashes (e.g. "paddle-pro-amazon")',
  });
const required = (what: string) => z.string({ error: `is missing: add ${what}` }).min(1, { error: `is empty: add ${what}` });

/** Affiliate networks Perch knows the sub-ID parameter of. */
export const NETWORKS = ['amazon', 'impact', 'shareasale', 'cj', 'rakuten', 'other'] as const;

export const merchantLinkSchema = z.object({
  slug,
  merchant: required('the merchant name, e.g. "Amazon"'),
  url: httpsUrl,
  network: z.enum(NETWORKS, { error: `must be one of: ${NETWORKS.join(', ')}` }).default('other'),
  /**
   * The query parameter that carries the click id, for networks Perch does not know (or to
   * override a known one): a name ("subid") or a template ("subid=perch-{clickId}").
   */
  subIdParam: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+(=[A-Za-z0-9_.-]*\{clickId\}[A-Za-z0-9_.-]*)?$/, {
      error: 'must be a parameter name like "subid", or a template like "subid=perch-{clickId}"',
    })
    .optional(),
  /** After this date the link sends followers to its fallback instead. */
  endsAt: date.optional(),
  /** Where an ended link goes: "product" (the product page) or another link's slug. */
  fallback: z.string().optional(),
});

export const productSchema = z.object({
  name: required('the product name'),
  image: required('an image path under public/, e.g. /images/products/paddle.svg'),
  imageAlt: z.string().optional(),
  price: z.string().optional(),
  /** The maker, for search results (JSON-LD brand). */
  brand: z.string().optional(),
  rating: z.number({ error: 'must be a number from 0 to 5' }).min(0).max(5).optional(),
  verdict: required('a one-sentence verdict'),
  category: z.string().optional(),
  featured: z.boolean().default(false),
  pros: z.array(z.string()).default([]),
  cons: z.array(z.string()).default([]),
  /** Free-form attributes shown side by side in comparison tables. */
  specs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  links: z.array(merchantLinkSchema).min(1, { error: 'needs at least one merchant link' }),
});

export const postSchema = z.object({
  title: required('a title'),
  description: required('a one- or two-sentence description for search results and previews'),
  publishDate: date,
  updatedDate: date.optional(),
  tags: z.array(z.string()).default([]),
  hero: z.string().optional(),
  heroAlt: z.string().optional(),
  draft: z.boolean().default(false),
  /** Products the article recommends (ids = file names in content/products). */
  products: z.array(z.string()).default([]),
});

const socialSchema = z.object({
  network: z.enum(['instagram', 'tiktok', 'youtube', 'x', 'facebook', 'pinterest', 'threads', 'bluesky', 'mastodon', 'linkedin', 'website', 'email']),
  url: z.union([httpsUrl, z.string().regex(/^mailto:/)]),
});

export const profileSchema = z.object({
  name: required('your name or your site name'),
  tagline: required('a short tagline'),
  avatar: required('an avatar image path under public/'),
  niche: required('your niche, e.g. "pickleball gear"'),
  description: z.string().optional(),
  /** Who writes the articles (JSON-LD author); without it the site itself is the author. */
  author: z.object({ name: required('the author\'s name'), url: httpsUrl.optional() }).optional(),
  /** The language the site is written in (BCP 47, e.g. en, en-GB, de): the page's lang and the feed's. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'must be a language code like en, en-GB or de' }).default('en'),
  socials: z.array(socialSchema).default([]),
  disclosure: required('your affiliate disclosure sentence'),
  amazonDisclosure: z.string().default('As an Amazon Associate I earn from qualifying purchases.'),
  emailSenderName: required('the name your emails come from'),
  consent: z.string().default('I agree to get emails from you. Unsubscribe any time with one click.'),
  postalAddress: z.string().optional(),
  leadMagnet: z.object({ title: z.string(), url: z.string() }).optional(),
  theme: z
    .object({
      accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a hex colour like #0f766e' }).default('#0f766e'),
      accentDark: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
      scheme: z.enum(['auto', 'light', 'dark']).default('auto'),
    })
    .default({ accent: '#0f766e', scheme: 'auto' }),
  bioAsHome: z.boolean().default(false),
});

export const bioEntrySchema = z
  .object({
    title: required('the button text'),
    url: httpsUrl.optional(),
    /** A merchant link slug (from content/products) or a product id. */
    link: z.string().optional(),
    product: z.string().optional(),
    /** Needed for plain URLs so their clicks are tracked under a stable /go/ slug. */
    slug: slug.optional(),
    icon: z.string().optional(),
    highlight: z.boolean().default(false),
    showFrom: date.optional(),
    showUntil: date.optional(),
    /** The entry's click placement (`bio:entry-<id>`); the studio's export writes it so reordering keeps stats history. Default: its position. */
    id: z.number({ error: 'must be a whole number' }).int().positive().optional(),
    /** Kept in the file but not shown (the studio's "hidden"). */
    hidden: z.boolean().optional(),
  })
  .refine((e) => [e.url, e.link, e.product].filter(Boolean).length === 1, {
    error: 'needs exactly one of url, link or product',
  })
  .refine((e) => !e.url || e.slug, { error: 'with a url needs a slug too, so its clicks can be tracked at /go/<slug>', path: ['slug'] });

export const bioSchema = z.object({
  entries: z.array(bioEntrySchema).default([]),
  /**
   * Product ids for the "my picks" shelf, in order. A pick may carry its click placement id
   * (`{ product, id }`, written by the studio's export so a reorder keeps stats history).
   */
  picks: z.array(z.union([z.string(), z.object({ product: z.string(), id: z.number().int().positive() })])).default([]),
});

export const emailSchema = z.object({
  subject: required('a subject line'),
  preview: z.string().optional(),
  /** Amazon's Associates rules forbid Amazon links in emails: only with Amazon's written permission. */
  allowAmazonLinks: z.boolean().default(false),
});

export type Product = z.infer<typeof productSchema>;
export type MerchantLink = z.infer<typeof merchantLinkSchema>;
export type Post = z.infer<typeof postSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type BioEntry = z.infer<typeof bioEntrySchema>;
export type BioPick = z.infer<typeof bioSchema>['picks'][number];
/** The product id of a pick. */
export const pickProduct = (pick: BioPick): string => (typeof pick === 'string' ? pick : pick.product);
