import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { settingComments, type DocComment } from './doc-comments';
import { COMPUTED_KEY_MEANINGS, DESCRIBED_SETTINGS, ROLES, SETTING_SOURCES, type PlainSetting, type Role } from './sources';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** What one source says about a setting: the roles reading it there, its default and meaning. */
export interface SettingReading {
  readonly roles: readonly Role[];
  readonly defaultText: string;
  readonly meaning: string;
  /** The schema's own default, when it has one (for checking the `@default` comment against). */
  readonly schemaDefault?: unknown;
}

/** One documented setting: every role that reads it, and what each source says. */
export interface Setting {
  readonly name: string;
  readonly section: string;
  readonly readings: readonly SettingReading[];
}

/** A setting whose schema has no doc comment for it: the test names these. */
export interface Undescribed {
  readonly name: string;
  readonly files: readonly string[];
}

/** The default a schema gives a key, when parsing an empty environment leaves one. */
function schemaDefault(schema: z.ZodType): { text: string; value?: unknown } {
  const parsed = z.object({ key: schema }).safeParse({});
  if (!parsed.success) return { text: 'required' };
  const value = parsed.data.key;
  if (value === undefined) return { text: 'unset' };
  const text = typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value);
  return { text, value };
}

/** The default of a plain setting (not a zod schema), as schemaDefault says it. */
function plainDefault(value: unknown): { text: string; value?: unknown } {
  if (value === undefined) return { text: 'unset' };
  return { text: typeof value === 'string' ? (value === '' ? '""' : value) : JSON.stringify(value), value };
}

/** Every setting any role reads, from the schemas and the described extras, grouped by name. */
export function settingsCatalog(): { settings: Setting[]; undescribed: Undescribed[] } {
  const byName = new Map<string, { section: string; readings: SettingReading[] }>();
  const undescribed: Undescribed[] = [];
  const add = (name: string, section: string, reading: SettingReading) => {
    const entry = byName.get(name) ?? { section, readings: [] };
    entry.readings.push(reading);
    byName.set(name, entry);
  };
  for (const source of SETTING_SOURCES) {
    const comments = source.files.map((file) => settingComments(join(repoRoot, file)));
    for (const [name, schema] of Object.entries(source.shape)) {
      const comment: DocComment | undefined = comments.map((found) => found.get(name)).find((c) => c?.meaning);
      const meaning = comment?.meaning || COMPUTED_KEY_MEANINGS[name];
      if (!meaning) undescribed.push({ name, files: source.files });
      const fromSchema = schema instanceof z.ZodType ? schemaDefault(schema) : plainDefault((schema as PlainSetting).default);
      add(name, source.section, {
        roles: source.roles,
        defaultText: comment?.defaultText ?? fromSchema.text,
        meaning: meaning ?? '',
        schemaDefault: fromSchema.value,
      });
    }
  }
  for (const described of DESCRIBED_SETTINGS) {
    add(described.name, described.section, { roles: described.roles, defaultText: described.defaultText, meaning: described.meaning });
  }
  const settings = [...byName].map(([name, { section, readings }]) => ({ name, section, readings }));
  return { settings, undescribed };
}

/** Roles in their canonical order, once each. */
export const rolesOf = (readings: readonly SettingReading[]): Role[] => ROLES.filter((role) => readings.some((r) => r.roles.includes(role)));
