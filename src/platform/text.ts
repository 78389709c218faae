/**
 * Text as a user typed it in a browser's text box: lines end with CRLF, lines starting with
 * "- ", "* ", "• " (or "– ") are list items. Read the same way by the screens (views/case-sheets/_blocks.ejs)
 * and every PDF (platform/pdf's typedText).
 */
export type Block = { kind: 'p'; text: string } | { kind: 'ul'; items: string[] };

// A dash or star must be followed by a space ("-5 %" and "*urgent*" stay text); a bullet sign need not.
const BULLET = /^(?:[-*–]\s+|•\s*)/;

/** Each line a paragraph, consecutive item lines one list; a blank line ends a list. */
export function textBlocks(text: string | null | undefined): Block[] {
  const blocks: Block[] = [];
  let list: { kind: 'ul'; items: string[] } | null = null;
  for (const raw of (text ?? '').split(/\r\n?|\n/)) {
    const line = raw.trim();
    if (!line) {
      list = null;
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
