import type { Settings } from '../platform/settings.ts';

/** What `npm run email` hands each of its subcommands (preview, test, send, resume, status). */
export interface CliContext {
  settings: Settings;
  contentDir: string;
  dataDir: string;
  options: { to?: string; yes: boolean; rate: number; batchSize: number };
}
