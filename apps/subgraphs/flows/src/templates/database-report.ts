import { at, edge, type FlowTemplate } from './flow-template';

export const databaseReport: FlowTemplate = {
  id: 'database-report',
  name: 'Database query to report',
  description:
    'On weekdays at 09:00, counts the tables per schema on the `reporting` connection (any PostgreSQL) and turns the rows into a report.',
  category: 'Data',
  tags: ['database', 'schedule', 'report'],
  sampleInput: {},
  nodes: [
    { id: 'weekdays9am', type: 'trigger.schedule', position: at(0), data: { cron: '0 9 * * 1-5', timezone: 'UTC' } },
    {
      id: 'query',
      type: 'database.query',
      position: at(1),
      data: {
        connection: 'reporting',
        sql: 'select table_schema, count(*)::int as tables from information_schema.tables where table_schema <> $1 group by table_schema order by tables desc',
        params: ['"pg_catalog"'],
      },
    },
    {
      id: 'report',
      type: 'transform',
      position: at(2),
      data: { expression: '{ "generatedAt": $now(), "schemas": $nodes.query.rowCount, "lines": $nodes.query.rows.($.table_schema & ": " & $string($.tables)) }' },
    },
    { id: 'done', type: 'output', position: at(3), data: {} },
  ],
  edges: [edge('weekdays9am', 'query'), edge('query', 'report'), edge('report', 'done')],
};
