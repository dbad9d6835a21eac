/** Catalog `icon` names drawn as single characters: no icon font or library to download. */
// Characters common fonts (DejaVu, system UI fonts) all have, so no node shows a missing-glyph box.
const ICONS: Record<string, string> = {
  play: '▶', webhook: '⚓', clock: '◷', wand: '✦', split: '⋔', 'git-fork': '⇶', merge: '⋈', globe: '◎',
  code: '{}', sparkles: '✧', hourglass: '◔', repeat: '↻', workflow: '⇲', database: '⛁', flag: '⚑', reply: '↩',
};

export const iconFor = (name: string | undefined) => (name && ICONS[name]) || '◆';
