//! The architecture invariants of ARCHITECTURE.md, checked on the source tree.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !matches!(name, "node_modules" | "dist" | "target" | "gen") {
                files(&p, ext, out);
            }
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

fn sources(dir: &str, ext: &str) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    files(&root().join(dir), ext, &mut out);
    out.sort();
    out.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap())).collect()
}

fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// The code of a Rust file without its `#[cfg(test)]` module.
fn non_test(text: &str) -> &str {
    if text.contains("#![cfg(test)]") {
        return ""; // a file of tests
    }
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn every_rust_module_says_what_it_is_for() {
    let mut missing = Vec::new();
    for dir in ["src", "src-tauri/src"] {
        for (p, text) in sources(dir, "rs") {
            if !text.trim_start().starts_with("//!") {
                missing.push(rel(&p));
            }
        }
    }
    assert!(missing.is_empty(), "modules without a //! doc comment: {missing:?}");
}

#[test]
fn no_placeholders_left() {
    for dir in ["src", "src-tauri/src"] {
        for (p, text) in sources(dir, "rs") {
            for bad in ["todo!(", "unimplemented!(", "dbg!("] {
                assert!(!text.contains(bad), "{} contains {bad}", rel(&p));
            }
        }
    }
}

#[test]
fn only_store_talks_sql_and_only_the_cli_uses_anyhow() {
    for (p, text) in sources("src", "rs") {
        let r = rel(&p);
        if !r.starts_with("src/store/") {
            assert!(!text.contains("rusqlite"), "{r} uses rusqlite: only src/store/ talks SQL");
        }
        if !r.starts_with("src/bin/") {
            assert!(!text.contains("anyhow"), "{r} uses anyhow: the library's errors are typed");
        }
    }
}

#[test]
fn the_core_knows_nothing_of_tauri() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let deps = manifest.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
    assert!(!deps.contains("tauri"), "the core crate depends on Tauri");
    for (p, text) in sources("src", "rs") {
        assert!(!text.contains("tauri"), "{} mentions tauri", rel(&p));
    }
}

#[test]
fn user_data_paths_do_not_unwrap() {
    // What a user or a file supplies goes through store/, io/ and model/: errors, not panics.
    for dir in ["src/store", "src/io", "src/model", "src/schedule"] {
        for (p, text) in sources(dir, "rs") {
            let code = non_test(&text);
            assert!(!code.contains(".unwrap()"), "{} calls unwrap() outside tests", rel(&p));
            assert!(!code.contains(".expect("), "{} calls expect() outside tests", rel(&p));
        }
    }
}

#[test]
fn only_the_backend_module_imports_tauri_in_the_ui() {
    for (p, text) in sources("ui/src", "ts") {
        if rel(&p) != "ui/src/backend.ts" {
            assert!(!text.contains("@tauri-apps"), "{} imports @tauri-apps: go through backend.ts", rel(&p));
        }
    }
}

/// The main window's permissions, exactly. Widening them is a decision: add the new one here
/// (the file dialogs will add their own, and only those).
const WINDOW_PERMISSIONS: &[&str] = &[
    "allow-overview",
    "allow-view",
    "allow-first-view",
    "allow-apply",
    "allow-arrange",
    "allow-place",
    "allow-fold",
    "allow-undo",
    "allow-redo",
    "allow-changed",
    "allow-open-plan",
    "allow-new-plan",
    "allow-save-as",
    "allow-recent-plans",
    "allow-open-recent",
    "allow-open-demo",
    // a plan double-clicked while the app runs (issue 32): the page listens, then opens it
    "allow-watch-opens",
    "allow-open-requested",
    // File > About
    "allow-version",
    "allow-new-from-file",
    "allow-analysis",
    "allow-simulate",
    "allow-cancel-simulation",
    "allow-exposure",
    "allow-brief",
    "allow-capacity",
    "allow-level",
    "allow-cancel-level",
    "allow-accept-level",
    "allow-discard-level",
    "allow-clear-level",
    "allow-import-plan",
    "allow-export-plan",
    "allow-draft",
    "allow-removal",
    "allow-update-view",
    "allow-since",
    "allow-keep-baseline",
    "allow-baseline-of-record",
    "allow-delete-baseline",
    "allow-sites",
    "allow-template-layout",
    "allow-priorities",
    "allow-health",
    "allow-rerank",
    "allow-what-to-stop",
    "allow-accept-stop",
];

