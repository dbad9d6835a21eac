import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { requireRole } from '@omnitron/server-kit';
import type { IntelligenceContext } from '../context';
import { AiCallAttempt } from '../entities/ai-call-attempt.entity';
import { generateRequestSchema, parseInput } from '../services/provider-input';
import { AiCallAttemptType, GeneratedTextType, GenerateTextInput } from '../types/generate.type';

const MAX_ATTEMPTS_PAGE = 200;

@Resolver()
export class GenerateResolver {
  /** A routed generation, the same as the `ai.generate` node gets through `/internal/ai/generate`. */
  @Mutation(() => GeneratedTextType)
  async generateText(@Arg('input', () => GenerateTextInput) input: GenerateTextInput, @Ctx() ctx: IntelligenceContext): Promise<GeneratedTextType> {
    const caller = requireRole(ctx, 'editor', 'ai:write');
    const request = parseInput(generateRequestSchema, Object.fromEntries(Object.entries({ ...input }).filter(([, v]) => v !== null && v !== undefined)));
    return ctx.services.router.generate(caller.workspaceId, request);
  }

  /** Recent provider attempts of the workspace, newest first. */
  @Query(() => [AiCallAttemptType])
  async aiCallAttempts(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('provider', () => String, { nullable: true }) provider: string | null,
    @Arg('taskType', () => String, { nullable: true }) taskType: string | null,
    @Ctx() ctx: IntelligenceContext,
  ): Promise<AiCallAttemptType[]> {
    const caller = requireRole(ctx, 'viewer', 'ai:read');
    await ctx.services.recorder.flush();
    const where = { workspaceId: caller.workspaceId, ...(provider ? { provider } : {}), ...(taskType ? { taskType } : {}) };
    const limit = Math.min(Math.max(first ?? 50, 1), MAX_ATTEMPTS_PAGE);
    const rows = await ctx.em.find(AiCallAttempt, where, { orderBy: { at: 'desc' }, limit });
    return rows.map((row) => ({ ...row, errorCode: row.errorCode ?? null }));
  }
}
