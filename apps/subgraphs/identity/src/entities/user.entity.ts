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
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class User extends UserSchema.class {}
UserSchema.setClass(User);