/// The CSP's directives, exactly: every source is the app itself or nothing.
const CSP: &[(&str, &str)] = &[
    ("default-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
    ("object-src", "'none'"),
    ("frame-ancestors", "'none'"),
];

#[test]
fn the_window_is_locked_down() {
    let conf = std::fs::read_to_string(root().join("src-tauri/tauri.conf.json")).unwrap();
    let conf: serde_json::Value = serde_json::from_str(&conf).unwrap();
    let security = &conf["app"]["security"];
    let csp = security["csp"].as_str().unwrap_or("");
    let directives: Vec<(&str, String)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace();
            (words.next().unwrap_or(""), words.collect::<Vec<_>>().join(" "))
        })
        .collect();
    for (name, sources) in &directives {
        // No 'unsafe-inline', 'unsafe-eval', scheme, host or wildcard may creep in.
        assert!(matches!(sources.as_str(), "'self'" | "'none'"), "CSP directive {name} allows {sources}: {csp}");
    }
    let expected: Vec<(&str, String)> = CSP.iter().map(|(n, v)| (*n, v.to_string())).collect();
    assert_eq!(directives, expected, "the CSP changed: {csp}");
    assert!(security.get("dangerousDisableAssetCspModification").is_none(), "Tauri must keep adding its nonces to the CSP");
    assert!(security.get("headers").is_none() && security.get("capabilities").is_none(), "security settings outside the files pinned here");
    assert!(conf["plugins"].as_object().is_none_or(|p| p.is_empty()), "no plugins");

    let caps = sources("src-tauri/capabilities", "json");
    assert_eq!(caps.len(), 1, "one capability file for the main window");
    let cap: serde_json::Value = serde_json::from_str(&caps[0].1).unwrap();
    assert_eq!(cap["windows"], serde_json::json!(["main"]), "the capability is for the main window only");
    assert!(cap.get("webviews").is_none() && cap.get("remote").is_none(), "no other webview or remote URL gets the capability");
    let granted: Vec<&str> =
        cap["permissions"].as_array().unwrap().iter().map(|p| p.as_str().or_else(|| p["identifier"].as_str()).unwrap_or("")).collect();
    assert_eq!(granted, WINDOW_PERMISSIONS, "the main window's permissions changed");
    for perm in cap["permissions"].as_array().unwrap() {
        assert!(perm.is_string(), "a permission with a scope: {perm}");
    }
    let build = std::fs::read_to_string(root().join("src-tauri/build.rs")).unwrap();
    assert!(build.contains(".commands("), "app commands must be allow-listed in build.rs");
}

#[test]
fn the_architecture_map_names_every_module() {
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for e in std::fs::read_dir(root().join("src")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "lib.rs" || name == "bin" {
            continue;
        }
        let shown = if e.path().is_dir() { format!("src/{name}/") } else { format!("src/{name}") };
        assert!(arch.contains(&shown), "ARCHITECTURE.md does not describe {shown}");
    }
}

/// The crate paths a Rust file names (`bridger::api::files` gives `api`), in non-test code.
fn core_paths(text: &str) -> Vec<String> {
    let code = non_test(text);
    let mut out = Vec::new();
    for (at, _) in code.match_indices("bridger::") {
        // a path inside a doc comment or a string is prose, not a use
        let line = code[..at].rsplit('\n').next().unwrap_or("");
        if line.trim_start().starts_with("//") {
            continue;
        }
        let rest = &code[at + "bridger::".len()..];
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        out.push(name);
    }
    out
}

/// What may name the core outside `api`: the rule of "one door" for a front end's files.
fn doors_kept(files: &[(PathBuf, String)], allowed: &[&str]) -> Vec<String> {
    let mut bad = Vec::new();
    for (p, text) in files {
        for name in core_paths(text) {
            if !allowed.contains(&name.as_str()) {
                bad.push(format!("{} names bridger::{name}", rel(p)));
            }
        }
    }
    bad
}

