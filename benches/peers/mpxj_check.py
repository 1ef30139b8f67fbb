#!/usr/bin/env python3
"""The independent check of Bridger's MS Project XML: MPXJ (a Java library nobody here
wrote, run through JPype) reads what Bridger writes, and writes MSPDI of its own for Bridger
to read.

    mpxj_check.py read PLAN.xml PLAN.json   # MPXJ reads Bridger's export of the plan whose
                                            # JSON export is PLAN.json; exit 1 on a difference
    mpxj_check.py resave IN.xml OUT.xml     # MPXJ reads a file and writes it again as MSPDI
                                            # (what a round trip through another tool does)
    mpxj_check.py write OUT.xml EXPECT.json # MPXJ builds a project in its own API (all four
                                            # link kinds, a negative lag, a resource with work,
                                            # a holiday) and writes it; EXPECT.json says what
                                            # it holds, for the Rust test to compare

Run by tests/mspdi_mpxj.rs (and `make check-mspdi`) with the venv of target/mpxj-venv.
"""

import json
import sys
from importlib.metadata import version

import jpype
import mpxj  # noqa: F401  (puts MPXJ's jars on the class path)

jpype.startJVM()

from java.time import LocalDate, LocalDateTime  # noqa: E402
from org.mpxj import Duration, ProjectFile, Relation, RelationType, TimeUnit  # noqa: E402
from org.mpxj.mspdi import MSPDIWriter  # noqa: E402
from org.mpxj.reader import UniversalProjectReader  # noqa: E402

KINDS = {
    "FS": "FS",
    "SS": "SS",
    "FF": "FF",
    "SF": "SF",
    "FINISH_START": "FS",
    "START_START": "SS",
    "FINISH_FINISH": "FF",
    "START_FINISH": "SF",
}


def days(duration, project):
    """An MPXJ Duration in working days, with the project's minutes per day."""
    if duration is None:
        return 0.0
    props = project.getProjectProperties()
    return float(duration.convertUnits(TimeUnit.DAYS, props).getDuration())


