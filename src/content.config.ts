import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { bioSchema, emailSchema, postSchema, productSchema, profileSchema } from './site/content-schemas.ts';
import { readSettings } from './platform/settings.ts';

// Everything a creator edits lives in the top-level content/ folder.
const base = readSettings().contentDir;

export const collections = {
  profile: defineCollection({ loader: glob({ pattern: 'profile.yaml', base }), schema: profileSchema }),
  bio: defineCollection({ loader: glob({ pattern: 'bio.yaml', base }), schema: bioSchema }),
  posts: defineCollection({ loader: glob({ pattern: '**/*.mdx', base: `${base}/posts` }), schema: postSchema }),
  products: defineCollection({ loader: glob({ pattern: '*.yaml', base: `${base}/products` }), schema: productSchema }),
  emails: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${base}/emails` }), schema: emailSchema }),
};
