// What is selected on the map (and in the schedule table, which shares it): a set of cards,
// or one handoff. Pure transitions from pointer gestures, the way desktop editors behave
// (yEd, OmniPlan): click selects one, shift-click toggles, pressing a selected card keeps the
// group so it can be dragged, a rubber band selects what it encloses.

export interface Selection {
  readonly cards: ReadonlySet<string>;
  readonly handoff: string | null;
}

export const EMPTY: Selection = { cards: new Set(), handoff: null };

export function only(id: string): Selection {
  return { cards: new Set([id]), handoff: null };
}

export function handoff(id: string): Selection {
  return { cards: new Set(), handoff: id };
}

/** Pointer down on a card. Shift toggles it; a plain press on a selected card keeps the
 *  selection (the user may be about to drag the group); otherwise the card alone. */
export function pressCard(sel: Selection, id: string, additive: boolean): Selection {
  if (additive) {
    const cards = new Set(sel.cards);
    if (cards.has(id)) cards.delete(id);
    else cards.add(id);
    return { cards, handoff: null };
  }
  if (sel.cards.has(id)) return sel;
  return only(id);
}

/** Pointer up on the card pressed: a plain click that did not drag leaves the card alone. */
export function releaseCard(sel: Selection, id: string, additive: boolean, dragged: boolean): Selection {
  if (additive || dragged || !sel.cards.has(id) || (sel.cards.size === 1 && sel.handoff === null)) return sel;
  return only(id);
}

/** A click on empty canvas clears the selection, unless shift is held. */
export function pressEmpty(sel: Selection, additive: boolean): Selection {
  return additive ? sel : EMPTY;
}

/** A rubber band: the cards it encloses, added to the selection with shift. */
export function band(sel: Selection, ids: readonly string[], additive: boolean): Selection {
  const cards = new Set(additive ? sel.cards : []);
  for (const id of ids) cards.add(id);
  return { cards, handoff: null };
}

/** After the plan changed: forget what no longer exists (deleted here or by another program). */
export function retain(sel: Selection, cardExists: (id: string) => boolean, handoffExists: (id: string) => boolean): Selection {
  let changed = false;
  const cards = new Set<string>();
  for (const id of sel.cards) {
    if (cardExists(id)) cards.add(id);
    else changed = true;
  }
  const h = sel.handoff !== null && handoffExists(sel.handoff) ? sel.handoff : null;
  if (h !== sel.handoff) changed = true;
  return changed ? { cards, handoff: h } : sel;
}

export function isEmpty(sel: Selection): boolean {
  return sel.cards.size === 0 && sel.handoff === null;
}

export function sameSelection(a: Selection, b: Selection): boolean {
  if (a.handoff !== b.handoff || a.cards.size !== b.cards.size) return false;
  for (const id of a.cards) if (!b.cards.has(id)) return false;
  return true;
}
