// Plain text measured in characters, for labels drawn where the DOM cannot wrap them (SVG).

/** `text` in lines of at most `max` characters, broken at spaces; at most `lines` of them,
 *  the last shortened with an ellipsis when words are left over. */
export function wrapWords(text: string, max: number, lines: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const next = line === "" ? word : `${line} ${word}`;
    if (next.length <= max || line === "") {
      line = next;
      continue;
    }
    out.push(line);
    line = word;
  }
  if (line !== "") out.push(line);
  if (out.length <= lines) return out.map((l) => (l.length > max ? `${l.slice(0, max - 1).trimEnd()}…` : l));
  const kept = out.slice(0, lines);
  const last = kept[lines - 1]!;
  kept[lines - 1] = last.length >= max - 1 ? `${last.slice(0, max - 1).trimEnd()}…` : `${last}…`;
  return kept;
}
