/** The visible texts of a timeline page's entries, in page order (tags dropped, spaces collapsed). */
export function timelineEntries(html: string): string[] {
  return [...html.matchAll(/<li class="timeline__entry[^"]*">([\s\S]*?)<\/li>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}
