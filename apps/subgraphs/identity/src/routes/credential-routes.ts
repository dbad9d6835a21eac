import type { MikroORM } from '@mikro-orm/core';
import { ErrorCode, OmnitronError, notFound, unauthenticated } from '@omnitron/schema';
import {
  CREDENTIAL_LOOKUP_PATH,
  CREDENTIAL_RESOLVE_PATH,
  credentialLookupRequestSchema,
  credentialResolveRequestSchema,
  gatewayRequestOf,
  parseJsonBody,
  readBody,
  sendJson,
  type Route,
  type SubgraphDeps,
} from '@omnitron/server-kit';
import type { z } from 'zod';
import { UndecryptableCredential } from '../services/credential-store';
import { identityServicesOf } from '../services/identity-services';

/**
 * `POST /internal/credentials/resolve {name}` -> `{credential}` (fields decrypted) and
 * `POST /internal/credentials/lookup {names}` -> `{types}`: how the worker, intelligence and flows
 * reach a workspace's credentials. Only requests signed with the internal key (route-bound, so a
 * signature the gateway made for /graphql does not open them), or made in process by a role hosted
 * beside identity (`gatewayRequestOf`), are answered, and only about the caller's workspace:
 * another workspace's credential answers like a missing one.
 */
export function credentialRoutes(orm: MikroORM, deps: SubgraphDeps): Route[] {
  const workspaceOf = (req: Parameters<Route['handler']>[0]['req'], url: URL): string => {
    const { caller } = gatewayRequestOf(req, url, deps.signingKey, deps.config.SIGNATURE_MAX_AGE_MS);
    if (!caller) throw unauthenticated('A run or subgraph caller is required');
    return caller.workspaceId;
  };
  const bodyOf = async <S extends z.ZodType>(schema: S, req: Parameters<Route['handler']>[0]['req'], shape: string): Promise<z.infer<S>> => {
    const parsed = schema.safeParse(parseJsonBody(await readBody(req, 64 * 1024)));
    if (!parsed.success) throw new OmnitronError(ErrorCode.VALIDATION_FAILED, `Body must be ${shape}`);
    return parsed.data;
  };
  return [
    {
      method: 'POST',
      path: CREDENTIAL_RESOLVE_PATH,
      handler: async ({ req, res, url }) => {
        const workspaceId = workspaceOf(req, url);
        const { name } = await bodyOf(credentialResolveRequestSchema, req, '{"name": "<credential name>"}');
        let credential;
        try {
          credential = await identityServicesOf(orm).credentials.resolve(orm.em.fork(), workspaceId, name);
        } catch (error) {
          // The row exists but no configured key opens it; say so without any detail of the crypto.
          if (error instanceof UndecryptableCredential) throw new OmnitronError(ErrorCode.INTERNAL, error.message, { reason: 'UNDECRYPTABLE' });
          throw error;
        }
        if (!credential) throw notFound('Credential');
        sendJson(res, 200, { credential }, { 'cache-control': 'no-store' });
      },
    },
    {
      method: 'POST',
      path: CREDENTIAL_LOOKUP_PATH,
      handler: async ({ req, res, url }) => {
        const workspaceId = workspaceOf(req, url);
        const { names } = await bodyOf(credentialLookupRequestSchema, req, '{"names": ["<credential name>", ...]}');
        const types = await identityServicesOf(orm).credentials.typesOf(orm.em.fork(), workspaceId, names);
        sendJson(res, 200, { types }, { 'cache-control': 'no-store' });
      },
    },
  ];
}
