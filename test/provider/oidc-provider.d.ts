// oidc-provider 9 ships plain JavaScript without type declarations, and @types/oidc-provider is not
// installed. This ambient declaration covers only what the demo provider uses; extend it when you
// need more. (No top-level import/export: it must stay a global script for `declare module` to apply.)
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** The configuration object is large and loosely shaped; we type our own pieces in demo-provider.ts. */
  export type Configuration = Record<string, unknown>;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** Koa's request listener (Provider extends Koa). */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
    readonly Client: {
      /** Client metadata validator; invalidate(message, code) throws InvalidClientMetadata. */
      Schema: { prototype: { invalidate(message: string, code?: string): void } };
    };
  }

  export namespace errors {
    class OIDCProviderError extends Error {
      constructor(description?: string);
      error: string;
      error_description?: string;
    }
    class InvalidTarget extends OIDCProviderError {}
  }

  export default Provider;
}
