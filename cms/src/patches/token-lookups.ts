// Every content-API request with a token looks the token up again: four queries (the token,
// its permissions, and two relations only admin tokens use) and a permission ability built
// from its actions. Measured here that was 1.25 ms of the CMS's time per request, a third of
// what a page of one document costs, and the build sends dozens of requests with the same
// token. So the lookup and the ability are kept, by the hash of the key and by the list of
// actions, until a token or a token permission is written (created, changed, regenerated,
// revoked) or 10 s pass, whichever is first (see utils/kept-until-change). A token revoked in
// this CMS is refused from its next request; one revoked through another instance sharing the
// database, within 10 s.
//
// Only what Strapi's own strategy would compute is kept: the expiry is still checked on every
// request (by the strategy, from the kept expiresAt), a key that matches no token is looked up
// every time, admin tokens and lookups with options are not kept at all, and each request gets
// its own copy of the token, so nothing a request does to it reaches the next one.
import type { Core } from '@strapi/strapi';
import { keepReadsUntilChange } from '../utils/kept-until-change';

const TOKEN_MODELS = ['admin::api-token', 'admin::api-token-permission'];
const TOKEN_LOOKUP_TTL_MS = 10_000;
// Keys are hashes of what clients send, so they are bounded; the CMS has a handful of tokens.
const MAX_KEPT = 64;

interface StoredToken {
  kind?: unknown;
}

interface TokenLookup {
  getByAccessKey(accessKeyHash: string, options?: unknown): Promise<StoredToken | null | undefined>;
}

interface AbilityEngine {
  generateAbility(permissions: unknown[], options?: unknown): Promise<unknown>;
}

/** The actions of a list of `{ action }` permissions, or null if any permission holds more. */
const plainActions = (permissions: unknown[]): string[] | null => {
  const actions: string[] = [];
  for (const permission of permissions) {
    if (typeof permission !== 'object' || permission === null) return null;
    const keys = Object.keys(permission);
    const { action } = permission as { action?: unknown };
    if (keys.length !== 1 || typeof action !== 'string') return null;
    actions.push(action);
  }
  return actions;
};

export const keepTokenLookups = (strapi: Core.Strapi): void => {
  const tokens = strapi.service('admin::api-token-content-api') as unknown as TokenLookup;
  const keptTokens = keepReadsUntilChange<StoredToken>(strapi, { models: TOKEN_MODELS, ttlMs: TOKEN_LOOKUP_TTL_MS, maxEntries: MAX_KEPT });
  const lookUp = tokens.getByAccessKey.bind(tokens);
  tokens.getByAccessKey = async (accessKeyHash, options) => {
    if (options !== undefined) return lookUp(accessKeyHash, options);
    let found: StoredToken | null | undefined = null;
    const kept = await keptTokens.get(accessKeyHash, async () => {
      found = await lookUp(accessKeyHash);
      return found?.kind === 'content-api' ? found : null;
    });
    return kept ? structuredClone(kept) : found;
  };

  // An ability built from the same actions is the same ability: content-API permissions carry
  // no conditions, and the engine's hooks are registered once, at startup. Strapi only reads
  // an ability (ability.can), so one is shared by the requests of a token.
  const engine = strapi.contentAPI.permissions.engine as unknown as AbilityEngine;
  const keptAbilities = keepReadsUntilChange<unknown>(strapi, { models: TOKEN_MODELS, ttlMs: TOKEN_LOOKUP_TTL_MS, maxEntries: MAX_KEPT });
  const generate = engine.generateAbility.bind(engine);
  engine.generateAbility = (permissions, options) => {
    const actions = options === undefined ? plainActions(permissions) : null;
    if (actions === null) return generate(permissions, options);
    return keptAbilities.get(JSON.stringify(actions), () => generate(permissions));
  };
};
