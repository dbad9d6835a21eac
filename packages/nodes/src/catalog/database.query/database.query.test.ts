import { describe, expect, it } from 'vitest';
import { runFlow } from '../../engine/run-flow';
import { edge, flowOf, node, trigger } from '../../test-support/flow-builder';
import type { DatabaseQueryRequest } from '../../types';

describe('database.query', () => {
  it('passes the SQL untouched and the evaluated params separately', async () => {
    const queries: DatabaseQueryRequest[] = [];
    const flow = flowOf(
      [
        trigger(),
        node('find', 'database.query', {
          connection: 'main',
          sql: 'select * from users where id = $1 and name = $2',
          params: ['$input.id', '$input.name'],
        }),
      ],
      [edge('start', 'find')],
    );
    const result = await runFlow(flow, { id: 3, name: "x'; drop table users; --" }, {
      services: {
        database: {
          async query(req) {
            queries.push(req);
            return { rows: [{ id: 3 }], rowCount: 1 };
          },
        },
      },
    });
    expect(queries).toEqual([
      { connection: 'main', sql: 'select * from users where id = $1 and name = $2', params: [3, "x'; drop table users; --"] },
    ]);
    expect(result.output).toEqual({ rows: [{ id: 3 }], rowCount: 1 });
  });

  it('fails with SERVICE_UNAVAILABLE without a database service', async () => {
    const flow = flowOf([trigger(), node('q', 'database.query', { connection: 'c', sql: 'select 1' })], [edge('start', 'q')]);
    expect((await runFlow(flow, {})).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', nodeId: 'q' });
  });
});
