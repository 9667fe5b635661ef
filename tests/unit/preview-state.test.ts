// What previews keep between clicks when the CMS fails: the failure reaches the click that saw
// it, and nothing is left behind that could reject later with no one to handle it (Node stops
// the whole server on an unhandled rejection, webhooks included).
import { createServer } from 'node:net';
import { createStrapiClient } from '../../scripts/fetch/strapi-client.js';
import { newPreviewState, publishedNow } from '../../scripts/server/preview.js';

const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

test('a read of the published content that fails rejects for its click only; the kept state does not reject', async () => {
  const client = createStrapiClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, token: 'preview-test-token', retries: 0 });
  const state = newPreviewState();
  for (let click = 1; click <= 2; click += 1) {
    await expect(publishedNow(state, client)).rejects.toThrow();
    // Nothing was kept, and nothing is being read behind the click's back.
    await expect(state.published).resolves.toBeNull();
  }
});
