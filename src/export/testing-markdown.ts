// For tests: what of a Markdown text a renderer would treat as markup. Fenced code blocks and code
// spans are removed following CommonMark's rules (https://spec.commonmark.org/0.31.2/#fenced-code-blocks,
// #code-spans), backslash escapes are resolved to nothing, and what is left is the text a renderer
// would parse for HTML, links and block structure.

/** The lines outside fenced code blocks. An unclosed fence runs to the end, as CommonMark says. */
export function linesOutsideFences(markdown: string): string[] {
  const out: string[] = [];
  let fence: { char: string; length: number } | null = null;
  for (const line of markdown.split('\n')) {
    if (fence === null) {
      const open = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
        continue;
      }
      out.push(line);
    } else {
      const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = null;
    }
  }
  return out;
}

/**
 * One line with its code spans taken out, and its backslash escapes taken out (`drop`: what is left
 * is what a renderer could read as markup) or resolved to the character (`resolve`: the text a
 * reader sees, which GitHub still scans for `@mentions` and `#123` references).
 */
export function withoutCodeSpansAndEscapes(line: string, escapes: 'drop' | 'resolve' = 'drop'): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) {
      if (escapes === 'resolve') out += line[i + 1]!;
      i += 2;
      continue;
    }
    if (char === '`') {
      let run = 0;
      while (line[i + run] === '`') run++;
      // The closing run is the next backtick run of exactly the same length.
      let j = i + run;
      let closeAt = -1;
      while (j < line.length) {
        if (line[j] === '`') {
          let other = 0;
          while (line[j + other] === '`') other++;
          if (other === run) {
            closeAt = j;
            break;
          }
          j += other;
        } else j++;
      }
      if (closeAt === -1) {
        out += line.slice(i, i + run);
        i += run;
      } else i = closeAt + run;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}

/** The text a renderer would parse for markup: everything outside code, escapes removed. */
export function activeText(markdown: string): string[] {
  return linesOutsideFences(markdown).map((line) => withoutCodeSpansAndEscapes(line));
}
