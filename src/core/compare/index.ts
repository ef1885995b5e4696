/** The comparison core (issue 12): compare two flows, diff tokens, relaunch a recorded flow, search text. */
export { compareFlows, rowOf, type CompareOptions } from './compare';
export { claimRows, claimState } from './claims';
export { flowSearchText, SEARCH_TEXT_MAX } from './search-text';
export { relaunchFromRecorded, togglesOf, withToggles, type Relaunch, type RelaunchToggles } from './relaunch';
export { diffTokens, refreshDiff, type RefreshDiff, type TokenDiff, type TokenKind } from './token-diff';
export { type Comparison, type FlowRef, type Group, type GroupKey, NONE, onlyDifferences, type Row, type Varies } from './types';
export { frontChannelType, previousRun, runBothPlan, type RunBothPlan } from './run-both';
