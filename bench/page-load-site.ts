/**
 * The page the page-load benchmark loads: an ordinary site with no OAuth in it, 300 subresources of a
 * realistic mix (images, stylesheets, classic and deferred scripts), each its own URL and small, served
 * with `Cache-Control: no-store` from a loopback node:http server. The URLs stay clear of the words the
 * recorder's prefilter looks for (src/core/capture/prefilter.ts), as almost every page's do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, deflateSync } from 'node:zlib';

export const MIX = { images: 180, stylesheets: 60, scripts: 60 } as const;
export const SUBRESOURCES = MIX.images + MIX.stylesheets + MIX.scripts;
/** Scripts that block the parser, in <head> as older sites have them; the rest are deferred. */
const BLOCKING_SCRIPTS = 10;

export interface Site {
  /** The page for run `run`: every subresource URL carries the run, so no two runs share one. */
  pageUrl(run: number): string;
  /** Subresource requests answered so far. */
  served(): number;
  close(): Promise<void>;
}

const pad = (i: number) => String(i).padStart(3, '0');

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 24x24 RGB PNG of one colour per index (about 100 bytes: icons and thumbnails are that small or more). */
function png(i: number): Buffer {
  const size = 24;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.alloc(1 + size * 3);
  for (let x = 0; x < size; x++) row.set([(i * 37) % 256, (i * 91 + x) % 256, (i * 13) % 256], 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** About 1 KB of rules per stylesheet. */
const css = (i: number) => Array.from({ length: 12 }, (_, k) =>
  `.s${pad(i)}-${k} { margin: ${k}px ${i % 7}px; padding: ${k % 4}px; color: rgb(${i % 256}, ${(k * 20) % 256}, 80); border-radius: ${k % 5}px; }`).join('\n');

/** A small module-free script that does a little work, as analytics and widget snippets do. */
const js = (i: number) => `(function () {
  var list = [];
  for (var k = 0; k < 200; k++) list.push((k * ${i + 1}) % 97);
  window.__bench = (window.__bench || 0) + list.reduce(function (a, b) { return a + b; }, 0);
  document.documentElement.setAttribute('data-s${pad(i)}', String(list.length));
})();\n`;

function page(run: number): string {
  const q = `?r=${run}`;
  const head: string[] = [];
  for (let i = 0; i < MIX.stylesheets; i++) head.push(`<link rel="stylesheet" href="/static/css/style-${pad(i)}.css${q}">`);
  for (let i = 0; i < MIX.scripts; i++) {
    head.push(`<script src="/static/js/lib-${pad(i)}.js${q}"${i < BLOCKING_SCRIPTS ? '' : ' defer'}></script>`);
  }
  const body: string[] = [];
  for (let i = 0; i < MIX.images; i++) {
    body.push(`<figure><img src="/static/img/photo-${pad(i)}.png${q}" width="24" height="24" alt="Item ${i}"><figcaption>Item ${i}</figcaption></figure>`);
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Catalogue, run ${run}</title>
${head.join('\n')}
</head><body><h1>Catalogue</h1><main>
${body.join('\n')}
</main></body></html>`;
}

/** `latencyMs`: each answer waits this long first, as a real network adds a round trip per request. */
export async function startSite(latencyMs = 0): Promise<Site> {
  const images = Array.from({ length: MIX.images }, (_, i) => png(i));
  const styles = Array.from({ length: MIX.stylesheets }, (_, i) => Buffer.from(css(i)));
  const scripts = Array.from({ length: MIX.scripts }, (_, i) => Buffer.from(js(i)));
  const types = { img: 'image/png', css: 'text/css', js: 'text/javascript' } as const;
  const bodies = { img: images, css: styles, js: scripts } as const;
  let served = 0;
  const server = createServer((req, res) => (latencyMs > 0 ? setTimeout(() => answer(req, res), latencyMs) : answer(req, res)));
  const answer = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    const headers = { 'cache-control': 'no-store' };
    if (url.pathname === '/catalogue') {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(page(Number(url.searchParams.get('r'))));
      return;
    }
    const m = /^\/static\/(img|css|js)\/[a-z]+-(\d{3})\.(?:png|css|js)$/.exec(url.pathname);
    const body = m ? bodies[m[1] as keyof typeof bodies][Number(m[2])] : undefined;
    if (!m || !body) {
      res.writeHead(404, headers).end();
      return;
    }
    served += 1;
    res.writeHead(200, { ...headers, 'content-type': types[m[1] as keyof typeof types], 'content-length': body.length }).end(body);
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: (run) => `http://127.0.0.1:${port}/catalogue?r=${run}`,
    served: () => served,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
