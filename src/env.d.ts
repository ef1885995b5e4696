/** Set by vite.config.ts: true only in the test build. */
declare const __TEST__: boolean;
/** Set by vite.config.ts: true only in the deep-capture build (chrome.debugger, Chrome only). */
declare const __DEEP__: boolean;
