import type { MigrationObject } from '@mikro-orm/core';
import { Migration0001AiProviders } from './0001-ai-providers';
import { Migration0002RoutingSearch } from './0002-routing-search';
import { Migration0003ProviderCredential } from './0003-provider-credential';

/** Applied in order on start. Never edit a shipped migration: add the next one. */
export const migrations: MigrationObject[] = [
  { name: '0001-ai-providers', class: Migration0001AiProviders },
  { name: '0002-routing-search', class: Migration0002RoutingSearch },
  { name: '0003-provider-credential', class: Migration0003ProviderCredential },
];
