/** Rules about idtoken (issue 11). Each is one entry; see types.ts for how a rule is decided. */
import type { RuleDef } from './types';

export const IDTOKEN_RULES: readonly RuleDef[] = [];
