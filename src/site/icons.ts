/**
 * Icons for social profiles and bio buttons, as single SVG paths in a 24×24 box so they
 * inline cheaply (no icon font, no extra request). Brand marks come from simple-icons;
 * the generic ones are drawn here as strokes.
 */
import {
  siBluesky,
  siFacebook,
  siInstagram,
  siMastodon,
  siPinterest,
  siThreads,
  siTiktok,
  siX,
  siYoutube,
} from 'simple-icons';

export interface Icon {
  d: string;
  /** Stroked outline (generic icons) rather than a filled shape (brand marks). */
  stroke?: boolean;
}

const generic: Record<string, Icon> = {
  link: { d: 'M10 13a5 5 0 0 0 7.1 0l3-3a5 5 0 0 0-7.1-7.1l-1.5 1.5M14 11a5 5 0 0 0-7.1 0l-3 3a5 5 0 0 0 7.1 7.1l1.5-1.5', stroke: true },
  website: { d: 'M12 2a10 10 0 1 0 0 20 10 10 0 1 0 0-20M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20', stroke: true },
  email: { d: 'M3 5h18v14H3zM3 6l9 7 9-7', stroke: true },
  shop: { d: 'M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.9a1 1 0 0 0 1-.8L20 8H6.2M9 20h.01M17 20h.01', stroke: true },
  video: { d: 'M6 4l14 8-14 8z', stroke: true },
  star: { d: 'M12 2l3.1 6.3 6.9 1-5 4.9 1.2 6.8-6.2-3.2-6.2 3.2 1.2-6.8-5-4.9 6.9-1z', stroke: true },
  gift: { d: 'M3 8h18v4H3zM5 12v9h14v-9M12 8v13M12 8C10 4 6 4 6 6.5S9 8 12 8s6-1 6-3.5S14 4 12 8', stroke: true },
  tag: { d: 'M2 12V2h10l10 10-10 10zM7 7h.01', stroke: true },
  download: { d: 'M12 3v12M7 10l5 5 5-5M4 21h16', stroke: true },
  calendar: { d: 'M3 5h18v16H3zM3 10h18M8 3v4M16 3v4', stroke: true },
  article: { d: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8', stroke: true },
  share: { d: 'M4 12v8h16v-8M12 3v12M7 8l5-5 5 5', stroke: true },
  qr: { d: 'M3 3h7v7H3zM14 3h7v7h-7zM3 14h7v7H3zM14 14h3v3h-3zM18 18h3v3h-3z', stroke: true },
  // LinkedIn asked simple-icons to drop its mark: a plain "in" tile instead.
  linkedin: {
    d: 'M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM7 10v7h2.5v-7zm1.25-3.5a1.4 1.4 0 1 0 0 2.8 1.4 1.4 0 1 0 0-2.8zM11.5 10v7H14v-3.6c0-.9.4-1.6 1.3-1.6s1.2.6 1.2 1.6V17H19v-4c0-2-.8-3.2-2.7-3.2-1 0-1.9.4-2.4 1.2v-1z',
  },
};

const brands: Record<string, Icon> = {
  instagram: { d: siInstagram.path },
  tiktok: { d: siTiktok.path },
  youtube: { d: siYoutube.path },
  x: { d: siX.path },
  facebook: { d: siFacebook.path },
  pinterest: { d: siPinterest.path },
  threads: { d: siThreads.path },
  bluesky: { d: siBluesky.path },
  mastodon: { d: siMastodon.path },
};

/** Every icon name a bio entry may use (an emoji works too). */
export function iconNames(): string[] {
  return [...Object.keys(brands), ...Object.keys(generic)].sort();
}

/** The icon called `name` (a social network or a generic icon name), if Perch has one. */
export function findIcon(name: string | undefined): Icon | undefined {
  if (!name) return undefined;
  const key = name.toLowerCase();
  return brands[key] ?? generic[key];
}

/** Display names of the social networks the profile schema accepts. */
export const NETWORK_NAMES: Record<string, string> = {
  instagram: 'Instagram',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  x: 'X',
  facebook: 'Facebook',
  pinterest: 'Pinterest',
  threads: 'Threads',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  linkedin: 'LinkedIn',
  website: 'Website',
  email: 'Email',
};
