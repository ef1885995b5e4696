import { describe, expect, it } from 'vitest';
import { bodyMightBeOAuth, mightBeOAuth, urlMightBeOAuth } from './prefilter';
import { discoveryEndpoints } from './recognise';
import { DEMO_DISCOVERY, DEMO_ROWS, obs } from './recognise.fixtures';
import { PROVIDER_ROWS } from './recognise-providers.fixtures';

describe('mightBeOAuth', () => {
  // A false negative here loses a step before the recogniser sees it.
  it.each([...DEMO_ROWS, ...PROVIDER_ROWS].map((r) => [r.name, r] as const))('lets through every recognised row: %s', (_name, row) => {
    expect(mightBeOAuth(row.req, row.known)).toBe(true);
  });

  it('lets through an endpoint only discovery names', () => {
    const req = obs('GET', 'http://127.0.0.1:9400/me');
    expect(mightBeOAuth(req)).toBe(false);
    expect(mightBeOAuth(req, discoveryEndpoints(DEMO_DISCOVERY))).toBe(true);
    expect(mightBeOAuth(obs('GET', 'http://127.0.0.1:9400/me?x=1#y'), discoveryEndpoints(DEMO_DISCOVERY))).toBe(true);
  });

  it.each([
    ['a page', 'GET', 'https://www.example.com/about'],
    ['a stylesheet', 'GET', 'https://www.example.com/assets/app.3f2a1c.css'],
    ['a script bundle', 'GET', 'https://www.example.com/_next/static/chunks/main-6a1b2c3d.js'],
    ['Google Tag Manager', 'GET', 'https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ'],
    ['a web font', 'GET', 'https://fonts.gstatic.com/s/roboto/v30/KFOmCnqEu92Fr1Mu4mxK.woff2'],
    ['Google Fonts CSS', 'GET', 'https://fonts.googleapis.com/css2?family=Inter:wght@400;600&display=swap'],
    ['an image', 'GET', 'https://images.example-cdn.com/photos/1600/hero.jpg?w=1200&q=80&fm=webp'],
    ['a video segment', 'GET', 'https://rr3---sn-a5mekn6s.googlevideo.com/videoplayback?expire=1795700000&itag=243&range=0-1000'],
    ['GA4 collect, an OAuth callback URL encoded inside', 'POST', 'https://www.google-analytics.com/g/collect?v=2&tid=G-ABC123XYZ&cid=1234.5678&dl=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3Dabc%26state%3Dxyz&en=page_view'],
    ['a JSON API read', 'GET', 'https://api.example.com/v1/orders?page=2&sort=desc'],
    ['a favicon', 'GET', 'https://www.example.com/favicon.ico'],
  ])('passes over %s', (_what, method, url) => {
    expect(mightBeOAuth(obs(method, url, { frame: 'other' }))).toBe(false);
  });

  it.each([
    ['Segment track', '{"event":"Signed In","properties":{"method":"google"},"userId":"u_1","type":"track"}'],
    ['Sentry envelope', '{"event_id":"9ec79c33ec9942ab8353589fcb2e04dc","sent_at":"2026-11-15T10:00:00.000Z"}\n{"type":"session"}\n{"sid":"1","status":"ok"}'],
    ['a search form', 'q=oauth+tutorial&lang=en'],
  ])('passes over a POST body: %s', (_what, bodyText) => {
    expect(mightBeOAuth(obs('POST', 'https://api.example.com/v1/events', { frame: 'fetch', bodyText }))).toBe(false);
  });
});

describe('urlMightBeOAuth and bodyMightBeOAuth', () => {
  it.each([
    ['https://as.example/authorize?response_type=code&client_id=c', true],
    ['https://app.example.com/#access_token=a&token_type=Bearer', true],
    ['https://as.example/.well-known/oauth-authorization-server/tenant', true],
    ['https://app.example.com/cb?Code=a', true],
    ['https://app.example.com/zipcode=1', false],
  ])('%s -> %s', (url, want) => {
    expect(urlMightBeOAuth(url)).toBe(want);
  });

  it.each([
    [{ form: { grant_type: ['client_credentials'] } }, true],
    [{ form: { user_code: ['GLCD-CCNV'] } }, false],
    [{ bodyText: 'token=abc&token_type_hint=access_token' }, true],
    [{ bodyText: '{"grant_type":"password"}' }, true],
    [{ bodyText: 'mytoken=abc' }, false],
    [{}, false],
  ])('%j -> %s', (body, want) => {
    expect(bodyMightBeOAuth(body)).toBe(want);
  });
});

describe('prefilter on hostile sizes', () => {
  it('looks at the head of a huge URL, form or body only, and quickly', () => {
    const t = performance.now();
    expect(mightBeOAuth({ url: `https://a.example/${'x'.repeat(2_000_000)}?code=1`, method: 'GET' })).toBe(false);
    expect(mightBeOAuth({ url: `https://a.example/cb?code=1${'x'.repeat(2_000_000)}`, method: 'GET' })).toBe(true);
    const form: Record<string, string[]> = {};
    for (let i = 0; i < 100_000; i++) form[`f${i}`] = ['v'];
    form.grant_type = ['x'];
    expect(mightBeOAuth({ url: 'https://a.example/x', method: 'POST', form })).toBe(false);
    expect(mightBeOAuth({ url: 'https://a.example/x', method: 'POST', form: { [`${'g'.repeat(1_000_000)}`]: ['x'], grant_type: ['y'] } })).toBe(true);
    expect(performance.now() - t).toBeLessThan(1000);
  });
});