def read(xml_path, plan_path):
    with open(plan_path, encoding="utf-8") as f:
        plan = json.load(f)
    project = UniversalProjectReader().read(xml_path)
    problems = []

    tasks = [t for t in project.getTasks() if not t.getSummary() and t.getUniqueID() != 0]
    by_id = {}
    for t in tasks:
        bridger_id = t.getText(1)
        by_id[str(bridger_id) if bridger_id is not None else f"uid{t.getUniqueID()}"] = t
    initiatives = plan["initiatives"]
    if len(tasks) != len(initiatives):
        problems.append(f"tasks: MPXJ read {len(tasks)}, the plan has {len(initiatives)}")

    duration_diffs = 0
    milestone_diffs = 0
    for i in initiatives:
        t = by_id.get(i["id"])
        if t is None:
            problems.append(f"initiative {i['id']}: no task with that Bridger id")
            continue
        d = days(t.getDuration(), project)
        if abs(d - i["duration"]["likely"]) > 1e-6:
            duration_diffs += 1
            if duration_diffs <= 5:
                problems.append(f"{i['id']}: MPXJ reads {d} days, the plan says {i['duration']['likely']}")
        if bool(t.getMilestone()) != (i["duration"]["likely"] == 0):
            milestone_diffs += 1
            if milestone_diffs <= 5:
                problems.append(f"{i['id']}: milestone flag {t.getMilestone()}")
        if (t.getName() or "") != i["name"]:
            problems.append(f"{i['id']}: name {t.getName()!r}")
        # Deferred work is an inactive task.
        if bool(t.getActive()) == bool(i.get("deferred")):
            problems.append(f"{i['id']}: active {t.getActive()}, deferred in the plan: {bool(i.get('deferred'))}")

    links = set()
    for t in tasks:
        for r in t.getPredecessors():
            kind = KINDS.get(str(r.getType()), str(r.getType()))
            lag = days(r.getLag(), project)
            pred = r.getPredecessorTask().getText(1)
            links.add((str(pred), str(t.getText(1)), kind, round(lag, 6)))
    expected = {(h["from"], h["to"], h.get("kind", "FS"), float(h.get("lag", 0))) for h in plan["handoffs"]}
    missing = expected - links
    extra = links - expected
    for m in sorted(missing)[:5]:
        problems.append(f"link {m}: not read by MPXJ")
    for m in sorted(extra)[:5]:
        problems.append(f"link {m}: read by MPXJ, not in the plan")

    cal = project.getDefaultCalendar()
    holidays = set()
    for ex in cal.getCalendarExceptions():
        if ex.getWorking():
            continue
        d = ex.getFromDate()
        while not d.isAfter(ex.getToDate()):
            holidays.add(str(d))
            d = d.plusDays(1)
    expected_holidays = set(plan.get("calendar", {}).get("holidays", []))
    if holidays != expected_holidays:
        problems.append(f"calendar exceptions: MPXJ {sorted(holidays)}, plan {sorted(expected_holidays)}")
    working = []
    for k, name in enumerate(["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]):
        from java.time import DayOfWeek

        if cal.isWorkingDay(DayOfWeek.valueOf(name)):
            working.append(name[:3].title())
    expected_days = plan.get("calendar", {}).get("working_days", ["Mon", "Tue", "Wed", "Thu", "Fri"])
    if sorted(working) != sorted(expected_days):
        problems.append(f"working days: MPXJ {working}, plan {expected_days}")

    resources = [r for r in project.getResources() if r.getName()]
    if len(resources) != len(plan.get("teams", [])):
        problems.append(f"resources: MPXJ {len(resources)}, teams {len(plan.get('teams', []))}")
    assignments = [a for a in project.getResourceAssignments() if a.getResource() is not None]
    efforts = sum(len(i.get("effort", [])) for i in initiatives)
    if len(assignments) != efforts:
        problems.append(f"assignments: MPXJ {len(assignments)}, efforts {efforts}")

    kinds = sorted({k for (_, _, k, _) in links})
    print(
        f"MPXJ {version('mpxj')} read {xml_path}: "
        f"{len(tasks)} tasks ({sum(1 for t in tasks if not t.getActive())} inactive), "
        f"{len(links)} links (kinds {', '.join(kinds)}), "
        f"{len(holidays)} calendar exceptions, {len(resources)} resources, {len(assignments)} assignments"
    )
    for p in problems:
        print("DIFFERENCE:", p)
    print("agree" if not problems else f"{len(problems)} difference(s)")
    return 0 if not problems else 1


def write(xml_path, expect_path):
    file = ProjectFile()
    cal = file.addDefaultBaseCalendar()
    file.getProjectProperties().setDefaultCalendar(cal)
    file.getProjectProperties().setStartDate(LocalDateTime.of(2026, 3, 2, 8, 0))
    file.getProjectProperties().setName("Built by MPXJ")
    cal.addCalendarException(LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 3))
    crew = file.addResource()
    crew.setName("Crew")

    specs = [("Design", 5), ("Build", 10), ("Test", 4), ("Docs", 3), ("Train", 2), ("Launch", 0)]
    tasks = {}
    for name, d in specs:
        t = file.addTask()
        t.setName(name)
        t.setDuration(Duration.getInstance(d, TimeUnit.DAYS))
        if d == 0:
            t.setMilestone(True)
        tasks[name] = t
    a = tasks["Build"].addResourceAssignment(crew)
    a.setWork(Duration.getInstance(80, TimeUnit.HOURS))

    links = [
        ("Design", "Build", RelationType.FINISH_START, 0),
        ("Build", "Test", RelationType.START_START, 3),
        ("Build", "Docs", RelationType.FINISH_FINISH, -2),
        ("Test", "Train", RelationType.START_FINISH, 1),
        ("Test", "Launch", RelationType.FINISH_START, -1),
    ]
    for p, s, kind, lag in links:
        tasks[s].addPredecessor(
            Relation.Builder().predecessorTask(tasks[p]).type(kind).lag(Duration.getInstance(lag, TimeUnit.DAYS))
        )
    MSPDIWriter().write(file, xml_path)
    expect = {
        "tasks": [{"name": n, "days": d} for n, d in specs],
        "links": [{"from": p, "to": s, "kind": KINDS[str(k)], "lag": lag} for p, s, k, lag in links],
        "holidays": ["2026-04-03"],
        "resources": 1,
        "assignments": [{"task": "Build", "person_days": 10.0}],
    }
    with open(expect_path, "w", encoding="utf-8") as f:
        json.dump(expect, f, indent=2)
    print(f"MPXJ wrote {xml_path}: {len(specs)} tasks, {len(links)} links")
    return 0


def resave(in_path, out_path):
    project = UniversalProjectReader().read(in_path)
    MSPDIWriter().write(project, out_path)
    print(f"MPXJ read {in_path} and wrote it again to {out_path}")
    return 0


def outline(in_path, out_path):
    """Every task MPXJ reads, in file order: its UID, name, outline level, whether it is a
    summary, and its parent's UID (none at the top)."""
    project = UniversalProjectReader().read(in_path)
    rows = []
    for t in project.getTasks():
        if t.getUniqueID() == 0:
            continue
        parent = t.getParentTask()
        rows.append(
            {
                "uid": int(t.getUniqueID()),
                "name": str(t.getName()),
                "level": int(t.getOutlineLevel()),
                "summary": bool(t.getSummary()),
                "parent": int(parent.getUniqueID()) if parent is not None and parent.getUniqueID() != 0 else None,
            }
        )
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1)
    print(f"MPXJ read {len(rows)} tasks of {in_path}, {sum(r['summary'] for r in rows)} of them summaries")
    return 0


if __name__ == "__main__":
    modes = {"read": read, "write": write, "resave": resave, "outline": outline}
    if len(sys.argv) != 4 or sys.argv[1] not in modes:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(modes[sys.argv[1]](sys.argv[2], sys.argv[3]))
