/**
 * The loopback single-page app's server: static files from test/apps/spa/ plus /config.json (issuer and
 * client_id). All OAuth work happens in the browser (spa/app.js). The server sees a code only as the query
 * of /callback.html after a full-page login (recorded in `hits`) and never redeems it; tokens never reach it.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { SPA_CLIENT_ID } from '../provider/demo-provider';
import { listen, type AppOptions, type RunningApp } from './listen';

const FILES_DIR = resolve(import.meta.dirname, 'spa');

/** Path → file. /callback.html is the app page itself (the full-page login's redirect_uri), as an SPA route. */
const ROUTES: Record<string, [file: string, type: string]> = {
  '/': ['index.html', 'text/html; charset=utf-8'],
  '/index.html': ['index.html', 'text/html; charset=utf-8'],
  '/callback.html': ['index.html', 'text/html; charset=utf-8'],
  '/popup-callback.html': ['popup-callback.html', 'text/html; charset=utf-8'],
  '/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/popup-callback.js': ['popup-callback.js', 'text/javascript; charset=utf-8'],
  '/style.css': ['style.css', 'text/css; charset=utf-8'],
};

export async function startSpa(opts: AppOptions & { clientId?: string }): Promise<RunningApp> {
  const issuer = opts.issuer.replace(/\/$/, '');
  const config = JSON.stringify({ issuer, clientId: opts.clientId ?? SPA_CLIENT_ID });
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    const path = url.split('?')[0] ?? '/';
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/favicon.ico') {
      res.writeHead(204, headers).end(); // no icon, and no 404 in the console either
      return;
    }
    if (path === '/config.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(config);
      return;
    }
    const route = ROUTES[path];
    if (!route) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    readFile(resolve(FILES_DIR, route[0])).then(
      (body) => res.writeHead(200, { ...headers, 'content-type': route[1] }).end(body),
      () => res.writeHead(500, headers).end(),
    );
  });
  return listen(server, opts.port ?? 0, hits);
}
