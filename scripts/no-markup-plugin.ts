/**
 * Removes Preact's one markup sink (dangerouslySetInnerHTML -> element.innerHTML) from the bundle.
 *
 * Grantscope shows what servers and pages send it, and must never render that as markup. Our code
 * never uses dangerouslySetInnerHTML (ESLint forbids it); this makes the rule hold for the library too,
 * and keeps Mozilla's linter (web-ext lint: UNSAFE_VAR_ASSIGNMENT) clean. Should Preact change the
 * shape of that code, the build fails here instead of silently keeping the sink.
 */
import type { Plugin } from 'vite';

const SINK = /\((\w+)\.innerHTML=(\w+)\.__html\)/g;
const REPLACEMENT = '(()=>{throw new Error("Grantscope renders no markup: dangerouslySetInnerHTML is disabled")})()';

export function noMarkupPlugin(): Plugin {
  return {
    name: 'grantscope-no-markup',
    transform(code, id) {
      if (!/[\\/]preact[\\/]dist[\\/]preact\.mjs$/.test(id)) return null;
      const found = code.match(SINK)?.length ?? 0;
      if (found !== 1) {
        throw new Error(`grantscope-no-markup: expected one innerHTML sink in ${id}, found ${found}; update scripts/no-markup-plugin.ts`);
      }
      return { code: code.replace(SINK, REPLACEMENT), map: null };
    },
  };
}
