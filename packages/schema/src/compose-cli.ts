import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from './compose';
import { SUBGRAPHS } from './subgraphs';
import { supergraphPath } from './supergraph';

/** Build step: compose the SDL each subgraph wrote (`schema.graphql`) into generated/supergraph.graphql. */
export function subgraphSdlPath(name: string): string {
  return fileURLToPath(new URL(`../../../apps/subgraphs/${name}/schema.graphql`, import.meta.url));
}

export function composeFromFiles(): string {
  return composeSupergraph(
    SUBGRAPHS.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.port}/graphql`, sdl: readFileSync(subgraphSdlPath(s.name), 'utf8') })),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const sdl = composeFromFiles();
    mkdirSync(fileURLToPath(new URL('../generated', import.meta.url)), { recursive: true });
    writeFileSync(supergraphPath, sdl);
    console.log(`supergraph composed: ${supergraphPath}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
