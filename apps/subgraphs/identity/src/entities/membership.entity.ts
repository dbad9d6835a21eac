import { defineEntity, p } from '@mikro-orm/core';
import type { Role } from '@omnitron/server-kit';

/** A user's role in a workspace; unique per (workspace, user). */
export const MembershipSchema = defineEntity({
  name: 'Membership',
  tableName: 'memberships',
  properties: {
    id: p.uuid().primary(),
    workspaceId: p.uuid(),
    userId: p.uuid(),
    role: p.string().length(16).$type<Role>(),
    /** Given with `role` and carried by every access token issued from it (`gen`); see `services/membership-generations.ts`. */
    generation: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Membership extends MembershipSchema.class {}
MembershipSchema.setClass(Membership);
