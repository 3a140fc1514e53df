// When the profile says `bioAsHome: true`, the home page becomes the bio page. The bio page
// is rendered per request (scheduled entries change without a rebuild), so the home route
// is switched to on-demand here, at build time, from the same profile the pages read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** @returns {import('astro').AstroIntegration} */
export default function bioAsHome() {
  return {
    name: 'perch:bio-as-home',
    hooks: {
      'astro:route:setup': ({ route }) => {
        if (route.component === 'src/pages/index.astro' && readBioAsHome()) route.prerender = false;
      },
    },
  };
}

function readBioAsHome() {
  const file = join(process.env.PERCH_CONTENT_DIR ?? './content', 'profile.yaml');
  try {
    return parse(readFileSync(file, 'utf8'))?.bioAsHome === true;
  } catch {
    return false; // The content collection reports a missing or broken profile properly.
  }
}
