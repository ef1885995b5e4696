/**
 * The authorization response in response_mode=form_post (OAuth 2.0 Form Post Response Mode 2): the
 * provider's page auto-submits an HTML form to the redirect_uri, so the parameters come as an
 * application/x-www-form-urlencoded POST body. What the browser's webRequest shows of that body is
 * read here into the same CallbackParams as a redirect URL (callback.ts), so the same checks apply.
 */
import type { CallbackParams } from './callback';
import { fail, ok, type Result } from './result';

/**
 * What a browser's urlencoded form serialiser emits (HTML "application/x-www-form-urlencoded
 * serializer"): letters, digits, *-._, '+' for a space, %XX escapes, '=' and '&'. Anything else
 * means the body is multipart or text/plain, not a form post answer.
 */
const FORM_BODY = /^[A-Za-z0-9*\-._+%=&~!'()]*$/;

/**
 * Chrome's webRequest requestBody.formData is `{ name: string[] }`, decoded, in body order; Firefox
 * gives the same shape. When the browser could not parse the body, `raw` is its decoded text. A
 * name sent twice is a duplicate (RFC 6749 3.1); the first value is the one kept, as callback.ts does.
 */
export function parseFormPostBody(formData: Record<string, string[]> | undefined, raw?: string): Result<CallbackParams> {
  let entries: [string, string][];
  if (formData !== undefined) {
    if (typeof formData !== 'object' || formData === null || Array.isArray(formData)) {
      return fail('bad-form', 'the form data is not a name-to-values map');
    }
    entries = [];
    for (const [name, values] of Object.entries(formData)) {
      if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
        return fail('bad-form', `the form field ${name.slice(0, 40)} does not hold text values`);
      }
      for (const v of values) entries.push([name, v]);
    }
  } else if (raw !== undefined) {
    const body = raw.trim();
    if (!FORM_BODY.test(body)) return fail('not-form-urlencoded', 'the POST body is not application/x-www-form-urlencoded (Form Post Response Mode 2)');
    entries = [...new URLSearchParams(body)];
  } else {
    return fail('no-body', 'the POST to the redirect URI carried no body the browser could read');
  }

  const params: Record<string, string> = {};
  const duplicates = new Set<string>(); // not an array's includes: quadratic on a hostile body
  for (const [name, value] of entries) {
    if (Object.hasOwn(params, name)) {
      duplicates.add(name);
      continue;
    }
    params[name] = value;
  }
  // 'none' as for a URL with no parameters, so classifyCallback says "no parameters at all".
  return ok({ params, source: entries.length > 0 ? 'form_post' : 'none', duplicates: [...duplicates] });
}
