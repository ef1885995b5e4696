/**
 * Every rule Grantscope judges, in the order a flow runs (request, callback, token answer, ID token,
 * refresh and active tests, then the stricter sets' own rules). Each concern keeps its rules in its
 * own file; this is the one list the engine, the panel and the tests read.
 */
import { CALLBACK_RULES } from './catalog-callback';
import { EXPECT_RULES } from './catalog-expect';
import { IDTOKEN_RULES } from './catalog-idtoken';
import { REFRESH_RULES } from './catalog-refresh';
import { REQUEST_RULES } from './catalog-request';
import { SETS_RULES } from './catalog-sets';
import { TOKEN_RULES } from './catalog-token';
import type { RuleDef } from './types';

export const CATALOG: readonly RuleDef[] = [...REQUEST_RULES, ...CALLBACK_RULES, ...TOKEN_RULES, ...IDTOKEN_RULES, ...REFRESH_RULES, ...SETS_RULES, ...EXPECT_RULES];

/**
 * Raised whenever a judge changes what it decides without the catalog's ids, severities or sets
 * changing (the stored list-row verdicts are fingerprinted with both, src/core/capture/flow-index.ts,
 * so a list row never disagrees with the detail after an update). 2: the false alarms fixed in the
 * rules review (state/nonce of 16 random bytes, n/a after a failed flow's end, observed rotation).
 */
export const JUDGES_REVISION = 2;

const BY_ID = new Map(CATALOG.map((r) => [r.id, r]));

export const ruleById = (id: string): RuleDef | undefined => BY_ID.get(id);
