import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const supergraphPath = fileURLToPath(new URL('../generated/supergraph.graphql', import.meta.url));

/** The build-generated supergraph (`npm run build -w @omnitron/schema`). */
export function loadSupergraphSdl(): string {
  try {
    return readFileSync(supergraphPath, 'utf8');
  } catch {
    throw new Error(`No supergraph at ${supergraphPath}: run \`npm run build\` first`);
  }
}
