import { describe, expect, test } from 'vitest';
import { startServer } from '../support/server.ts';

describe('npm start (src/server/main.ts)', () => {
  test('migrates, serves the built site on PORT/HOST and exits cleanly on SIGTERM', async () => {
    const server = await startServer();
    try {
      const home = await fetch(server.url + '/');
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('<html');
      expect(server.output()).toContain(`127.0.0.1:${server.port}`);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
