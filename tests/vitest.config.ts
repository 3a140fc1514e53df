/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { getViteConfig } from 'astro/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default getViteConfig(
  {
    test: {
      root,
      include: ['tests/**/*.test.ts'],
      // Server and browser tests share two cores: keep files from starving each other.
      maxWorkers: 2,
      testTimeout: 90_000,
      hookTimeout: 120_000,
      globalSetup: ['tests/support/global-setup.ts'],
      reporters: ['default', './tests/support/count-reporter.ts'],
    },
  },
  { root },
);
