/** Set by vite.config.ts: true only in the test build. */
declare const __TEST__: boolean;