/// One door: the shell names nothing of the core but `bridger::api` and `model` types; the
/// CLI names `api`, `model`, `report` and the generator `gen` (for `--generated N`), and
/// only its benchmark commands (`bench`, `psplib`) reach further.
#[test]
fn the_front_ends_go_through_the_api() {
    let shell = doors_kept(&sources("src-tauri/src", "rs"), &["api", "model"]);
    assert!(shell.is_empty(), "src-tauri reaches past bridger::api: {shell:?}");
    let cli: Vec<(PathBuf, String)> = sources("src/bin/bridger", "rs")
        .into_iter()
        .filter(|(p, _)| !matches!(p.file_name().and_then(|n| n.to_str()), Some("bench.rs" | "psplib.rs")))
        .collect();
    let cli = doors_kept(&cli, &["api", "model", "report", "gen"]);
    assert!(cli.is_empty(), "the CLI reaches past bridger::api: {cli:?}");
    // The check itself catches a file that reaches past it.
    let bad = vec![(PathBuf::from("src-tauri/src/x.rs"), "use bridger::store::PlanFile;\n// bridger::schedule in prose\n".to_string())];
    assert_eq!(doors_kept(&bad, &["api", "model"]), ["src-tauri/src/x.rs names bridger::store"]);
}

/// Field names are spelled in one place, the edit vocabulary (`src/edit.rs`, and the store's
/// `store/edit.rs`, which applies a patch to the file): everywhere else the core builds a
/// patch with a typed builder (`Edit::set_leveling_delay`...), so a
/// renamed field cannot leave a caller patching a name that no longer exists.
#[test]
fn patches_are_built_by_the_edit_vocabulary_only() {
    let mut bad = Vec::new();
    for dir in ["src", "src-tauri/src"] {
        for (p, text) in sources(dir, "rs") {
            let r = rel(&p);
            if r == "src/edit.rs" || r == "src/store/edit.rs" {
                continue;
            }
            let code = non_test(&text);
            let built = code.match_indices("Patch {").any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if code.contains("Edit::Patch(") || built {
                bad.push(r);
            }
        }
    }
    assert!(bad.is_empty(), "patches spelled by hand outside the edit vocabulary (src/edit.rs): {bad:?}");
}

/// The window's commands, listed once in src-tauri/commands.txt.
fn command_table(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(String::from).collect()
}

