import { defineEntity, p } from '@mikro-orm/core';

export const WorkspaceSchema = defineEntity({
  name: 'Workspace',
  tableName: 'workspaces',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(200),
    /** Created with the account by `register`; `createWorkspace` makes shared ones. */
    personal: p.boolean(),
    /** The user whose personal workspace this is: never removed from it, never demoted in it. Null when shared. */
    personalOwnerId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class Workspace extends WorkspaceSchema.class {}
WorkspaceSchema.setClass(Workspace);
