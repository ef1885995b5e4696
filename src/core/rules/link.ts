/** Links to the clauses rules cite, so a finding's clause opens the spec at that section. */
export const rfc = (n: number, section?: string): string => `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`;

/** OpenID specs have named anchors, not numbered ones; the page is linked and the clause names the section. */
export const OIDC_CORE = 'https://openid.net/specs/openid-connect-core-1_0.html';
export const OIDC_DISCOVERY = 'https://openid.net/specs/openid-connect-discovery-1_0.html';
export const MULTIPLE_RESPONSE_TYPES = 'https://openid.net/specs/oauth-v2-multiple-response-types-1_0.html';
export const FORM_POST = 'https://openid.net/specs/oauth-v2-form-post-response-mode-1_0.html';
export const FAPI2 = 'https://openid.net/specs/fapi-security-profile-2_0-final.html';
export const OAUTH21 = 'https://datatracker.ietf.org/doc/html/draft-ietf-oauth-v2-1';
