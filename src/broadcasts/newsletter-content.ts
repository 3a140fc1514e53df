/**
 * Reads what a newsletter needs straight from content/ (profile, products, emails/*.mdx)
 * with the same zod schemas Astro uses, so the email CLI runs outside Astro.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'astro/zod';
import { emailSchema, productSchema, profileSchema, type Product, type Profile } from '../site/content-schemas.ts';

export type Loaded<T> = { ok: true; value: T } | { ok: false; message: string };

export interface NewsletterSource {
  name: string;
  subject: string;
  preview?: string;
  allowAmazonLinks: boolean;
  /** The MDX body, without the frontmatter. */
  body: string;
  /** The file line the body starts on. */
  bodyLine: number;
}

/** Names of the newsletters in content/emails/ (file names without .mdx), sorted. */
export function listNewsletters(contentDir: string): string[] {
  const folder = join(contentDir, 'emails');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => f.slice(0, -'.mdx'.length))
    .sort();
}

/** One newsletter's frontmatter and body; an unknown name lists the available ones. */
export function readNewsletter(contentDir: string, name: string): Loaded<NewsletterSource> {
  const available = listNewsletters(contentDir);
  if (!available.includes(name)) {
    const list = available.length ? `Available: ${available.join(', ')}` : `There are none yet: add one as ${join(contentDir, 'emails', `${name}.mdx`)}`;
    return { ok: false, message: `No newsletter named "${name}" in ${join(contentDir, 'emails')}. ${list}` };
  }
  const file = join(contentDir, 'emails', `${name}.mdx`);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
  if (!match) return { ok: false, message: `${file}: starts with no frontmatter block (--- subject: … ---)` };
  const data = validate(file, emailSchema, parseYaml(match[1]!));
  if (!data.ok) return data;
  const bodyLine = match[0].slice(0, match[0].length - match[2]!.length).split('\n').length;
  return { ok: true, value: { name, subject: data.value.subject, preview: data.value.preview, allowAmazonLinks: data.value.allowAmazonLinks, body: match[2]!, bodyLine } };
}

/** The creator's profile (content/profile.yaml). */
export function readProfile(contentDir: string): Loaded<Profile> {
  const file = join(contentDir, 'profile.yaml');
  if (!existsSync(file)) return { ok: false, message: `${file} is missing: the emails need your name and sender name from it` };
  return validate(file, profileSchema, parseYaml(readFileSync(file, 'utf8')));
}

/** Every product in content/products/*.yaml by id (the file name). */
export function readProducts(contentDir: string): Loaded<Map<string, Product>> {
  const folder = join(contentDir, 'products');
  const products = new Map<string, Product>();
  if (!existsSync(folder)) return { ok: true, value: products };
  for (const f of readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const file = join(folder, f);
    const product = validate(file, productSchema, parseYaml(readFileSync(file, 'utf8')));
    if (!product.ok) return product;
    products.set(f.replace(/\.ya?ml$/, ''), product.value);
  }
  return { ok: true, value: products };
}

function validate<S extends z.ZodType>(file: string, schema: S, data: unknown): Loaded<z.infer<S>> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return { ok: true, value: result.data };
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(file)'} ${i.message}`);
  return { ok: false, message: `${file}:\n${lines.join('\n')}` };
}
