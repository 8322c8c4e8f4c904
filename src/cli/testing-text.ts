// For tests: a block of the CLI's text output.

/** The lines of `text` from the one that is `heading` (trimmed) to the next blank line; [] without it. */
export function textBlock(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.trim() === heading);
  if (start === -1) return [];
  const end = lines.findIndex((line, i) => i > start && line.trim() === '');
  return lines.slice(start, end === -1 ? undefined : end);
}
