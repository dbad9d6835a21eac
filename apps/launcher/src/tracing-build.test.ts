import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEntries } from './build.mjs';
import { repoRoot } from './config';

const run = promisify(execFile);

describe('tracing in a build (npm run build)', () => {
  const received: Array<{ service: string; names: string[] }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: Array<{ name: string }> }> }>;
      };
      for (const { resource, scopeSpans } of body.resourceSpans) {
        received.push({ service: resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '', names: scopeSpans.flatMap((s) => s.spans.map((span) => span.name)) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  // A throwaway app inside the repository: its build resolves node_modules as an app's does, where
  // `@opentelemetry/resources` and `core` are Apollo Gateway's older copies, not server-kit's.
  const cwd = mkdtempSync(join(repoRoot, 'apps/launcher/.build-tracing-'));

  beforeAll(() => new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve)));
  afterAll(async () => {
    rmSync(cwd, { recursive: true, force: true });
    await new Promise((resolve) => receiver.close(resolve));
  });

  it("loads the SDK server-kit was built against and exports a span from a built entry on plain node", async () => {
    writeFileSync(
      join(cwd, 'probe.ts'),
      "import { inSpan, startTracing } from '@omnitron/server-kit';\nconst tracing = await startTracing('probe');\nawait inSpan('probe', 'probe span', {}, async () => undefined);\nawait tracing.shutdown();\nconsole.log(JSON.stringify({ enabled: tracing.enabled }));\n",
    );
    const [built] = await buildEntries(cwd, ['probe.ts']);
    const endpoint = `http://127.0.0.1:${(receiver.address() as { port: number }).port}`;
    const { stdout } = await run(process.execPath, [built!], { cwd, env: { ...process.env, NODE_OPTIONS: '', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint } });
    expect(JSON.parse(stdout.trim())).toEqual({ enabled: true });
    expect(received).toEqual([{ service: 'omnitron-probe', names: ['probe span'] }]);
  }, 60_000);
});
