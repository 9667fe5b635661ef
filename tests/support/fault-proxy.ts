// A local HTTP proxy in front of the real CMS that can misbehave on purpose: answer the
// first requests with an error, or run a hook (say, killing the CMS) at the n-th request.
import { createServer, request as httpRequest, type Server } from 'node:http';

export interface FaultProxy {
  url: string;
  /** Requests seen so far. */
  readonly count: number;
  close(): Promise<void>;
}

export interface FaultPlan {
  /** Answer this many requests with `status` before forwarding the rest. */
  failFirst?: number;
  status?: number;
  /** Called before forwarding the n-th request (1-based). */
  onRequest?: (n: number) => void | Promise<void>;
}

export const startFaultProxy = (target: string, plan: FaultPlan): Promise<FaultProxy> =>
  new Promise((resolve) => {
    let count = 0;
    const upstream = new URL(target);
    const server: Server = createServer(async (req, res) => {
      count += 1;
      await plan.onRequest?.(count);
      if (count <= (plan.failFirst ?? 0)) {
        res.writeHead(plan.status ?? 503, { 'Content-Type': 'application/json' }).end(JSON.stringify({ data: null, error: { status: plan.status ?? 503, name: 'ServiceUnavailable', message: 'injected fault' } }));
        return;
      }
      const forward = httpRequest({ hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } }, (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        get count() {
          return count;
        },
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
