import { Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { listNodeTypes } from '@omnitron/nodes';
import { requireRole } from '@omnitron/server-kit';
import type { FlowsContext } from '../context';
import type { Flow } from '../entities/flow.entity';
import { FlowStore } from '../services/flow-store';
import { createFlowFromTemplate } from '../services/template-instantiation';
import { FLOW_TEMPLATES } from '../templates';
import { templateNeeds } from '../templates/template-needs';
import { FlowFromTemplateArgs } from '../types/flow-args';
import { FlowTemplateType } from '../types/flow-template.type';
import type { TemplateNeedType } from '../types/template-need.type';
import { FlowType } from '../types/flow.type';

@Resolver()
export class TemplateResolver {
  @Query(() => [FlowTemplateType])
  flowTemplates(@Ctx() ctx: FlowsContext): FlowTemplateType[] {
    requireRole(ctx, 'viewer', 'flows:read');
    const catalog = listNodeTypes();
    return FLOW_TEMPLATES.map((template) => {
      const { id, name, description, category, tags, sampleInput, nodes, edges } = template;
      return { id, name, description, category, tags, sampleInput, nodes, edges, needs: templateNeeds(template, catalog) as TemplateNeedType[] };
    });
  }

  /** Creates a flow (and any helper subflow it needs) from a built-in template; `name` defaults to the template's. */
  @Mutation(() => FlowType)
  async createFlowFromTemplate(@Args(() => FlowFromTemplateArgs) { templateId, name }: FlowFromTemplateArgs, @Ctx() ctx: FlowsContext): Promise<Flow> {
    const caller = requireRole(ctx, 'editor', 'flows:write');
    return createFlowFromTemplate(ctx.em, new FlowStore(ctx.em, ctx.settings, ctx.flowChanges, ctx.triggers, ctx.credentials), caller, templateId, name);
  }
}
