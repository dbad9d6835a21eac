import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '@omnitron/server-kit';
import { resolveFlowReference } from './references/flow.reference';
import { CatalogResolver } from './resolvers/catalog.resolver';
import { CredentialUsageResolver } from './resolvers/credential-usage.resolver';
import { ExpressionResolver } from './resolvers/expression.resolver';
import {
  FlowConnectionResolver,
  FlowFieldsResolver,
  FlowVersionConnectionResolver,
  FlowVersionFieldsResolver,
} from './resolvers/flow-fields.resolver';
import { FlowMutationResolver } from './resolvers/flow-mutation.resolver';
import { FlowQueryResolver } from './resolvers/flow-query.resolver';
import { FlowSampleInputResolver } from './resolvers/flow-sample-input.resolver';
import { FlowSettingsResolver } from './resolvers/flow-settings.resolver';
import { TemplateResolver } from './resolvers/template.resolver';
import { TransferResolver } from './resolvers/transfer.resolver';
import { WorkspaceRef } from './types/refs.type';

export function buildFlowsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    name: 'flows',
    resolvers: [
      FlowQueryResolver,
      FlowMutationResolver,
      FlowFieldsResolver,
      FlowSettingsResolver,
      FlowSampleInputResolver,
      FlowVersionFieldsResolver,
      FlowConnectionResolver,
      FlowVersionConnectionResolver,
      CatalogResolver,
      ExpressionResolver,
      TemplateResolver,
      TransferResolver,
      CredentialUsageResolver,
    ],
    orphanedTypes: [WorkspaceRef],
    referenceResolvers: { Flow: { __resolveReference: resolveFlowReference } },
  });
}
