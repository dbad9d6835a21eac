import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, settingsCatalog } from './catalog';
import { renderConfigurationPage } from './render';
import { directEnvReads, zodKeysInSources } from './source-scan';
import { DESCRIBED_SETTINGS, NOT_SETTINGS, SETTING_SOURCES } from './sources';

const page = readFileSync(join(repoRoot, 'docs/configuration.md'), 'utf8');
const documented = new Set([...page.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
const { settings, undescribed } = settingsCatalog();
const inSchemas = new Set(SETTING_SOURCES.flatMap((source) => Object.keys(source.shape)));
const envReads = directEnvReads(repoRoot);
const where = (reads: ReadonlyArray<{ name: string; file: string }>) => reads.map((r) => `${r.name} (${r.file})`);

describe('docs/configuration.md, generated from the settings schemas', () => {
  it('is what `npm run docs:settings` writes now (run it after changing a setting)', () => {
    expect(page).toBe(renderConfigurationPage(settings));
  });

  it('gives every setting a meaning from the doc comment where it is declared', () => {
    expect(undescribed.map((u) => `${u.name} (${u.files.join(', ')})`)).toEqual([]);
    for (const setting of settings) for (const reading of setting.readings) expect(reading.meaning, setting.name).not.toBe('');
  });

  it('shows the default each schema really has when its @default comment gives a number or a flag', () => {
    const disagreeing: string[] = [];
    for (const setting of settings) {
      for (const { defaultText, schemaDefault } of setting.readings) {
        const written = /^(-?[\d_]+(?:\.\d+)?)(?: (KiB|MiB|GiB))?(?=$|[\s(])|^(true|false)(?=$|[\s(])/.exec(defaultText);
        if (!written || schemaDefault === undefined) continue;
        const unit = { KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 }[written[2] ?? ''] ?? 1;
        const value = written[3] ? written[3] === 'true' : Number(written[1]!.replace(/_/g, '')) * unit;
        if (value !== schemaDefault) disagreeing.push(`${setting.name}: @default ${written[0]}, schema ${JSON.stringify(schemaDefault)}`);
      }
    }
    expect(disagreeing).toEqual([]);
  });
});

describe('every setting read is documented, and every documented one is read', () => {
  it('documents every key of every settings schema', () => {
    expect([...inSchemas].filter((name) => !documented.has(name))).toEqual([]);
  });

  it('lists every zod schema of UPPER_CASE settings in the platform sources (so none is read undocumented)', () => {
    expect(where(zodKeysInSources(repoRoot).filter((key) => !inSchemas.has(key.name)))).toEqual([]);
  });

  it('documents every variable read from the environment outside a schema, unless it is not a setting', () => {
    expect(where(envReads.filter((read) => !documented.has(read.name) && !(read.name in NOT_SETTINGS)))).toEqual([]);
  });

  it('documents nothing that no process reads', () => {
    const read = new Set([...inSchemas, ...envReads.map((r) => r.name)]);
    const describedAndRead = DESCRIBED_SETTINGS.filter((d) => readFileSync(join(repoRoot, d.readIn), 'utf8').includes(d.name)).map((d) => d.name);
    expect([...documented].filter((name) => !read.has(name) && !describedAndRead.includes(name))).toEqual([]);
  });

  it('keeps the not-a-setting list to variables the code still reads', () => {
    expect(Object.keys(NOT_SETTINGS).filter((name) => !envReads.some((r) => r.name === name))).toEqual([]);
  });
});
