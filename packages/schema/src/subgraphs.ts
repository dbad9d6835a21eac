/** The four subgraphs, their default ports and where each writes its SDL at build time. */
export const SUBGRAPHS = [
  { name: 'identity', port: 4001 },
  { name: 'flows', port: 4002 },
  { name: 'executions', port: 4003 },
  { name: 'intelligence', port: 4004 },
] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** The Federation 2 `@link` every subgraph SDL starts with. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])';
