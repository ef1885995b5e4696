/**
 * Entry of content-hook.js, the opt-in page script (world MAIN, document_start, registered per site
 * by src/background/page-script.ts). Built as a classic script with no imports (vite.config.ts).
 * The event machinery is taken now, before any page script runs, so a page that patches
 * dispatchEvent or CustomEvent later does not reach our reports.
 */
import { HOOK_EVENT } from './channel';
import { installHook } from './hook';

const dispatch = EventTarget.prototype.dispatchEvent;
const Custom = CustomEvent;
const stringify = JSON.stringify;
const apply = Reflect.apply;

installHook(window, (obs) => {
  apply(dispatch, window, [new Custom(HOOK_EVENT, { detail: stringify(obs) })]);
});
