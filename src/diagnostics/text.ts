/** A multi-line text as typed: each line a paragraph, lines starting with "-", "•" or "*" a list. */
export type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

const BULLET = /^[-•*–]\s*/;

export function textBlocks(text: string | null | undefined): Block[] {
  const blocks: Block[] = [];
  let list: { kind: 'ul'; items: string[] } | null = null;
  for (const raw of (text ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) {
      list = null; // a blank line ends a list
      continue;
    }
    if (BULLET.test(line)) {
      const item = line.replace(BULLET, '').trim();
      if (!item) continue;
      if (!list) {
        list = { kind: 'ul', items: [] };
        blocks.push(list);
      }
      list.items.push(item);
    } else {
      list = null;
      blocks.push({ kind: 'p', text: line });
    }
  }
  return blocks;
}
