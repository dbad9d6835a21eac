import { defineEntity, p } from '@mikro-orm/core';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'users',
  properties: {
    id: p.uuid().primary(),
    /** Normalised (trimmed, lower-cased); unique. */
    email: p.string().length(320).unique(),
    name: p.string().length(200),
    passwordHash: p.text().hidden(),
    /**
     * The last membership generation given to this user (see `services/membership-generations.ts`):
     * only grows, so a generation is never handed out twice for the same user and workspace.
     */
    accessGeneration: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
