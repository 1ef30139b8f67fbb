//! The PDF brief (issue 16), read back with poppler's tools as a leader's viewer would:
//! the key figures are real text (`pdftotext`), every page renders without a complaint
//! (`pdftoppm`), the font is embedded and subset (`pdffonts`), the same plan and date give
//! the same bytes, and `bridger brief` writes its file as every output is written.

use std::path::Path;
use std::process::Command;

use bridger::brief::{render, BriefOptions, Paper, SimulationFigures};
use bridger::model::Plan;
use chrono::NaiveDate;

mod common;

use common::{bridger, stderr};

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 3).unwrap()
}

fn options(paper: Paper) -> BriefOptions {
    BriefOptions { paper, date: date(), simulation: None, since: None, record: None }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Runs a poppler tool; its stdout, after checking it ran cleanly (nothing on stderr).
fn poppler(tool: &str, args: &[&str]) -> String {
    let o = Command::new(tool).args(args).output().unwrap_or_else(|e| panic!("{tool} (poppler-utils, `make apt-deps`): {e}"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && err.trim().is_empty(), "{tool} {args:?} failed or complained: {err}");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of the PDF (pages `first..=last`, all when None), runs of white space as one
/// space so that a wrapped cell still reads as one phrase.
fn text(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let (f, l) = pages.map_or((String::new(), String::new()), |(f, l)| (f.to_string(), l.to_string()));
    let mut args = vec![];
    if pages.is_some() {
        args.extend(["-f", f.as_str(), "-l", l.as_str()]);
    }
    let p = pdf.to_str().unwrap();
    args.extend([p, "-"]);
    poppler("pdftotext", &args).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pages(pdf: &Path) -> u32 {
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).unwrap()
}

#[test]
fn the_demo_brief_holds_the_key_figures_as_text() {
    let plan = bridger::demo::plan();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "brief.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let all = text(&pdf, None);
    let first = text(&pdf, Some((1, 1)));

    assert!(first.contains(&plan.name), "the plan's name is on page 1");
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    let finish = schedule.finish_date.format("%-d %b %Y").to_string();
    assert!(first.contains(&finish), "the finish date {finish} is on page 1");

    let scores = bridger::risk::scores(&plan);
    let top = plan
        .risks
        .iter()
        .zip(&scores)
        .filter(|(r, _)| r.status != bridger::model::RiskStatus::Closed)
        .min_by(|a, b| bridger::risk::rank((a.1, a.0), (b.1, b.0)))
        .unwrap();
    assert!(first.contains(&top.0.title), "the top risk '{}' is on page 1", top.0.title);

    let findings = bridger::health::findings(&plan, Some(&schedule));
    // inside one team a handoff nobody owns is a note, not on page 1 (issue 26)
    let unowned: Vec<_> =
        findings.iter().filter(|f| f.code == "unowned-handoff" && f.severity != bridger::health::Severity::Note).collect();
    assert!(!unowned.is_empty(), "the demo has unowned handoffs");
    let count = format!("{} handoffs nobody owns", unowned.len());
    assert!(first.contains(&count), "page 1 says '{count}'");

    // The worst unowned handoff is named on page 1 with the two teams it joins; every one
    // is in the appendix with both teams.
    let team = |initiative: &str| {
        let t = plan.initiative(initiative).and_then(|i| i.team.as_deref()).unwrap();
        plan.team(t).unwrap().name.clone()
    };
    let teams: Vec<(String, String)> = unowned
        .iter()
        .map(|f| {
            let h = plan.handoffs.iter().find(|h| h.id == f.subject).unwrap();
            (team(&h.from), team(&h.to))
        })
        .collect();
    assert!(teams.iter().any(|(a, b)| first.contains(&format!("{a} → {b}"))), "page 1 names the teams of an unowned handoff: {teams:?}");
    for (a, b) in &teams {
        assert!(all.contains(a.as_str()) && all.contains(b.as_str()), "{a} and {b} are in the brief");
    }
    assert!(first.contains("not simulated yet"), "no stored results: the brief says so");
    assert!(all.contains("No baseline is kept yet"), "no baselines: the brief says how to keep one");
}

#[test]
fn every_page_renders_cleanly_and_the_fonts_are_embedded_and_subset() {
    let plan = bridger::demo::plan();
    let dir = tempfile::tempdir().unwrap();
    for (name, paper) in [("a4.pdf", Paper::A4), ("letter.pdf", Paper::Letter)] {
        let pdf = write(dir.path(), name, &render(&plan, &options(paper)).unwrap());
        let prefix = dir.path().join(name.trim_end_matches(".pdf"));
        poppler("pdftoppm", &["-r", "40", "-png", pdf.to_str().unwrap(), prefix.to_str().unwrap()]);
        let n = pages(&pdf);
        assert!(n >= 5, "{name}: summary, map, risks, load, timeline, appendix: {n} pages");
        let pngs = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().starts_with(name.trim_end_matches(".pdf")))
            .count();
        assert_eq!(pngs as u32, n + 1, "{name}: one picture per page (plus the PDF)");

        let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert_eq!(rows.len(), 2, "regular and bold: {fonts}");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            assert!(cols[0].contains("+LiberationSans"), "a subset of the shipped font: {row}");
            // name type type encoding emb sub uni object generation
            let n = cols.len();
            assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "embedded, subset, with a Unicode map: {row}");
        }
    }
    let letter = poppler("pdfinfo", &[dir.path().join("letter.pdf").to_str().unwrap()]);
    assert!(letter.contains("612 x 792"), "{letter}");
}

