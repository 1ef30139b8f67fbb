// What the user entered on the Update tab and has not saved, and the one batch Save sends:
// per row, a patch of only the fields that differ from the saved values, else (nothing
// changed, "Still true" pressed) the row's own still-true edit, made by the core. Pure, so
// `node --test` holds it (ui/test/entries.test.mjs).
import type { Edit } from "../bindings";

/** One row's unsaved entry. */
export interface Entry {
  fields: Record<string, unknown>;
  stillTrue: boolean;
}

/** A row as Save needs it: its id and the core's still-true edit. */
export interface SaveRow {
  readonly id: string;
  readonly still_true: Edit;
}

export class Entries {
  private map = new Map<string, Entry>();

  get(id: string): Entry | undefined {
    return this.map.get(id);
  }

  private entry(id: string): Entry {
    let e = this.map.get(id);
    if (!e) {
      e = { fields: {}, stillTrue: false };
      this.map.set(id, e);
    }
    return e;
  }

  /** `field` entered as `value` on row `id`; back to its saved value, no change. Returns
   *  whether the field now differs from the saved value. */
  set(id: string, field: string, value: unknown, saved: unknown): boolean {
    const e = this.entry(id);
    if (JSON.stringify(value) === JSON.stringify(saved ?? null)) delete e.fields[field];
    else e.fields[field] = value;
    return field in e.fields;
  }

  toggleStillTrue(id: string): void {
    const e = this.entry(id);
    e.stillTrue = !e.stillTrue;
  }

  /** Whether a row has changed fields (its confirmation is then implied). */
  edited(id: string): boolean {
    const e = this.map.get(id);
    return e !== undefined && Object.keys(e.fields).length > 0;
  }

  /** Whether a row is confirmed unchanged and not edited. */
  confirmed(id: string): boolean {
    return this.map.get(id)?.stillTrue === true && !this.edited(id);
  }

  clear(): void {
    this.map.clear();
  }

  /** The batch Save sends for `rows` (in their order); entries of rows no longer listed are left out. */
  edits(rows: readonly SaveRow[]): Edit[] {
    const out: Edit[] = [];
    for (const r of rows) {
      if (this.edited(r.id)) out.push({ op: "patch", value: { kind: "initiative", id: r.id, fields: { ...this.map.get(r.id)!.fields } } });
      else if (this.confirmed(r.id)) out.push(r.still_true);
    }
    return out;
  }
}
