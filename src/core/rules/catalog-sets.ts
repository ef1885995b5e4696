/** Rules about sets (issue 11). Each is one entry; see types.ts for how a rule is decided. */
import type { RuleDef } from './types';

export const SETS_RULES: readonly RuleDef[] = [];
