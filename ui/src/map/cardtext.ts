// The texts on the map's cards, fitted to the card at the font they are drawn with: a name
// wrapped on the lines the core made the card tall enough for, a line cut with an ellipsis.
// Measured with the canvas's own text metrics, once per card (the model keeps the result).

/** A line of name on a card (the core's `NameFit::WINDOW.line`). */
export const NAME_LINE = 13;

/** Lines of name a card of `height` holds above its owner and dates: two on the core's 60
 *  unit card, one more per line the core made it taller. */
export function nameLines(height: number): number {
  return 2 + Math.max(0, Math.floor((height - 60 + 0.5) / NAME_LINE));
}

/** The text on at most `max` lines (`firstRoom` wide the first, `room` the others), broken at
 *  spaces, a word wider than a line where it runs out; what does not fit is cut with "…". */
export function wrapLines(ctx: CanvasRenderingContext2D, text: string, firstRoom: number, room: number, max: number): string[] {
  if (ctx.measureText(text).width <= firstRoom) return [text];
  const out: string[] = [];
  let line = "";
  let avail = firstRoom;
  const fits = (s: string): boolean => ctx.measureText(s).width <= avail;
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    const next = line ? `${line} ${word}` : word;
    if (fits(next)) {
      line = next;
      continue;
    }
    if (line) {
      out.push(line);
      avail = room;
    }
    let rest = word;
    while (!fits(rest)) {
      let lo = 1;
      let hi = rest.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (fits(rest.slice(0, mid))) lo = mid;
        else hi = mid - 1;
      }
      out.push(rest.slice(0, lo));
      rest = rest.slice(lo);
      avail = room;
    }
    line = rest;
  }
  if (line) out.push(line);
  if (out.length <= max) return out;
  return [...out.slice(0, max - 1), fitText(ctx, out.slice(max - 1).join(" "), room)];
}

export function fitText(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= room) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}
