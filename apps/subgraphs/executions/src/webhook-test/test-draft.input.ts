import { Field, InputType } from 'type-graphql';
import { JSONScalar } from '@omnitron/schema';
import type { TestDraftInput } from './test-draft';

/** The editor's unsaved graph a test listen runs: React Flow's nodes and edges, as `FlowInput` carries them. */
@InputType('WebhookTestDraftInput')
export class WebhookTestDraftInput implements TestDraftInput {
  @Field(() => JSONScalar)
  nodes!: unknown;

  @Field(() => JSONScalar, { nullable: true })
  edges?: unknown;
}
