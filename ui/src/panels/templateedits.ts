// The template editor's changes as the template they make (pure, no DOM): each is sent whole
// as one `update_template` edit, which the core carries to every site but its overrides. The
// drawing's own links stand for two step flags: `@gate>{step}` is the step's `after_gate`,
// `{step}>@completion` its `before_completion` (api::rollout::template_layout draws them so).
import type { Edit, Template, TemplateHandoff, TemplateRisk, TemplateStep } from "../bindings";

/** The gate's card and the completion's card of the drawing (the core's ids). */
export const GATE = "@gate";
export const COMPLETION = "@completion";

/** `base`, or `base-2`, `base-3`… : the first not in `taken`. */
export function freshId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The edit that saves `t` (one undo step). */
export function save(t: Template): Edit {
  return { op: "update_template", value: t };
}

/** Step `id` with `fields` changed. */
export function withStep(t: Template, id: string, fields: Partial<TemplateStep>): Template {
  return { ...t, initiatives: t.initiatives.map((s) => (s.id === id ? { ...s, ...fields } : s)) };
}

/** Handoff `id` with `fields` changed. */
export function withHandoff(t: Template, id: string, fields: Partial<TemplateHandoff>): Template {
  return { ...t, handoffs: t.handoffs.map((x) => (x.id === id ? { ...x, ...fields } : x)) };
}

/** A new step of one working day after the others: the template and its id. */
export function addStep(t: Template, name: string, team: string | null): { template: Template; id: string } {
  const id = freshId(`step-${t.initiatives.length + 1}`, t.initiatives.map((s) => s.id));
  const step: TemplateStep = { id, name, owner: "", duration: { optimistic: 1, likely: 1, pessimistic: 1 } };
  if (team) step.team = team;
  return { template: { ...t, initiatives: [...t.initiatives, step] }, id };
}

/** Step `id` gone, with the handoffs, risk links and crew chains that name it. */
export function removeStep(t: Template, id: string): Template {
  return {
    ...t,
    initiatives: t.initiatives.filter((s) => s.id !== id),
    handoffs: t.handoffs.filter((x) => x.from !== id && x.to !== id),
    risks: t.risks.map((r) => ({ ...r, initiatives: r.initiatives.filter((s) => s !== id) })),
    chains: (t.chains ?? []).filter((c) => c.step !== id),
  };
}

/** A handoff from card `from` to card `to` of the drawing: the template and the id of its
 *  link in the drawing; null when there is nothing to add (the same card, a link already
 *  there, into the gate or out of the completion, between two wave-level cards). */
export function connect(t: Template, from: string, to: string): { template: Template; id: string } | null {
  const step = (id: string) => t.initiatives.find((s) => s.id === id);
  if (from === to || to === GATE || from === COMPLETION) return null;
  if (from === GATE) {
    const s = step(to);
    return s && !s.after_gate ? { template: withStep(t, to, { after_gate: true }), id: `${GATE}>${to}` } : null;
  }
  if (to === COMPLETION) {
    const s = step(from);
    return s && !s.before_completion ? { template: withStep(t, from, { before_completion: true }), id: `${from}>${COMPLETION}` } : null;
  }
  if (!step(from) && !step(to)) return null;
  if (t.handoffs.some((x) => x.from === from && x.to === to)) return null;
  const id = freshId(`${from.replace(/^@/, "")}-${to.replace(/^@/, "")}`, t.handoffs.map((x) => x.id));
  const handoff: TemplateHandoff = { id, from, to, kind: "FS", lag: 0, owner: "", assumption: "", confirmed: false };
  return { template: { ...t, handoffs: [...t.handoffs, handoff] }, id };
}

/** The drawing's link `id` gone: a handoff, or a step's wait for the gate or hold on the
 *  completion. */
export function removeLink(t: Template, id: string): Template {
  if (id.startsWith(`${GATE}>`)) return withStep(t, id.slice(GATE.length + 1), { after_gate: false });
  if (id.endsWith(`>${COMPLETION}`)) return withStep(t, id.slice(0, -COMPLETION.length - 1), { before_completion: false });
  return { ...t, handoffs: t.handoffs.filter((x) => x.id !== id) };
}

/** The template handoff a link of the drawing is, if it is one. */
export function handoffOf(t: Template, link: string): TemplateHandoff | undefined {
  return t.handoffs.find((x) => x.id === link);
}

/** Step `step` walked by `crews` crews (0: by none, its chain gone); a chain's lag, owner and
 *  confirmation kept. */
export function withCrews(t: Template, step: string, crews: number): Template {
  const chains = t.chains ?? [];
  const had = chains.find((c) => c.step === step);
  if (crews <= 0) return { ...t, chains: chains.filter((c) => c.step !== step) };
  if (had) return { ...t, chains: chains.map((c) => (c.step === step ? { ...c, crews } : c)) };
  return { ...t, chains: [...chains, { step, crews, lag: 0, owner: "", confirmed: false }] };
}

/** Risk `id` with `fields` changed. */
export function withRisk(t: Template, id: string, fields: Partial<TemplateRisk>): Template {
  return { ...t, risks: t.risks.map((r) => (r.id === id ? { ...r, ...fields } : r)) };
}
