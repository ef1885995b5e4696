/**
 * HS* ID tokens (OIDC Core 10.1: keyed by the UTF-8 octets of the client_secret), with real tokens made
 * by jose: verified only for a confidential client whose provider advertises the alg; otherwise a
 * plain "could not verify" saying why - never "invalid signature" - and never the secret in a message.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { hmacAlgOf, verifyHmacIdToken, type HmacContext } from './id-token-hmac';

const SECRET = 'sëcret-of-the-app-0123456789abcdef'; // non-ASCII: the key is the UTF-8 octets
const sign = (alg: string, secret = SECRET) => new SignJWT({ iss: 'https://idp.example', sub: 'alice', aud: 'app' }).setProtectedHeader({ alg }).sign(new TextEncoder().encode(secret));
const base: HmacContext = { recorded: false, authMethod: 'client_secret_basic', clientSecret: SECRET, advertised: ['RS256', 'HS256'] };

describe('verifyHmacIdToken', () => {
  const table: { name: string; ctx: Partial<HmacContext>; token?: () => Promise<string>; status: string; message: RegExp }[] = [
    { name: 'confidential client, HS256 advertised: verified with the client secret', ctx: {}, status: 'verified', message: /verified with the client secret \(HS256\)/ },
    { name: 'client_secret_post and client_secret_jwt are confidential too', ctx: { authMethod: 'client_secret_post' }, status: 'verified', message: /verified/ },
    { name: 'client_secret_jwt', ctx: { authMethod: 'client_secret_jwt' }, status: 'verified', message: /verified/ },
    { name: 'signed with another secret: a bad signature', ctx: {}, token: () => sign('HS256', 'another-secret-entirely-0123456789'), status: 'bad-signature', message: /Bad signature: the client secret \(HS256\)/ },
    { name: 'public client (none): not verified, says why', ctx: { authMethod: 'none', clientSecret: undefined }, status: 'keys-unreachable', message: /shared secret \(HS256\): Grantscope verifies it only for a confidential client whose provider advertises HS256/ },
    { name: 'private_key_jwt holds no shared secret', ctx: { authMethod: 'private_key_jwt' }, status: 'keys-unreachable', message: /only for a confidential client/ },
    { name: 'secret method but no secret kept', ctx: { clientSecret: undefined }, status: 'keys-unreachable', message: /only for a confidential client/ },
    { name: 'provider does not advertise HS256', ctx: { advertised: ['RS256'] }, status: 'keys-unreachable', message: /provider advertises HS256/ },
    { name: 'no discovery behind the metadata', ctx: { advertised: undefined }, status: 'keys-unreachable', message: /provider advertises HS256/ },
    { name: 'HS384 advertised only as HS256', ctx: {}, token: () => sign('HS384'), status: 'keys-unreachable', message: /\(HS384\).*advertises HS384/ },
    { name: 'recorded flow: the app\'s secret is not known', ctx: { recorded: true, clientSecret: undefined }, status: 'keys-unreachable', message: /could not verify \(shared-secret signature; the app's secret is not known\)/i },
  ];
  for (const t of table) {
    it(t.name, async () => {
      const token = await (t.token ?? (() => sign('HS256')))();
      const v = await verifyHmacIdToken(token, hmacAlgOf(token)!, { ...base, ...t.ctx });
      expect(v.status).toBe(t.status);
      expect(v.message).toMatch(t.message);
      expect(v.keySource).toBe('the client secret');
      expect(JSON.stringify(v)).not.toContain(SECRET);
    });
  }

  it('hmacAlgOf: HS* only', async () => {
    expect(hmacAlgOf(await sign('HS512'))).toBe('HS512');
    expect(hmacAlgOf('eyJhbGciOiJSUzI1NiJ9.e30.x')).toBeUndefined();
    expect(hmacAlgOf('not a token')).toBeUndefined();
  });
});
