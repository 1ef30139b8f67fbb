// Ids for what the user adds in the window (initiatives, teams, sites, waves, risks): made
// from the name the user typed, or numbered like the plan's others ("R-07"); never taken.
// Pure (no DOM), tested by `npm test`.

/** Lower-case words of `name` joined by '-' (accents dropped), unique among `taken`. */
export function uniqueId(name: string, taken: { has(id: string): boolean }, fallback = "item"): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The next of `prefix` + number ids ("R-01", "R-02" -> "R-03"), padded like the widest
 *  one there (at least two digits); ids of other shapes are ignored. */
export function nextNumbered(prefix: string, taken: Iterable<string>): string {
  let max = 0;
  let width = 2;
  const all = new Set<string>();
  for (const id of taken) {
    all.add(id);
    if (!id.startsWith(prefix)) continue;
    const digits = id.slice(prefix.length);
    if (!/^\d+$/.test(digits)) continue;
    max = Math.max(max, Number(digits));
    width = Math.max(width, digits.length);
  }
  let n = max + 1;
  let id = `${prefix}${String(n).padStart(width, "0")}`;
  while (all.has(id)) id = `${prefix}${String(++n).padStart(width, "0")}`;
  return id;
}
