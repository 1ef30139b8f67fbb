// Generated from docs/glossary.md by tests/tidy.rs (UPDATE_GLOSSARY=1 cargo test --test tidy): do not edit.
export interface GlossaryEntry {
  readonly term: string;
  readonly text: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: "Plan", text: "one `.bridger` file: the work, the teams, the risks, the calendar, the target." },
  { term: "Initiative", text: "a piece of work with one owner, a team and a duration (three estimates: optimistic, likely, pessimistic, in working days)." },
  { term: "Handoff", text: "a dependency between two initiatives: the receiving one waits on the giving one. It has an owner, an assumption in words, whether the receiving side confirmed it, and may have a due date." },
  { term: "Seam", text: "a handoff between two teams (or with an end that has no team). A seam nobody owns or nobody confirmed is a warning; inside one team it is only a note." },
  { term: "Handoff kind (FS, SS, FF, SF)", text: "which ends the handoff joins. FS, finish to start: the receiver starts when the giver finishes (the usual one). SS, start to start: it starts once the giver has started. FF, finish to finish: it finishes once the giver has finished. SF, start to finish: it finishes once the giver has started." },
  { term: "Lag", text: "working days added to a handoff (negative: an overlap)." },
  { term: "Working day", text: "a day of the plan's calendar; every duration and gap is counted in them." },
  { term: "Team", text: "the people who do the work. People is how many full-time people it has each working day (stored as `fte`); its utilization target is the share of them that may be planned (65% by default)." },
  { term: "Capacity", text: "what a team can give in a week: people × utilization target × working days, in person-days. Load is what the plan asks of it; a team over capacity is a warning." },
  { term: "Effort", text: "person-days an initiative asks of a team. Work with a team and no effort stated asks one person of that team each of its working days." },
  { term: "Deadline", text: "an initiative's \"finish no later than\" date. Missing it is a blocker." },
  { term: "Target", text: "the date the whole plan must meet." },
  { term: "Finish if nothing slips", text: "the plan's finish with every duration at its likely estimate and no risk firing (the critical path method, CPM)." },
  { term: "Critical path", text: "the chain of work that sets the finish: a day lost on any of it moves the finish by a day. An initiative on it is critical." },
  { term: "Float", text: "how many working days an initiative (or a handoff) can slip before it moves the finish or a deadline. Critical work has none; negative float is how late it already is." },
  { term: "Driving handoff", text: "a handoff with no float: the receiver starts (or finishes) as soon as it allows." },
  { term: "Risk", text: "something that may happen and delay work, with an owner, a probability, an impact and a mitigation." },
  { term: "Probability level", text: "the probability on a 1-5 scale in fifths (up to 20% is 1, over 80% is 5)." },
  { term: "Impact", text: "how bad it would be, 1-5." },
  { term: "Score", text: "probability level × impact, 1-25: the number of the risk's cell on the heat map. The register and the heat map use it and its bands: low up to 4, medium 5 to 12, high above 12." },
  { term: "Heat map", text: "the 5 × 5 grid of probability level against impact, each cell coloured by its band." },
  { term: "Hits", text: "the initiatives a risk is linked to: it delays them directly when it fires." },
  { term: "Reach", text: "everything a risk can delay: what it hits and all the work downstream of that." },
  { term: "Forecast", text: "the simulation: the plan run many times, each duration drawn from its three estimates and each open risk firing with its probability." },
  { term: "Run", text: "one pass of the forecast through the plan." },
  { term: "Seed", text: "the number the forecast's random draws start from: the same seed gives the same forecast." },
  { term: "P50, P80", text: "the dates half, and four in five, of the runs finish by. P80 is the date to promise." },
  { term: "Chance of meeting the target", text: "the share of runs that finish by the target." },
  { term: "Risk driver", text: "a risk ranked by the working days it adds at P80 (the same runs with it and without it)." },
  { term: "Criticality", text: "the share of runs in which an initiative (or a seam) is on the path that sets the finish." },
  { term: "Leveling", text: "moving work later so that no team is asked more than its capacity; kept as a leveling delay per initiative, accepted or cleared as one edit." },
  { term: "Finding", text: "something about the plan worth a look, with a severity: a blocker (the plan's promise is broken as it stands: a missed deadline, a handoff due late), a warning (someone must act) or a note (for the record)." },
  { term: "Decision", text: "what the brief asks of leaders, one per cause, with the person who must act, or \"Needs an owner\" when nobody owns what must be decided." },
  { term: "Brief", text: "the PDF for leaders: page 1 in two minutes, the evidence after it." },
  { term: "Site, wave", text: "where a rollout goes live, and the group of sites that go live together." },
  { term: "Priority, value", text: "the strategic priority an initiative serves, and what it is worth: what to stop or defer first." },
];
