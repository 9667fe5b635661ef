// The pipeline's own server on 127.0.0.1:SITE_PORT: serves dist/. (Webhooks and previews
// plug in here.)
import { createServer, type Server } from 'node:http';
import { serveStatic } from './static-files.js';

export interface SiteServer {
  url: string;
  close(): Promise<void>;
}

export const startSiteServer = (outDir: string, port: number, host = '127.0.0.1'): Promise<SiteServer> =>
  new Promise((resolve, reject) => {
    const server: Server = createServer((request, response) => {
      if (!serveStatic(outDir, request, response)) {
        response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed\n');
      }
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} is taken: stop what uses it or set SITE_PORT to another port.`) : error),
    );
    server.listen(port, host, () => {
      const address = server.address();
      const actualPort = typeof address === 'object' && address ? address.port : port;
      resolve({ url: `http://${host}:${actualPort}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
