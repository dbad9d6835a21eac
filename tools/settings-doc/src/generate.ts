import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, settingsCatalog } from './catalog';
import { renderConfigurationPage } from './render';

/** `npm run docs:settings`: writes docs/configuration.md from the settings schemas. */
const { settings, undescribed } = settingsCatalog();
if (undescribed.length > 0) {
  console.error(`Settings without a doc comment (add one where they are declared):\n  ${undescribed.map((u) => `${u.name} (${u.files[0]})`).join('\n  ')}`);
  process.exit(1);
}
const target = join(repoRoot, 'docs/configuration.md');
writeFileSync(target, renderConfigurationPage(settings));
console.log(`${settings.length} settings written to docs/configuration.md`);
