// When the profile says `bioAsHome: true`, the home page becomes the bio page. The bio page
// is rendered per request (scheduled entries change without a rebuild), so the home route
// is switched to on-demand here, at build time, from the same profile the pages read.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * @param {string} contentDir the content folder (settings.contentDir)
 * @returns {import('astro').AstroIntegration}
 */
export default function bioAsHome(contentDir) {
  return {
    name: 'perch:bio-as-home',
    hooks: {
      'astro:route:setup': ({ route }) => {
        if (route.component === 'src/pages/index.astro' && readBioAsHome(contentDir)) route.prerender = false;
      },
    },
  };
}

/** @param {string} contentDir */
function readBioAsHome(contentDir) {
  const file = join(contentDir, 'profile.yaml');
  try {
    return parse(readFileSync(file, 'utf8'))?.bioAsHome === true;
  } catch {
    return false; // The content collection reports a missing or broken profile properly.
  }
}