/// Names in `text` after each `start` up to the first character that ends a name.
fn names_after(text: &str, start: &str) -> Vec<String> {
    text.match_indices(start)
        .map(|(at, _)| text[at + start.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-').collect())
        .collect()
}

/// Every place a command name must appear, against the table: the function in
/// src-tauri/src/commands.rs, `generate_handler!` in src-tauri/src/main.rs, the capability
/// file's `allow-...` permission and the page's call in ui/src/backend.ts. What is missing
/// or extra in each place.
fn command_places(table: &[String], commands_rs: &str, main_rs: &str, capability: &str, backend_ts: &str) -> Vec<String> {
    use std::collections::BTreeSet;
    let want: BTreeSet<String> = table.iter().cloned().collect();
    let kebab: BTreeSet<String> = table.iter().map(|n| format!("allow-{}", n.replace('_', "-"))).collect();
    let fns: BTreeSet<String> = commands_rs
        .split("#[tauri::command]")
        .skip(1)
        .filter_map(|rest| rest.split("fn ").nth(1).map(|r| r.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect()))
        .collect();
    let handler = main_rs.split("generate_handler![").nth(1).and_then(|r| r.split(']').next()).unwrap_or("");
    let handled: BTreeSet<String> = names_after(handler, "commands::").into_iter().collect();
    let allowed: BTreeSet<String> = names_after(capability, "\"allow-").into_iter().map(|n| format!("allow-{n}")).collect();
    let called: BTreeSet<String> = names_after(backend_ts, ">(\"").into_iter().chain(names_after(backend_ts, "call(\"")).collect();
    let mut out = Vec::new();
    for (place, have, want) in [
        ("src-tauri/src/commands.rs", &fns, &want),
        ("generate_handler! in src-tauri/src/main.rs", &handled, &want),
        ("src-tauri/capabilities/main.json", &allowed, &kebab),
        ("ui/src/backend.ts", &called, &want),
    ] {
        for n in want.difference(have) {
            out.push(format!("{place}: missing {n}"));
        }
        for n in have.difference(want) {
            out.push(format!("{place}: {n} is not in src-tauri/commands.txt"));
        }
    }
    out
}

/// A command is named in one table; a piece missing in any place it must appear fails here
/// (the build allows exactly the table's commands: src-tauri/build.rs reads it).
#[test]
fn every_command_is_in_every_place_it_must_be() {
    let read = |p: &str| std::fs::read_to_string(root().join(p)).unwrap();
    let table = command_table(&read("src-tauri/commands.txt"));
    assert!(table.len() > 20, "{table:?}");
    let (commands, main, capability, backend) = (
        read("src-tauri/src/commands.rs"),
        read("src-tauri/src/main.rs"),
        read("src-tauri/capabilities/main.json"),
        read("ui/src/backend.ts"),
    );
    let problems = command_places(&table, &commands, &main, &capability, &backend);
    assert!(problems.is_empty(), "{problems:#?}");
    // The check catches a command added to the table and nowhere else, and one left out of it.
    let mut more = table.clone();
    more.push("publish".into());
    let problems = command_places(&more, &commands, &main, &capability, &backend);
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems.iter().all(|p| p.contains("missing")), "{problems:#?}");
    let fewer: Vec<String> = table.iter().filter(|n| *n != "brief").cloned().collect();
    let problems = command_places(&fewer, &commands, &main, &capability, &backend);
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

/// The files of `files` that write a file other than through `io::output` in non-test code.
fn writers_outside_output(files: &[(PathBuf, String)]) -> Vec<String> {
    // io::output is the one writer of user-named outputs; io::input opens inputs (read only,
    // without blocking on a FIFO); recent.rs keeps the app's own list of recent plans in its
    // config folder, a path no user names.
    const ALLOWED: [&str; 3] = ["src/io/output.rs", "src/io/input.rs", "src-tauri/src/recent.rs"];
    files
        .iter()
        .filter(|(p, _)| !ALLOWED.contains(&rel(p).as_str()))
        .filter(|(_, text)| {
            let code = non_test(text);
            // `PlanFile::create` makes a plan through the store: only `File::create` itself counts.
            ["fs::write(", "File::create(", "OpenOptions"]
                .iter()
                .any(|w| code.match_indices(w).any(|(at, _)| !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_')))
        })
        .map(|(p, _)| rel(p))
        .collect()
}

/// Every output file goes through `io::output` (refuses a plan, a database, a link; an
/// existing file only when asked; atomic): no other writer in the core, the CLI or the shell.
#[test]
fn every_output_file_goes_through_io_output() {
    let mut files = sources("src", "rs");
    files.extend(sources("src-tauri/src", "rs"));
    let bad = writers_outside_output(&files);
    assert!(bad.is_empty(), "files written outside io::output: {bad:?}");
    let example = vec![(root().join("src/bin/bridger/layout.rs"), "fn svg() { std::fs::write(out, text); }".to_string())];
    assert_eq!(writers_outside_output(&example), ["src/bin/bridger/layout.rs"], "the check catches a direct write");
}

/// The module a source file under src/ is (`src/schedule/cpm.rs` is `schedule::cpm`,
/// `src/api/mod.rs` or `src/api.rs` is `api`); None for the binaries.
fn module_of(rel_path: &str) -> Option<String> {
    let p = rel_path.strip_prefix("src/")?.strip_suffix(".rs")?;
    if p.starts_with("bin/") {
        return None;
    }
    let mut parts: Vec<&str> = p.split('/').collect();
    if parts.last() == Some(&"mod") {
        parts.pop();
    }
    if parts == ["lib"] {
        parts.clear();
    }
    Some(parts.join("::"))
}

/// The modules each module names (`crate::x::y`, `super::x`), in non-test code and outside
/// comments; a module and its own parent or children do not count (a folder's `mod.rs`
/// declares its rooms, and they use what it defines for all of them).
fn module_graph(files: &[(String, String)]) -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| module_of(p)).collect();
    let resolve = |path: &[&str]| -> Option<String> { (1..=path.len()).rev().map(|k| path[..k].join("::")).find(|m| modules.contains(m)) };
    let related = |a: &str, b: &str| a.is_empty() || b.is_empty() || a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"));
    let mut graph = BTreeMap::new();
    for (p, text) in files {
        let Some(m) = module_of(p) else { continue };
        let code: String = non_test(text).lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
        let here: Vec<&str> = if m.is_empty() { Vec::new() } else { m.split("::").collect() };
        let mut to = BTreeSet::new();
        for (prefix, base) in [("crate::", Vec::new()), ("super::", here[..here.len().saturating_sub(1)].to_vec())] {
            for path in names_after_path(&code, prefix) {
                let full: Vec<&str> = base.iter().copied().chain(path.split("::")).collect();
                if let Some(t) = resolve(&full) {
                    if t != m && !related(&m, &t) {
                        to.insert(t);
                    }
                }
            }
        }
        graph.insert(m, to);
    }
    graph
}

/// The paths after each `prefix` in `code` (`a::b::c`).
fn names_after_path(code: &str, prefix: &str) -> Vec<String> {
    code.match_indices(prefix)
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| {
            code[at + prefix.len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':').collect::<String>()
        })
        .map(|s| s.trim_end_matches(':').to_string())
        .collect()
}

/// The circles of a module graph: each a list of modules that reach each other.
fn circles(graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>) -> Vec<Vec<String>> {
    let reach = |from: &str| -> std::collections::BTreeSet<String> {
        let mut seen = std::collections::BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(v) = stack.pop() {
            for w in graph.get(&v).into_iter().flatten() {
                if seen.insert(w.clone()) {
                    stack.push(w.clone());
                }
            }
        }
        seen
    };
    let reaches: std::collections::BTreeMap<&String, std::collections::BTreeSet<String>> = graph.keys().map(|m| (m, reach(m))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for m in graph.keys() {
        let circle: Vec<String> = graph.keys().filter(|o| reaches[m].contains(*o) && reaches[*o].contains(m)).cloned().collect();
        if circle.len() > 1 && !out.contains(&circle) {
            out.push(circle);
        }
    }
    out
}

/// No import circle between the core's files: every module sits above what it uses (`model`
/// at the bottom, the analyses, then the edges); a circle means two rooms share one job.
#[test]
fn no_import_circle_between_the_cores_files() {
    let files: Vec<(String, String)> = sources("src", "rs").into_iter().map(|(p, t)| (rel(&p), t)).collect();
    let graph = module_graph(&files);
    assert!(graph.contains_key("schedule::cpm") && graph["api"].contains("store"), "the graph is read: {:?}", graph.get("api"));
    let found = circles(&graph);
    assert!(found.is_empty(), "import circles: {found:?}");
    // model depends on nothing else in the crate
    let model: Vec<&String> = graph
        .iter()
        .filter(|(m, _)| *m == "model" || m.starts_with("model::"))
        .flat_map(|(_, to)| to)
        .filter(|t| !t.starts_with("model"))
        .collect();
    assert!(model.is_empty(), "model imports {model:?}");
    // The check catches a circle, through `super::` as well as `crate::`.
    let bad = vec![
        ("src/health.rs".to_string(), "use crate::capacity::over;".to_string()),
        ("src/capacity.rs".to_string(), "use crate::health::Finding;".to_string()),
        ("src/schedule/mod.rs".to_string(), "mod cpm;".to_string()),
        ("src/schedule/cpm.rs".to_string(), "use super::network::Network;".to_string()),
        ("src/schedule/network.rs".to_string(), "use super::cpm::ScheduleError; // crate::health".to_string()),
    ];
    assert_eq!(
        circles(&module_graph(&bad)),
        [vec!["capacity".to_string(), "health".to_string()], vec!["schedule::cpm".into(), "schedule::network".into()]]
    );
}

/// Files longer than this must say, in their opening comment, why they are one job.
const LONG_FILE: usize = 820;

/// The files over [`LONG_FILE`] lines whose opening comment does not say why they are one job.
fn long_files_unexplained(files: &[(PathBuf, String)]) -> Vec<String> {
    files
        .iter()
        .filter(|(_, text)| text.lines().count() > LONG_FILE)
        .filter(|(_, text)| {
            let opening: String = text.lines().take_while(|l| l.starts_with("//")).collect::<Vec<_>>().join(" ");
            !(opening.contains("One job in one file") || opening.contains("Long because"))
        })
        .map(|(p, text)| format!("{} ({} lines)", rel(p), text.lines().count()))
        .collect()
}

/// Rooms with one job each: a file over about 800 lines says in its opening comment why it
/// is still one job, or is split.
#[test]
fn long_files_say_why_they_are_one_job() {
    let mut files = sources("src", "rs");
    files.extend(sources("src-tauri/src", "rs"));
    files.extend(sources("ui/src", "ts").into_iter().filter(|(p, _)| !p.ends_with("bindings.ts")));
    let bad = long_files_unexplained(&files);
    assert!(bad.is_empty(), "long files that do not say why they are one job: {bad:?}");
    let example = vec![(root().join("ui/src/main.ts"), "// The app.\n".to_string() + &"x;\n".repeat(900))];
    assert_eq!(long_files_unexplained(&example), ["ui/src/main.ts (901 lines)"]);
}

/// The window has no inline style (the CSP has no 'unsafe-inline'), and the graph knows no
/// dates: two invariants of ARCHITECTURE.md a text search can hold.
#[test]
fn no_inline_style_and_a_graph_without_dates() {
    let inline = |text: &str| ["style=", "setAttribute(\"style\"", "cssText"].iter().any(|w| text.contains(w));
    let mut ui = sources("ui/src", "ts");
    ui.extend(sources("ui", "html").into_iter().filter(|(p, _)| !rel(p).contains("dist")));
    let bad: Vec<String> = ui.iter().filter(|(_, t)| inline(t)).map(|(p, _)| rel(p)).collect();
    assert!(bad.is_empty(), "inline styles: {bad:?}");
    assert!(inline(r#"h("div", { style: "x" }); el.setAttribute("style", "color: red")"#), "the check catches one");
    let graph = std::fs::read_to_string(root().join("src/graph.rs")).unwrap();
    for word in ["NaiveDate", "WorkCalendar", "calendar"] {
        assert!(!non_test(&graph).contains(word), "src/graph.rs names {word}: the graph is structure only");
    }
}

/// The string literals of a Rust or TypeScript source, comments skipped; in a template
/// literal, what `${...}` computes is left out. Plain scanning, enough for this tree.
fn literals(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        let next = chars.get(k + 1).copied();
        if c == '/' && next == Some('/') {
            while k < chars.len() && chars[k] != '\n' {
                k += 1;
            }
        } else if c == '/' && next == Some('*') {
            k += 2;
            while k + 1 < chars.len() && !(chars[k] == '*' && chars[k + 1] == '/') {
                k += 1;
            }
            k += 2;
        } else if c == '\'' && chars.get(k + 2) == Some(&'\'') {
            k += 3; // a Rust char literal such as '"'
        } else if c == '\'' && next == Some('\\') && chars.get(k + 3) == Some(&'\'') {
            k += 4; // '\n', '\''
        } else if c == '"'
            || c == '`'
            || (c == '\'' && !chars.get(k.wrapping_sub(1)).is_some_and(|p| p.is_alphanumeric() || *p == '&' || *p == '<'))
        {
            let quote = c;
            let start = k;
            let mut s = String::new();
            k += 1;
            while k < chars.len() && chars[k] != quote {
                if chars[k] == '\\' {
                    k += 2;
                    continue;
                }
                if quote == '`' && chars[k] == '$' && chars.get(k + 1) == Some(&'{') {
                    let mut depth = 0;
                    while k < chars.len() {
                        match chars[k] {
                            '{' => depth += 1,
                            '}' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                        k += 1;
                    }
                    s.push(' ');
                    k += 1;
                    continue;
                }
                if quote == '\'' && chars[k] == '\n' {
                    break; // a lifetime or a stray quote, not a string
                }
                s.push(chars[k]);
                k += 1;
            }
            k += 1;
            // a class list ("btn small ghost exposure") is for CSS, not people
            let before: String = chars[..start].iter().rev().take(12).collect::<String>().chars().rev().collect();
            let class_list = before.trim_end().trim_end_matches(['"', '`', '\'']).trim_end().ends_with("class:") || s.starts_with("btn ");
            if !class_list {
                out.push(s);
            }
        } else {
            k += 1;
        }
    }
    out
}

/// The retired words of docs/glossary.md: the first column of the table after
/// "## Retired words".
fn retired_words() -> Vec<String> {
    let text = std::fs::read_to_string(root().join("docs/glossary.md")).unwrap();
    let table = text.split("## Retired words").nth(1).expect("a table of retired words in docs/glossary.md");
    table
        .lines()
        .filter_map(|l| l.strip_prefix('|'))
        .filter_map(|l| l.split('|').next())
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty() && w != "retired" && !w.starts_with("---"))
        .collect()
}

/// `word` (one or more words) in `text` as whole words, case aside.
fn says(text: &str, word: &str) -> bool {
    let (text, word) = (text.to_lowercase(), word.to_lowercase());
    let edge = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
    text.match_indices(&word).any(|(at, _)| edge(text[..at].chars().next_back()) && edge(text[at + word.len()..].chars().next()))
}

/// The retired words that `literals` of a file show a person: a literal for people has a
/// space in it or starts with a capital (a class name, a key or an id has neither).
fn retired_in(text: &str, retired: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for s in literals(text) {
        if !(s.contains(' ') || s.chars().next().is_some_and(char::is_uppercase)) {
            continue;
        }
        for w in retired {
            if says(&s, w) {
                found.push(format!("'{w}' in \"{s}\""));
            }
        }
    }
    found
}

/// One vocabulary (issue 26): no word the glossary retires in what the window, the brief
/// or the CLI show. The CLI's help is its doc comments, read as text too.
#[test]
fn retired_words_are_not_shown_to_people() {
    let retired = retired_words();
    assert!(retired.iter().any(|w| w == "Exposure"), "{retired:?}");
    // the check itself, on bad examples
    assert_eq!(retired_in(r#"h("h3", {}, "Exposure"); x.exposure; h("td", { class: "exposure" })"#, &retired).len(), 1);
    assert_eq!(retired_in("let s = format!(\"{} iterations, seed {}\", n, s); let c = '\"';", &retired).len(), 1);
    assert!(retired_in("`risk-exposure-${id}` `Simulated ${s.iterations} runs` h(\"b\", { class: \"btn ghost exposure\" })", &retired)
        .is_empty());

    let mut files = Vec::new();
    for (p, text) in sources("ui/src", "ts") {
        if !p.ends_with("bindings.ts") && !p.ends_with("glossary.ts") {
            files.push((p, text));
        }
    }
    for dir in ["src/brief", "src/report", "src/bin/bridger", "src/api"] {
        files.extend(sources(dir, "rs"));
    }
    for f in ["src/report.rs", "src/health.rs", "src/capacity.rs", "src/words.rs", "src/findings.rs"] {
        let p = root().join(f);
        let text = std::fs::read_to_string(&p).unwrap();
        files.push((p, text));
    }
    let mut found = Vec::new();
    for (p, text) in &files {
        let name = rel(p);
        // developer tools, not the product's words
        if name.ends_with("bench.rs") || name.ends_with("psplib.rs") {
            continue;
        }
        let code = if name.ends_with(".rs") { non_test(text) } else { text.as_str() };
        for w in retired_in(code, &retired) {
            found.push(format!("{name}: {w}"));
        }
        if name.starts_with("src/bin/") {
            for line in code.lines().filter_map(|l| l.trim_start().strip_prefix("///")) {
                for w in retired.iter().filter(|w| says(line, w)) {
                    found.push(format!("{name}: '{w}' in the help \"{}\"", line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "retired words (docs/glossary.md) shown to people:\n{}", found.join("\n"));
}

/// The glossary's terms as the window shows them (File > Glossary): `ui/src/glossary.ts`,
/// generated from docs/glossary.md (`UPDATE_GLOSSARY=1` writes it), never edited by hand.
fn glossary_ts() -> String {
    let text = std::fs::read_to_string(root().join("docs/glossary.md")).unwrap();
    let terms = text.split("## Terms").nth(1).and_then(|t| t.split("\n## ").next()).expect("a Terms section");
    let mut entries = Vec::new();
    for para in terms.split("\n\n") {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        let Some(rest) = para.strip_prefix("**") else { continue };
        let Some((term, body)) = rest.split_once("**") else { continue };
        let body = body.trim_start_matches(':').trim().replace("**", "");
        entries.push(format!("  {{ term: {}, text: {} }},\n", serde_json::to_string(term).unwrap(), serde_json::to_string(&body).unwrap()));
    }
    format!(
        "// Generated from docs/glossary.md by tests/tidy.rs (UPDATE_GLOSSARY=1 cargo test --test tidy): do not edit.\n\
         export interface GlossaryEntry {{\n  readonly term: string;\n  readonly text: string;\n}}\n\n\
         export const GLOSSARY: readonly GlossaryEntry[] = [\n{}];\n",
        entries.concat()
    )
}

#[test]
fn the_windows_glossary_is_the_docs_glossary() {
    let path = root().join("ui/src/glossary.ts");
    let want = glossary_ts();
    if std::env::var_os("UPDATE_GLOSSARY").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "ui/src/glossary.ts is not docs/glossary.md's copy: run UPDATE_GLOSSARY=1 cargo test --test tidy");
    assert!(want.contains("term: \"Float\""), "{want}");
}
