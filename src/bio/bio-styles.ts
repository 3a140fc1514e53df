// The bio page's stylesheet, minified once when the module loads: the page is rendered per
// request and inlines it, so the whitespace and comments are stripped at start-up, not per view.
import css from './bio.css?raw';

export const BIO_STYLES = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').trim();
