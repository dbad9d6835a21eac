import { z } from 'zod';
import { defineNode } from '../node-definition';
import { requireService } from '../require-service';

export const databaseQuery = defineNode({
  type: 'database.query',
  title: 'Database query',
  description: 'Runs parameterised SQL on a PostgreSQL credential; outputs {rows, rowCount}.',
  category: 'integration',
  effects: 'worker',
  icon: 'database',
  fields: {
    connection: z
      .string()
      .min(1)
      .describe('Name of a PostgreSQL credential of the workspace (or of a connection the operator lists in DATABASE_CONNECTIONS)')
      .meta({ title: 'Connection', widget: 'credential', credentialTypes: ['POSTGRES'] }),
    sql: z
      .string()
      .min(1)
      .describe('SQL with placeholders ($1, ? …); never interpolate values into it')
      .meta({ title: 'SQL', widget: 'code', language: 'sql', placeholder: 'select * from orders where id = $1' }),
    params: z
      .array(z.string())
      .default([])
      .describe('JSONata expressions, one per placeholder, in order')
      .meta({ title: 'Parameters', widget: 'list', itemWidget: 'expression' }),
  },
  inputs: ['in'],
  outputs: ['out'],
  expressionsOf: (config) => [...config.params],
  async execute(ctx) {
    const database = requireService(ctx.services, 'database', 'database.query');
    const params: unknown[] = [];
    for (const param of ctx.config.params) params.push(await ctx.expressions.evaluate(param));
    const { connection, sql } = ctx.config;
    const result = await database.query({ connection, sql, params }, ctx.signal);
    return { output: { rows: result.rows, rowCount: result.rowCount } };
  },
});
