/**
 * The runner's small services for its workers (the pacer, the token broker): an HTTP server on
 * 127.0.0.1 at a free port, JSON answers on connections that are not kept alive, and bodies read with
 * a size cap.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One connection per request: a kept-alive socket closed by the server just as a worker reuses it would
 * fail the request. no-store: nothing of what these services answer is to be kept.
 */
export const JSON_HEADERS = { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' };

export interface LoopbackServer {
  url: string;
  /** stops listening and drops open connections (a waiting worker sees its connection close) */
  close(): Promise<void>;
}

export async function listenOnLoopback(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<LoopbackServer> {
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, JSON_HEADERS);
  res.end(JSON.stringify(body));
}

/** The request body as text; throws past 4 kB. */
export async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 4096) throw new Error('body too large');
  }
  return text;
}
