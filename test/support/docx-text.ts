import JSZip from 'jszip';

/**
 * The text of a Word document as a person reads it: word/document.xml unzipped (jszip, the reader
 * exceljs already uses), one line per paragraph, runs joined, line breaks read as spaces.
 */
export async function docxText(docx: Buffer | Uint8Array): Promise<string> {
  const xml = await documentXml(docx);
  const paragraphs = xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs
    .map((p) =>
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
        .map((m) => (m[1] === undefined ? ' ' : decode(m[1])))
        .join(''),
    )
    .join('\n');
}

/** word/document.xml of a .docx, as stored. */
export async function documentXml(docx: Buffer | Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('not a Word document: no word/document.xml');
  return file.async('string');
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
