// A real S3-protocol server for the deploy tests: s3rver on 127.0.0.1 (a random port, a
// temporary directory), with every request it receives recorded, and a way to take it away
// mid-deploy and bring it back on the same port and data.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export interface ObjectStore {
  endpoint: string;
  bucket: string;
  /** "METHOD /bucket/key?query" of every request, in order of arrival. */
  requests: string[];
  /** Called with each request as it arrives (e.g. to take the store away). */
  onRequest: ((request: string) => void) | null;
  /** Stops answering: refuses new connections and drops those open. */
  stop: () => Promise<void>;
  /** Answers again, on the same port, with the same objects. */
  restart: () => Promise<void>;
  /** Stops it and deletes its objects. */
  dispose: () => Promise<void>;
}

// s3rver's only account (it checks the access key id, not the V4 signature).
export const STORE_KEY = 'S3RVER';
export const STORE_SECRET = 'S3RVER';

/** The CMS's variables for media in the store's bucket (cms/src/media-storage/settings). */
export const mediaStoreEnv = (store: Pick<ObjectStore, 'endpoint' | 'bucket'>): Record<string, string> => ({
  S3_BUCKET: store.bucket,
  S3_ENDPOINT: store.endpoint,
  S3_REGION: 'us-east-1',
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: STORE_KEY,
  S3_SECRET_ACCESS_KEY: STORE_SECRET,
});

export const startObjectStore = async (bucket = 'site'): Promise<ObjectStore> => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'object-store-'));
  let port = 0;
  let server: S3rver;
  const store: ObjectStore = {
    endpoint: '',
    bucket,
    requests: [],
    onRequest: null,
    stop: async () => {
      const closed = server.close();
      server.httpServer.closeAllConnections();
      await closed;
    },
    restart: async () => {
      await listen();
    },
    dispose: async () => {
      await store.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
  const listen = async (): Promise<void> => {
    server = new S3rver({ port, address: '127.0.0.1', directory, silent: true, configureBuckets: [{ name: bucket, configs: [] }] });
    const address = await server.run();
    port = address.port;
    store.endpoint = `http://127.0.0.1:${port}`;
    server.httpServer.prependListener('request', (request) => {
      const line = `${request.method} ${request.url}`;
      store.requests.push(line);
      store.onRequest?.(line);
    });
  };
  await listen();
  return store;
};
