/**
 * The recorder's limit on new flows per site (src/core/capture/site-rate.ts, fault case 34): one per
 * worker, in memory (a restarted worker starts afresh, which only lets a site start more flows),
 * consulted by record() before a new flow is stored, cleared with the recorded flows.
 */
import { siteRate } from '../core/capture/site-rate';

export const siteLimit = siteRate();
