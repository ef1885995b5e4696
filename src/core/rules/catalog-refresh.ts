/** Rules about refresh (issue 11). Each is one entry; see types.ts for how a rule is decided. */
import type { RuleDef } from './types';

export const REFRESH_RULES: readonly RuleDef[] = [];
