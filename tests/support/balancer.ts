// A load balancer for the topology test, in place of the recipe's Caddy: each request to the
// next upstream in turn (round robin), streamed both ways, with a count per upstream so a test
// can tell that both instances answered.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** Requests sent to each upstream, in the order the upstreams were given. */
  served: number[];
  close: () => Promise<void>;
}

export const startBalancer = async (upstreams: readonly string[]): Promise<Balancer> => {
  const served = upstreams.map(() => 0);
  let next = 0;
  const server = http.createServer((request, response) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    served[index] = (served[index] ?? 0) + 1;
    const upstream = new URL(request.url ?? '/', upstreams[index]);
    const forwarded = http.request(upstream, { method: request.method, headers: { ...request.headers, host: upstream.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forwarded.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
      response.end(`The balancer could not reach ${upstream.origin}: ${error.message}`);
    });
    request.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
