// What the loopback apps share: their options, their handle, and listening on 127.0.0.1 only.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface AppOptions {
  /** The demo provider's issuer; the apps fetch its discovery document when they first need it. */
  issuer: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface RunningApp {
  origin: string;
  /** Every path requested, query included, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1 and wraps the server as a RunningApp. */
export async function listen(server: Server, port: number, hits: string[]): Promise<RunningApp> {
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () => new Promise<void>((resolveClose, reject) => {
      server.close((err) => (err ? reject(err) : resolveClose()));
      server.closeAllConnections(); // keep-alive sockets would otherwise hold close() open
    }),
  };
}