#[test]
fn the_same_plan_and_date_give_the_same_bytes() {
    let plan = bridger::demo::plan();
    let a = render(&plan, &options(Paper::A4)).unwrap();
    let b = render(&plan, &options(Paper::A4)).unwrap();
    assert!(a == b, "two renders differ");
    let later = render(&plan, &BriefOptions { date: date().succ_opt().unwrap(), ..options(Paper::A4) }).unwrap();
    assert!(a != later, "another date is another brief");
}

#[test]
fn page_one_stays_one_page_with_a_long_summary_on_letter_paper() {
    let mut plan = bridger::demo::plan();
    plan.summary = "Pilot stores are live and stable. ".repeat(30);
    plan.asks = "Decide on the freeze window; fund a second install crew. ".repeat(20);
    plan.target = NaiveDate::from_ymd_opt(2027, 10, 29);
    let p80 = NaiveDate::from_ymd_opt(2027, 12, 10).unwrap();
    let sim = SimulationFigures {
        p50: NaiveDate::from_ymd_opt(2027, 11, 26).unwrap(),
        p80,
        iterations: 10_000,
        at: "2027-02-01".into(),
        stale: false,
        probability_on_target: Some(0.12),
        waves: Default::default(),
        milestones: Default::default(),
        deadlines: Default::default(),
    };
    let options = BriefOptions { simulation: Some(sim), ..options(Paper::Letter) };
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "brief.pdf", &render(&plan, &options).unwrap());
    let first = text(&pdf, Some((1, 1)));
    assert!(first.contains("Pilot stores are live"), "the program manager's summary");
    assert!(first.contains("fund a second install crew"), "the asks");
    assert!(first.contains("Since the last review"), "page 1 ends on its last section");
    assert!(first.contains(&p80.format("%-d %b %Y").to_string()), "the stored P80");
    assert!(first.contains("Late"), "a finish after the target reads as late: {first}");
}

#[test]
fn a_plan_with_a_cycle_is_refused_with_the_cycle_named() {
    let mut plan = Plan::new("loop", date());
    plan.initiatives.push(bridger::model::Initiative::new("a", "A", "x", 1));
    plan.initiatives.push(bridger::model::Initiative::new("b", "B", "x", 1));
    plan.handoffs.push(bridger::model::Handoff::fs("h1", "a", "b"));
    plan.handoffs.push(bridger::model::Handoff::fs("h2", "b", "a"));
    let e = render(&plan, &options(Paper::A4)).unwrap_err().to_string();
    assert!(e.contains("cycle") && e.contains("bridger check"), "{e}");
}

