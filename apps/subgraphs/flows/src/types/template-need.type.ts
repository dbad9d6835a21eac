import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum TemplateNeedKind {
  AI_PROVIDER = 'AI_PROVIDER',
  CREDENTIAL = 'CREDENTIAL',
}

registerEnumType(TemplateNeedKind, {
  name: 'TemplateNeedKind',
  description: 'AI_PROVIDER: an AI provider set up for the workspace; CREDENTIAL: a workspace credential a node names.',
});

/** Something a template's flow needs set up outside it before it runs, derived from the node catalog. */
@ObjectType('TemplateNeed')
export class TemplateNeedType {
  @Field(() => TemplateNeedKind)
  kind!: TemplateNeedKind;

  /** The template node that needs it. */
  @Field(() => String)
  nodeId!: string;

  @Field(() => String)
  nodeType!: string;

  /** For CREDENTIAL: the node's config field that names the credential. */
  @Field(() => String, { nullable: true })
  field!: string | null;

  /** For CREDENTIAL: the credential types the field accepts. */
  @Field(() => [String])
  credentialTypes!: string[];
}
