// Lint rules, including the walls between layers (house style 1 and 6):
//  - src/core is pure: no browser API, no DOM-only globals, no imports from other src folders;
//  - UI components (src/ui, src/panel, src/popup) never touch `browser`: only entry files and
//    src/shared/runtime-connector.ts import src/shared/browser.ts;
//  - content scripts (src/content) run inside web pages: core, shared and content only; the page script
//    (everything there but the relay) runs in the page's own world, where the extension API throws.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const notForContent = ['**/ui/*', '**/panel/*', '**/popup/*', '**/background/*', '**/devtools/*'];
const contentMessage = 'Content scripts import only from src/core, src/shared and src/content.';

const noBrowserGlobals = [
  { name: 'browser', message: 'Use a Connector (src/ui/connector.ts) or pass the API in.' },
  { name: 'chrome', message: 'Use a Connector (src/ui/connector.ts) or pass the API in.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-globals': ['error', ...noBrowserGlobals],
      // Never render server, page or user input as markup (fault-cases.md).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Grantscope renders no markup.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Grantscope renders no markup.' },
      ],
    },
  },
  {
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'src/core is pure: no browser API.' }],
          // Any relative path that reaches a folder outside src/core, from src/core or a folder inside it.
          patterns: [{ regex: String.raw`^\.\.?/(?:\.\./)*(?:background|shared|ui|panel|popup|devtools|content)(?:/|$)|^(?:\.\./){2,}(?!core)`, message: 'src/core imports only from src/core and libraries.' }],
        },
      ],
      'no-restricted-globals': ['error', ...noBrowserGlobals, 'window', 'document', 'localStorage'],
    },
  },
  {
    files: ['src/ui/**', 'src/panel/**', 'src/popup/**'],
    ignores: ['src/*/main.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'UI never touches browser: use the Connector.' }],
          patterns: [{ group: ['**/shared/browser', '**/shared/runtime-connector', '**/background/*'], message: 'UI never touches browser: use the Connector.' }],
        },
      ],
    },
  },
  {
    files: ['src/content/relay.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: notForContent, message: contentMessage }] }] },
  },
  {
    files: ['src/content/**'],
    ignores: ['src/content/relay.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'webextension-polyfill', message: 'The page script runs in the page world: no extension API.' }],
          patterns: [
            { group: notForContent, message: contentMessage },
            { group: ['**/shared/browser', '**/shared/runtime-connector'], message: 'The page script runs in the page world: no extension API.' },
          ],
        },
      ],
    },
  },
);