#[test]
fn bridger_brief_keeps_an_existing_file_unless_forced_and_never_writes_over_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(bridger(d, &["new", "demo.bridger", "--demo"]).status.success());
    let o = bridger(d, &["brief", "demo.bridger", "-o", "brief.pdf", "--date", "2027-02-03", "--paper", "letter"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let first = std::fs::read(d.join("brief.pdf")).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(
        first,
        render(&bridger::store::read(&d.join("demo.bridger")).unwrap(), &options(Paper::Letter)).unwrap(),
        "the CLI writes render's bytes"
    );

    let o = bridger(d, &["brief", "demo.bridger", "-o", "brief.pdf", "--date", "2027-02-04"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists") && stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("brief.pdf")).unwrap(), first, "the refused run left the file alone");

    let o = bridger(d, &["brief", "demo.bridger", "-o", "brief.pdf", "--date", "2027-02-04", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_ne!(std::fs::read(d.join("brief.pdf")).unwrap(), first, "--force replaced it");

    let plan = std::fs::read(d.join("demo.bridger")).unwrap();
    let o = bridger(d, &["brief", "demo.bridger", "-o", "demo.bridger", "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is a Bridger plan"), "{}", stderr(&o));
    assert_eq!(std::fs::read(d.join("demo.bridger")).unwrap(), plan);
    let mut names: Vec<String> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["brief.pdf", "demo.bridger"], "no temporary file left behind");
}

/// The brief prints the stored simulation the CLI saved: `bridger simulate` keeps its run in
/// the plan file, and `bridger brief` shows its P50 and P80 dates (never running one itself).
#[test]
fn the_brief_shows_the_p50_and_p80_of_the_stored_simulation() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(bridger(d, &["new", "demo.bridger", "--demo"]).status.success());
    let o = bridger(d, &["simulate", "demo.bridger", "--iterations", "400", "--seed", "7", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let run: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // the brief writes dates as people read them: 2028-02-29 is "29 Feb 2028"
    let shown = |key: &str| run[key].as_str().unwrap().parse::<NaiveDate>().unwrap().format("%-d %b %Y").to_string();
    let (p50, p80) = (shown("p50_date"), shown("p80_date"));
    let o = bridger(d, &["brief", "demo.bridger", "-o", "brief.pdf", "--date", "2027-02-03"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page1 = text(&d.join("brief.pdf"), Some((1, 1)));
    assert!(!page1.contains("not simulated yet"), "{page1}");
    assert!(page1.contains(&p50) && page1.contains(&p80), "P50 {p50} and P80 {p80} on page 1: {page1}");
}

/// Runs of white space as one space, as `text` gives the PDF's text.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Issue 25, point 1: the appendix reads each handoff's own owner and `confirmed` flag. A
/// handoff with no assumption gets no `unconfirmed-handoff` finding, and was printed
/// "Confirmed: yes" (or not listed at all when it had an owner).
#[test]
fn the_handoff_appendix_states_each_handoffs_own_flags() {
    use bridger::model::{Handoff, Initiative, Team};
    let mut plan = Plan::new("Flags", date());
    plan.teams.push(Team::new("dc", "Distribution", 3.0));
    plan.teams.push(Team::new("it", "Store IT", 3.0));
    plan.teams.push(Team::new("qa", "Lane QA", 3.0));
    for (id, name, team) in [("ship", "Ship the tills", "dc"), ("fit", "Fit the tills", "it"), ("test", "Test the lanes", "qa")] {
        let mut i = Initiative::new(id, name, "Ana", 5);
        i.team = Some(team.into());
        plan.initiatives.push(i);
    }
    let handoff = |id: &str, from: &str, to: &str, owner: &str| Handoff {
        owner: owner.into(),
        assumption: String::new(),
        confirmed: false,
        ..Handoff::fs(id, from, to)
    };
    // owned, no assumption, not confirmed; and nobody owns it, not confirmed
    plan.handoffs.push(handoff("h1", "ship", "fit", "Marco"));
    plan.handoffs.push(handoff("h2", "fit", "test", ""));
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "flags.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let all = text(&pdf, None);
    let appendix = &all[all.find("Appendix: handoffs nobody owns or confirmed").expect("the appendix")..];
    assert!(!appendix.starts_with("Appendix: handoffs nobody owns or confirmed Every handoff"), "{appendix}");
    assert!(
        appendix.contains("Ship the tills → Fit the tills Distribution → Store IT Marco no (no assumption stated)"),
        "owned but not confirmed: {appendix}"
    );
    assert!(appendix.contains("Fit the tills → Test the lanes Store IT → Lane QA nobody no (no assumption stated)"), "{appendix}");
    assert!(!appendix.contains(" yes "), "neither is confirmed: {appendix}");
    let first = text(&pdf, Some((1, 1)));
    assert!(first.contains("1 handoff nobody owns, 2 the receiving side has not confirmed"), "{first}");
}

/// Issue 25, point 2: the summary, the asks and the headline are whole on page 1 (the
/// sections give way), and a summary longer than a page is whole on a later page.
#[test]
fn nothing_the_program_manager_wrote_is_cut() {
    let plan = bridger::demo::plan();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "demo.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let first = text(&pdf, Some((1, 1)));
    assert!(first.contains(&squash(&plan.summary)), "the whole summary on page 1: {first}");
    assert!(first.contains(&squash(&plan.asks)), "the whole asks on page 1: {first}");
    assert!(!first.contains('…'), "nothing on page 1 ends in an ellipsis: {first}");

    let mut long = plan.clone();
    long.summary = (1..=300).map(|k| format!("Sentence {k} of the summary.")).collect::<Vec<_>>().join(" ");
    let pdf = write(dir.path(), "long.pdf", &render(&long, &options(Paper::A4)).unwrap());
    let first = text(&pdf, Some((1, 1)));
    assert!(first.contains("Sentence 1 of the summary.") && first.contains(&squash(&plan.asks)), "{first}");
    assert!(first.contains("Whole on the page \"Summary and asks, in full\""), "{first}");
    let all = text(&pdf, None);
    let full = &all[all.find("Summary and asks, in full Program manager's summary").expect("the page in full")..];
    // every sentence, across the page breaks (footers and "(continued)" headings between)
    for k in 1..=300 {
        assert!(full.contains(&format!("Sentence {k} ")), "sentence {k} on the pages in full");
    }
    assert!(full.contains("Sentence 300 of the summary."), "the last sentence whole");
}

/// Issue 25, point 3: "On track" only when the target and every deadline are met; a missed
/// deadline is named in the headline.
#[test]
fn the_headline_weighs_the_deadlines() {
    let plan = bridger::demo::plan();
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    let missed: Vec<_> = schedule.initiatives.iter().filter(|s| s.deadline_slack.is_some_and(|d| d < 0)).collect();
    assert_eq!(missed.len(), 1, "the demo misses one deadline");
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "demo.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let first = text(&pdf, Some((1, 1)));
    let head = &first[first.find("Not on track: the plan misses 1 deadline").expect("the headline names the missed deadline")..];
    assert!(head.contains(&format!("'{}' by", missed[0].name)), "{head}");
    assert!(!first.contains("On track"), "{first}");

    // Met deadlines and the target: on track.
    let mut fine = plan.clone();
    for i in &mut fine.initiatives {
        i.finish_no_later_than = None;
    }
    let pdf = write(dir.path(), "fine.pdf", &render(&fine, &options(Paper::A4)).unwrap());
    let first = text(&pdf, Some((1, 1)));
    assert!(first.contains("On track if nothing slips: the plan finishes"), "{first}");
}

/// Issue 25, point 4: where the map is summarised (the demo's 153 initiatives), the critical
/// path follows in order with readable names, and every handoff nobody owns or confirmed
/// with both its initiatives and both teams; the timeline says whose dates it draws.
#[test]
fn the_map_pages_show_the_critical_path_and_every_open_seam_by_name() {
    let plan = bridger::demo::plan();
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "demo.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let all = text(&pdf, None);
    let path_at = all.find("The critical path: the work that drives the finish, in order").expect("a critical path page");
    let seams_at = all.find("Handoffs nobody owns or confirmed: who gives, who receives").expect("a page of the open seams");
    let path = &all[path_at..seams_at];
    for (k, id) in schedule.critical_path.iter().enumerate() {
        let name = &plan.initiative(id).unwrap().name;
        let first_words: String = name.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(path.contains(&format!("{}. {first_words}", k + 1)), "step {} '{name}' on the critical path pages", k + 1);
    }
    let seams = &all[seams_at..];
    let team = |id: &str| plan.team(plan.initiative(id).unwrap().team.as_deref().unwrap()).unwrap().name.clone();
    let team_id = |id: &str| plan.initiative(id).unwrap().team.clone();
    let open: Vec<_> =
        plan.handoffs.iter().filter(|h| (h.owner.trim().is_empty() || !h.confirmed) && team_id(&h.from) != team_id(&h.to)).collect();
    assert!(open.len() >= 6, "the demo has open seams: {}", open.len());
    for h in open {
        for id in [&h.from, &h.to] {
            let name = &plan.initiative(id).unwrap().name;
            let first_words: String = name.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
            assert!(seams.contains(&first_words), "'{name}' of the handoff {} on the seams page", h.id);
            assert!(seams.contains(&team(id)), "its team {}", team(id));
        }
    }
    assert!(all.contains("Bars: the critical path's dates, if nothing slips"), "no forecast kept: the timeline says so");

    // With a kept forecast, the waves' bars are its P50, with a whisker to P80.
    let waves = plan.waves.iter().map(|w| (w.id.clone(), (schedule.finish_date, schedule.finish_date))).collect();
    let sim = SimulationFigures {
        p50: schedule.finish_date,
        p80: schedule.finish_date,
        iterations: 500,
        at: "2027-02-01".into(),
        stale: false,
        probability_on_target: None,
        waves,
        milestones: Default::default(),
        deadlines: Default::default(),
    };
    let pdf = write(dir.path(), "forecast.pdf", &render(&plan, &BriefOptions { simulation: Some(sim), ..options(Paper::A4) }).unwrap());
    let all = text(&pdf, None);
    assert!(
        all.contains("Bars: from the first start to the P50 of the kept forecast (500 runs, 2027-02-01)"),
        "the timeline says it is the forecast"
    );
}

/// Issue 25, point 3, with a current forecast: a deadline is weighed at 80% confidence as the
/// target is. The demo without its missed deadline is "On track" if nothing slips; a kept
/// forecast giving one of its deadlines a 40% chance makes it "Not on track", named.
#[test]
fn with_a_forecast_the_headline_weighs_the_deadlines_at_80_percent() {
    let mut plan = bridger::demo::plan();
    let schedule = bridger::schedule::schedule(&plan).unwrap();
    // every deadline met if nothing slips: keep only those with slack
    for i in &mut plan.initiatives {
        let s = schedule.initiatives.iter().find(|s| s.id == i.id).unwrap();
        if s.deadline_slack.is_some_and(|d| d < 0) {
            i.finish_no_later_than = None;
        }
    }
    let dated = plan.initiatives.iter().find(|i| i.finish_no_later_than.is_some()).expect("a deadline met").clone();
    let due = dated.finish_no_later_than.unwrap();
    let figures = |chance: f64| SimulationFigures {
        p50: schedule.finish_date,
        p80: schedule.finish_date,
        iterations: 2000,
        at: "2027-02-01".into(),
        stale: false,
        probability_on_target: Some(1.0),
        waves: Default::default(),
        milestones: Default::default(),
        deadlines: [(dated.id.clone(), (due, chance, Some(due.succ_opt().unwrap())))].into_iter().collect(),
    };
    let dir = tempfile::tempdir().unwrap();
    let headline = |sim: SimulationFigures, name: &str| {
        let pdf = write(dir.path(), name, &render(&plan, &BriefOptions { simulation: Some(sim), ..options(Paper::A4) }).unwrap());
        text(&pdf, Some((1, 1)))
    };
    let sure = headline(figures(0.95), "sure.pdf");
    assert!(sure.contains("On track at 80% confidence"), "{sure}");
    let risky = headline(figures(0.4), "risky.pdf");
    assert!(risky.contains("Not on track: the plan misses 1 deadline at 80% confidence:"), "{risky}");
    assert!(risky.contains(&format!("'{}' (due", dated.name)) && risky.contains("40% chance"), "{risky}");
    assert!(!risky.contains("On track"), "{risky}");
}

/// Issue 26: the heat map's cells name their risks by title (shortened to fit), not by id; the
/// register gives the titles whole.
#[test]
fn the_heat_map_names_risks_by_their_titles() {
    let plan = bridger::demo::plan();
    let dir = tempfile::tempdir().unwrap();
    let pdf = write(dir.path(), "brief.pdf", &render(&plan, &options(Paper::A4)).unwrap());
    let page = (1..=pages(&pdf)).find(|&p| text(&pdf, Some((p, p))).contains("Risks: heat map and register")).expect("a risk page");
    let all = text(&pdf, Some((page, page)));
    let (map, _) = all.split_once("Risk register").expect("the register after the heat map");
    for r in &plan.risks {
        assert!(!map.contains(&r.id), "the heat map shows the id {}: {map}", r.id);
    }
    let heat = bridger::risk::heat_map(&plan);
    let lone: Vec<&bridger::model::Risk> =
        heat.iter().filter(|c| c.risks.len() == 1).filter_map(|c| plan.risks.iter().find(|r| r.id == c.risks[0])).collect();
    assert!(!lone.is_empty(), "the demo has a cell of one risk");
    // The register's columns share lines in the text: a title's words in order, none cut.
    let register = text(&pdf, Some((page, (page + 3).min(pages(&pdf)))));
    let register = register.split_once("Risk register").map_or("", |r| r.1);
    let whole: Vec<&str> = register.split_whitespace().collect();
    let in_order = |title: &str| {
        let mut at = whole.iter();
        title.split_whitespace().all(|w| at.any(|x| *x == w))
    };
    for r in plan.risks.iter().filter(|r| r.status != bridger::model::RiskStatus::Closed) {
        assert!(in_order(&r.title), "'{}' whole in the register", r.title);
    }
    for r in lone {
        // a cell of one risk has four lines for its title: its first words are there
        let start: String = r.title.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
        assert!(map.contains(&start), "'{start}' in the heat map: {map}");
    }
}
