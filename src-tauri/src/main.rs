//! Bridger's desktop shell: opens one plan file and answers the window's questions about it.
//!
//! Every command is a line or two over `bridger::api`, the one door the CLI uses too (the
//! shell names nothing of the core but `bridger::api` and `model` types); the work runs on
//! a blocking thread so the window never waits on SQLite or the scheduler. Its rooms:
//! `session` (which plan opens, the plan behind its lock, the recent plans, the job slots),
//! `commands` (the window's commands; their names listed once in `commands.txt`),
//! `dialogs` (one `pick` for every native file dialog), `jobs` (a simulation or a leveling
//! in the background with its progress sent to the page), `recent`.

// No console window next to the app on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod jobs;
mod recent;
mod session;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use bridger::api::Arrangement;
use tauri::{Manager, Runtime};

use session::{first_plan, instance_key, no_plan, Session};

/// The app on any runtime (Wry for the window, the mock runtime in tests), opening `plan`
/// (else `$BRIDGER_PLAN`, else the last plan, else no plan: the window's start page) and
/// keeping the recent list in `config` (else the app's config folder).
fn app<R: Runtime>(builder: tauri::Builder<R>, plan: Option<&Path>, config: Option<&Path>) -> tauri::Builder<R> {
    let plan = plan.map(Path::to_path_buf);
    let config = config.map(Path::to_path_buf);
    builder
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let recent = config.or_else(|| app.path().app_config_dir().ok()).map(|d| d.join("recent.json"));
            let (path, last) = first_plan(plan, recent.as_deref());
            let mut session = Session::open(path.clone());
            if last && session.plan.lock().is_ok_and(|p| p.is_err()) {
                // The last plan no longer opens (damaged, from a newer Bridger): the start page.
                session = Session::open(Err(no_plan()));
            }
            session.recent = recent;
            let opened = session.plan.lock().map(|p| p.is_ok()).unwrap_or(false);
            if let (true, Ok(p), Some(list)) = (opened, &path, &session.recent) {
                let _ = recent::remember(list, p);
            }
            session.retitle(app.handle());
            // The first view (a full layout) is computed while the web view starts, not after
            // the page asks for it: the page's first `view` waits for this and takes it.
            let plan = Arc::clone(&session.plan);
            std::thread::spawn(move || {
                if let Ok(Ok(editing)) = plan.lock().as_deref_mut() {
                    let _ = editing.prepare(Arrangement::Flow);
                }
            });
            app.manage(session);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::overview,
            commands::view,
            commands::first_view,
            commands::apply,
            commands::arrange,
            commands::place,
            commands::fold,
            commands::undo,
            commands::redo,
            commands::changed,
            commands::open_plan,
            commands::new_plan,
            commands::save_as,
            commands::recent_plans,
            commands::open_recent,
            commands::open_demo,
            commands::watch_opens,
            commands::open_requested,
            commands::version,
            commands::new_from_file,
            commands::analysis,
            commands::simulate,
            commands::cancel_simulation,
            commands::exposure,
            commands::brief,
            commands::import_plan,
            commands::export_plan,
            commands::capacity,
            commands::sites,
            commands::template_layout,
            commands::priorities,
            commands::health,
            commands::rerank,
            commands::what_to_stop,
            commands::accept_stop,
            commands::level,
            commands::cancel_level,
            commands::accept_level,
            commands::discard_level,
            commands::clear_level,
            commands::draft,
            commands::removal,
            commands::update_view,
            commands::since,
            commands::keep_baseline,
            commands::baseline_of_record,
            commands::delete_baseline,
        ])
}

/// A second start of the app on the same data folder (a double-click on a plan while it
/// runs) hands its command line here and exits: its window comes forward, and its plan,
/// resolved against its working folder, opens as File > Open opens one.
fn opened_elsewhere<R: Runtime>(app: &tauri::AppHandle<R>, argv: Vec<String>, cwd: String) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
    if let (Some(plan), Some(session)) = (argv.get(1).filter(|a| !a.is_empty()), app.try_state::<Session>()) {
        session.request_open(Path::new(&cwd).join(plan));
    }
}

/// What of the window is remembered between starts.
const WINDOW_STATE: tauri_plugin_window_state::StateFlags = tauri_plugin_window_state::StateFlags::SIZE
    .union(tauri_plugin_window_state::StateFlags::POSITION)
    .union(tauri_plugin_window_state::StateFlags::MAXIMIZED);

fn main() {
    // A plan given as the first argument opens: what a desktop does when a user
    // double-clicks a .bridger file.
    let plan = std::env::args_os().nth(1).map(PathBuf::from);
    let context = tauri::generate_context!();
    let builder = tauri::Builder::default()
        // First: a second start hands its plan over before it builds anything.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(instance_key(&context.config().identifier))
                .callback(opened_elsewhere)
                .build(),
        )
        // The window's size, place and maximised state, restored at start; saved as they
        // change (the plugin alone saves only on a clean exit of the event loop, which a
        // killed or crashed app never reaches): a small file, rewritten from the window.
        .plugin(tauri_plugin_window_state::Builder::new().with_state_flags(WINDOW_STATE).build())
        .on_window_event(|window, event| {
            if matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_) | tauri::WindowEvent::CloseRequested { .. }) {
                use tauri_plugin_window_state::AppHandleExt;
                let _ = window.app_handle().save_window_state(WINDOW_STATE);
            }
        });
    let result = app(builder, plan.as_deref(), None).run(context);
    if let Err(e) = result {
        eprintln!("bridger-app: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    //! The commands through Tauri's IPC on the mock runtime (no window, no display), with the
    //! app's real configuration and capabilities.
    use std::path::Path;

    use serde_json::Value;
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
    use tauri::webview::InvokeRequest;
    use tauri::Manager;

    /// The plan in a file, read as any front end reads one: through `bridger::api`.
    fn read_plan(path: &Path) -> bridger::model::Plan {
        bridger::api::files::load(path, None, chrono::NaiveDate::MIN).expect("readable").plan
    }

    /// Starts the app on `plan` and invokes `cmd` from the main window's own page.
    fn invoke(plan: &Path, cmd: &str) -> Result<Value, Value> {
        invoke_from(plan, cmd, "tauri://localhost")
    }

    /// Same, as if the window had navigated to `url`.
    fn invoke_from(plan: &Path, cmd: &str, url: &str) -> Result<Value, Value> {
        call(&start(plan), cmd, url)
    }

    /// The app on the mock runtime, set up as the first event loop turn does it.
    fn start(plan: &Path) -> tauri::App<tauri::test::MockRuntime> {
        let config = plan.parent().map(|d| d.join("config"));
        let mut app = super::app(mock_builder(), Some(plan), config.as_deref()).build(tauri::generate_context!()).expect("the app builds");
        // Creates the configured windows and runs the app's setup, as the first event loop
        // turn does in the real app (the mock runtime's iteration does nothing else).
        #[allow(deprecated)]
        app.run_iteration(|_, _| {});
        app
    }

    /// Invokes `cmd` from the main window's page, as if it were at `url`.
    fn call(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, url: &str) -> Result<Value, Value> {
        call_with(app, cmd, url, InvokeBody::default())
    }

    /// Invokes `cmd` with JSON arguments from the main window's own page.
    fn ask(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        call_with(app, cmd, "tauri://localhost", InvokeBody::Json(args))
    }

    fn call_with(app: &tauri::App<tauri::test::MockRuntime>, cmd: &str, url: &str, body: InvokeBody) -> Result<Value, Value> {
        let window = app.get_webview_window("main").expect("the main window");
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().expect("a url"),
            body,
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&window, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    #[test]
    fn a_change_made_by_the_cli_shows_on_the_next_command() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let before = call(&app, "overview", "tauri://localhost").expect("an overview");
        // Another front end, through the same door the CLI uses.
        let mut other = bridger::api::Editing::open(&plan, "cli").expect("the CLI opens it too");
        other.apply(vec![bridger::api::Edit::RemoveInitiative("program-close".into())], bridger::api::Arrangement::Flow).expect("an edit");
        let after = call(&app, "overview", "tauri://localhost").expect("an overview");
        let rows = |v: &Value| v["schedule"]["initiatives"].as_array().map(Vec::len).unwrap_or(0);
        assert_eq!(rows(&after), rows(&before) - 1);
    }

    /// Collapsing and expanding on the map (issue 28): the demo opens with every card (40
    /// stores); By wave draws each wave as one card with its summary, a wave expanded shows
    /// its stores each one card; the file is not edited (nothing to undo).
    #[test]
    fn the_fold_command_collapses_and_expands_waves_without_an_edit() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let demo = bridger::api::files::demo();
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert_eq!(v["layout"]["cards"].as_array().map(Vec::len), Some(demo.initiatives.len()), "the demo: every initiative");
        let all = serde_json::json!({"change": {"op": "collapse_all"}, "arrangement": "flow"});
        let v = ask(&app, "fold", all).expect("by wave");
        assert_eq!(v["kind"], "delta", "{v}");
        let groups = v["delta"]["layout"]["groups"].as_array().expect("the group cards");
        assert_eq!(groups.len(), demo.waves.len(), "one card per wave");
        let summaries = v["delta"]["groups"].as_array().expect("their figures");
        assert!(summaries.iter().all(|g| g["finish"].is_string() && g["initiatives"].as_u64() > Some(0)), "{summaries:?}");
        let wave = &demo.waves[0].id;
        let open = serde_json::json!({"change": {"op": "expand_wave", "id": wave}, "arrangement": "flow"});
        let v = ask(&app, "fold", open).expect("a wave open");
        let sites: Vec<&Value> =
            v["delta"]["layout"]["groups"].as_array().expect("group cards").iter().filter(|g| g["kind"] == "site").collect();
        assert_eq!(
            sites.len(),
            demo.sites.iter().filter(|s| s.wave.as_deref() == Some(wave.as_str())).count(),
            "its stores, each one card"
        );
        assert!(v["delta"]["undo"].is_null(), "no edit: nothing to undo");
        assert_eq!(read_plan(&plan), demo, "the plan file is as it was");
    }

    /// The editor's round trip: a view with its layout, a patch that keeps other fields, a
    /// refused edit with its code and the cycle named, a batch undone in one step, and a
    /// change by another program noticed by the poll.
    #[test]
    fn the_editor_commands_edit_the_file_and_return_what_to_draw() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let demo = bridger::api::files::demo();
        let v = ask(&app, "view", serde_json::json!({"arrangement": "seams"})).expect("a view");
        assert_eq!(v["layout"]["cards"].as_array().map(Vec::len), Some(demo.initiatives.len()));
        assert_eq!(v["lanes"].as_array().map(Vec::len), Some(demo.teams.len()));
        assert_eq!(v["heat"].as_array().map(Vec::len), Some(25));
        assert!(v["undo"].is_null(), "a new plan has nothing to undo");

        let first = &demo.initiatives[0].id;
        let patch = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed", "position": {"x": 5.0, "y": 7.0}}}});
        let v = ask(&app, "apply", serde_json::json!({"edits": [patch], "arrangement": "seams"})).expect("saved");
        let saved = read_plan(&plan);
        let i = saved.initiative(first).expect("still there");
        assert_eq!((i.name.as_str(), i.owner.as_str()), ("Renamed", demo.initiatives[0].owner.as_str()), "only the patched fields change");
        assert_eq!(v["kind"], "delta", "the window holds the seams view: only what changed comes back");
        let changed = v["delta"]["initiatives"]["set"].as_array().expect("the renamed initiative");
        assert_eq!((changed.len(), &changed[0][1]["name"]), (1, &Value::from("Renamed")), "{v}");
        assert_eq!(v["delta"]["undo"]["id"], Value::from(first.as_str()));

        let last = &demo.initiatives.last().expect("initiatives").id;
        let back = serde_json::json!({"op": "add_handoff", "value": {"id": "back", "from": last, "to": first}});
        let error = ask(&app, "apply", serde_json::json!({"edits": [back], "arrangement": "flow"})).expect_err("a cycle");
        assert_eq!(error["code"], "cycle", "{error}");
        assert!(error["message"].as_str().unwrap_or_default().contains("handoffs form a cycle"), "{error}");
        assert_eq!(read_plan(&plan), saved, "a refused edit changes nothing");

        let step = ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        assert_eq!(step["summary"]["kind"], "initiative");
        assert_eq!(read_plan(&plan).initiative(first).map(|i| i.name.clone()), Some(demo.initiatives[0].name.clone()));

        let nothing = serde_json::json!({"plan": false, "analysis": false, "baselines": false});
        assert_eq!(ask(&app, "changed", Value::Null).expect("polled"), nothing);
        // The CLI's `bridger edit` path: another program's edit to the same file.
        let mut cli = bridger::api::edit::EditFile::open(&plan, "bridger").expect("the CLI opens it too");
        let remove = serde_json::json!({"op": "remove_handoff", "value": demo.handoffs[0].id});
        cli.apply_line(&remove.to_string()).expect("an edit");
        assert_eq!(
            ask(&app, "changed", Value::Null).expect("polled"),
            serde_json::json!({"plan": true, "analysis": false, "baselines": false}),
            "the CLI's edit is noticed"
        );
        assert_eq!(ask(&app, "changed", Value::Null).expect("polled"), nothing, "once");
    }

    /// The Since panel's baselines: kept (the first is of record, so the view carries each
    /// row's baseline dates), another made of record, then deleted; none of it an edit.
    #[test]
    fn baselines_are_kept_made_of_record_and_deleted() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let kept = ask(&app, "keep_baseline", serde_json::json!({"name": "Week 1"})).expect("kept");
        assert_eq!(kept["of_record"], true, "the first is of record");
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert!(v["schedule"]["initiatives"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["finish_variance"] == 0 && r["baseline_start"].is_string()));
        ask(&app, "keep_baseline", serde_json::json!({"name": "Week 2"})).expect("kept");
        ask(&app, "baseline_of_record", serde_json::json!({"name": "Week 2"})).expect("marked");
        let listed = |app: &tauri::App<tauri::test::MockRuntime>| {
            let s = ask(app, "since", serde_json::json!({"name": null})).expect("the Since panel");
            s["baselines"].as_array().expect("baselines").iter().map(|b| (b["name"].clone(), b["of_record"].clone())).collect::<Vec<_>>()
        };
        assert_eq!(listed(&app), [("Week 1".into(), false.into()), ("Week 2".into(), true.into())]);
        let missing = ask(&app, "baseline_of_record", serde_json::json!({"name": "Week 9"})).expect_err("no such baseline");
        assert_eq!(missing["code"], "not_found", "{missing}");
        ask(&app, "delete_baseline", serde_json::json!({"name": "Week 2"})).expect("deleted");
        assert_eq!(listed(&app), [("Week 1".into(), true.into())]);
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert!(v["undo"].is_null(), "nothing to undo: no edit was made");
    }

    /// Moving cards by hand and arranging again: a position belongs to Flow; in Seams a card
    /// moves along its lane (its Flow y is kept); Arrange clears hand-placed positions in
    /// one undo step.
    #[test]
    fn cards_are_placed_by_hand_and_arranged_again() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let demo = bridger::api::demo::plan();
        let (a, b) = (demo.initiatives[0].id.clone(), demo.initiatives[1].id.clone());
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        let flow_y = v["layout"]["cards"]
            .as_array()
            .expect("cards")
            .iter()
            .find(|c| c["id"] == b.as_str())
            .map(|c| c["y"].as_f64().unwrap_or(-1.0))
            .expect("b");
        let moves = serde_json::json!([{"id": a, "x": 111.0, "y": 222.0}]);
        ask(&app, "place", serde_json::json!({"moves": moves, "arrangement": "flow"})).expect("placed");
        let moves = serde_json::json!([{"id": b, "x": 333.0, "y": 9999.0}]);
        ask(&app, "place", serde_json::json!({"moves": moves, "arrangement": "seams"})).expect("placed");
        let saved = read_plan(&plan);
        let pos = |id: &str| saved.initiative(id).and_then(|i| i.position).map(|p| (p.x, p.y));
        assert_eq!(pos(&a), Some((111.0, 222.0)));
        assert_eq!(pos(&b), Some((333.0, flow_y)), "in Seams only x moves; Flow's y is kept");
        let v = ask(&app, "arrange", serde_json::json!({"ids": null, "arrangement": "flow"})).expect("arranged");
        assert!(read_plan(&plan).initiatives.iter().all(|i| i.position.is_none()));
        assert_eq!(v["kind"], "full", "the window held the seams view: the flow view comes whole");
        assert_eq!(v["view"]["undo"]["edits"], 2, "one undo step clears both");
        ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        let back = read_plan(&plan);
        assert_eq!(back.initiative(&a).and_then(|i| i.position).map(|p| (p.x, p.y)), Some((111.0, 222.0)));
    }

    /// Open, and the recent list: a file that is not a plan leaves the open plan as it was
    /// (the window stays usable); a plan that opens replaces it and goes first in the list,
    /// from which the window reopens by place, never by a path of its own.
    #[test]
    fn switching_plans_keeps_the_open_one_on_failure_and_remembers_the_recent_ones() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let demo = dir.path().join("demo.bridger");
        let app = start(&demo);
        let session = app.state::<super::session::Session>();
        let notes = dir.path().join("notes.bridger");
        std::fs::write(&notes, "not a plan").expect("write");
        let error = tauri::async_runtime::block_on(session.switch(notes.clone(), None)).expect_err("refused");
        assert_eq!(error.code, bridger::api::ErrorCode::NotAPlan);
        assert!(error.message.contains("notes.bridger"), "{}", error.message);
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("still usable");
        assert_eq!(v["plan"]["name"], Value::from(bridger::api::demo::plan().name));

        let other = dir.path().join("other.bridger");
        let mut small = bridger::model::Plan::new("Other plan", chrono::NaiveDate::from_ymd_opt(2027, 1, 4).expect("a date"));
        small.initiatives.push(bridger::model::Initiative::new("a", "A", "Ann", 2));
        drop(bridger::api::Editing::create(&other, &small, "bridger").expect("created"));
        tauri::async_runtime::block_on(session.switch(other.clone(), None)).expect("opened");
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert_eq!(v["plan"]["name"], "Other plan");
        let recent = ask(&app, "recent_plans", Value::Null).expect("a list");
        let names: Vec<String> = recent
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| Path::new(p.as_str().unwrap_or("")).file_name().unwrap_or_default().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["other.bridger", "demo.bridger"]);
        let opened = ask(&app, "open_recent", serde_json::json!({"index": 1})).expect("reopened");
        assert!(opened.as_str().unwrap_or("").ends_with("demo.bridger"), "{opened}");
        let v = ask(&app, "view", serde_json::json!({"arrangement": "flow"})).expect("a view");
        assert_eq!(v["plan"]["name"], Value::from(bridger::api::demo::plan().name));
        assert!(ask(&app, "open_recent", serde_json::json!({"index": 7})).expect("nothing").is_null(), "no such place: nothing opens");
    }

    /// Invokes `cmd` from a window handle (usable from another thread).
    fn ask_window(window: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("a url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(window, request).map(|body| body.deserialize::<Value>().expect("json"))
    }

    /// A run through the commands: its results are kept in the plan file and shown again
    /// when the plan is reopened, without running again; an edit makes them stale.
    #[test]
    fn a_simulation_is_kept_in_the_plan_and_shown_again_on_reopening() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let none = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert!(none["simulation"].is_null(), "not simulated yet: {none}");
        let a = ask(&app, "simulate", serde_json::json!({"iterations": 400, "onProgress": "__CHANNEL__:1"})).expect("simulated");
        let sim = &a["simulation"];
        assert_eq!((sim["iterations"].as_u64(), &sim["stale"]), (Some(400), &Value::Bool(false)), "{a}");
        assert!(sim["s_curve"].as_array().is_some_and(|c| c.len() > 2) && sim["p80"]["date"].is_string());
        let kept = bridger::api::analysis::kept_in_file(&plan).expect("readable").expect("kept in the file");
        assert_eq!((kept.iterations, kept.stale), (400, false));
        drop(app);

        let app = start(&plan);
        let again = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert_eq!(again["simulation"]["p80"], sim["p80"], "shown again from the file");
        assert_eq!(again["simulation"]["at"], sim["at"], "the same run, not a new one");
        let first = &bridger::api::demo::plan().initiatives[0].id;
        // A name, or the summary for leaders, moves no date: the forecast stays current.
        let rename = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed"}}});
        let summary = serde_json::json!({"op": "patch", "value": {"kind": "plan", "id": "plan", "fields": {"summary": "On track."}}});
        ask(&app, "apply", serde_json::json!({"edits": [rename, summary], "arrangement": "flow"})).expect("saved");
        let fresh = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert_eq!(fresh["simulation"]["stale"], Value::Bool(false), "nothing the simulation reads changed");
        // A duration does: the plan changed since this run.
        let longer = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"duration": {"optimistic": 30, "likely": 40, "pessimistic": 60}}}});
        ask(&app, "apply", serde_json::json!({"edits": [longer], "arrangement": "flow"})).expect("saved");
        let stale = ask(&app, "analysis", Value::Null).expect("an analysis");
        assert_eq!(stale["simulation"]["stale"], Value::Bool(true), "the plan changed since this run");

        let risk = &bridger::api::demo::plan().risks.iter().find(|r| !r.initiatives.is_empty()).expect("a linked risk").id.clone();
        let reach = ask(&app, "exposure", serde_json::json!({"risk": risk})).expect("its reach");
        assert!(reach["reached"].as_array().is_some_and(|r| !r.is_empty()), "{reach}");
        assert_eq!(ask(&app, "exposure", serde_json::json!({"risk": "nope"})).expect_err("unknown")["code"], "not_found");
    }

    /// The progress counts up to the iterations; a cancelled run ends with the code
    /// `cancelled` and keeps nothing; a second run while one works is refused.
    #[test]
    fn a_simulation_reports_progress_and_can_be_cancelled() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let session = app.state::<super::session::Session>();
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let log = std::sync::Arc::clone(&seen);
        let job = session.simulation.start("a simulation").expect("none runs");
        let done = tauri::async_runtime::block_on(super::jobs::simulate_with(&session, 3_000, false, job, move |p| {
            log.lock().expect("the log").push((p.done, p.total));
        }));
        session.simulation.end();
        assert!(done.is_ok());
        let seen = seen.lock().expect("the log").clone();
        assert_eq!(seen.last(), Some(&(3_000, 3_000)), "{seen:?}");
        assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "never backwards: {seen:?}");

        let plan = dir.path().join("other.bridger");
        let app = start(&plan);
        let window = app.get_webview_window("main").expect("the main window");
        let runner = window.clone();
        let run = std::thread::spawn(move || {
            ask_window(&runner, "simulate", serde_json::json!({"iterations": 50_000_000, "onProgress": "__CHANNEL__:2"}))
        });
        let session = app.state::<super::session::Session>();
        // wait until it works, then try a second run and cancel the first
        let started = std::time::Instant::now();
        while session.simulation.running().is_none_or(|j| j.done() == 0) {
            assert!(started.elapsed().as_secs() < 60, "the run never started");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let second =
            ask_window(&window, "simulate", serde_json::json!({"iterations": 10, "onProgress": "__CHANNEL__:3"})).expect_err("busy");
        assert_eq!(second["code"], "busy", "{second}");
        assert_eq!(ask_window(&window, "cancel_simulation", Value::Null).expect("asked"), Value::Bool(true));
        let error = run.join().expect("the runner").expect_err("cancelled");
        assert_eq!(error["code"], "cancelled", "{error}");
        assert!(bridger::api::analysis::kept_in_file(&plan).expect("readable").is_none(), "a cancelled run keeps nothing");
        assert_eq!(ask_window(&window, "cancel_simulation", Value::Null).expect("asked"), Value::Bool(false), "nothing runs now");
        let a = ask_window(&window, "view", serde_json::json!({"arrangement": "flow"}));
        assert!(a.is_ok(), "the plan was never held by the run");
    }

    /// Level the demo (a proposal: nothing saved), accept it as one undo step: no team-week
    /// is over capacity any more; undo brings the over-allocated weeks back.
    #[test]
    fn a_leveling_is_proposed_then_accepted_as_one_undo_step() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let before = ask(&app, "capacity", Value::Null).expect("the grid");
        let over = before["over_weeks"].as_u64().unwrap_or(0);
        assert!(over > 0 && before["proposal"].is_null(), "the demo is over-allocated: {}", before["over_weeks"]);
        let v = ask(&app, "level", serde_json::json!({"iterations": 2_000, "onProgress": "__CHANNEL__:1"})).expect("levelled");
        let p = &v["proposal"];
        assert_eq!(p["over_after"], 0, "{p}");
        let moved = p["moved"].as_array().map_or(0, Vec::len);
        assert!(moved > 0, "{p}");
        assert_eq!(v["over_weeks"].as_u64(), Some(over), "a proposal saves nothing");
        let shifted = v["timeline"]["bars"].as_array().map_or(0, |b| b.iter().filter(|b| !b["levelled"].is_null()).count());
        assert_eq!(shifted, moved, "the timeline shows each moved bar levelled");
        assert!(read_plan(&plan).initiatives.iter().all(|i| i.leveling_delay == 0));

        ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect("accepted");
        let after = ask(&app, "capacity", Value::Null).expect("the grid");
        assert_eq!((after["over_weeks"].as_u64(), &after["levelled"]), (Some(0), &Value::Bool(true)), "{}", after["over_weeks"]);
        assert!(after["proposal"].is_null(), "accepted: nothing pending");
        let saved = read_plan(&plan);
        assert!(saved.leveling_basis.is_some() && saved.initiatives.iter().any(|i| i.leveling_delay > 0));
        let again = ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("nothing pending");
        assert_eq!(again["code"], "not_found");

        ask(&app, "undo", serde_json::json!({"arrangement": "flow"})).expect("undone");
        let undone = read_plan(&plan);
        assert!(
            undone.leveling_basis.is_none() && undone.initiatives.iter().all(|i| i.leveling_delay == 0),
            "one undo step takes it all back"
        );
        let back = ask(&app, "capacity", Value::Null).expect("the grid");
        assert_eq!(back["over_weeks"].as_u64(), Some(over));

        // Proposed, then the plan is edited: the proposal no longer applies.
        ask(&app, "level", serde_json::json!({"iterations": 200, "onProgress": "__CHANNEL__:2"})).expect("levelled");
        let first = &bridger::api::demo::plan().initiatives[0].id;
        let patch = serde_json::json!({"op": "patch", "value": {"kind": "initiative", "id": first, "fields": {"name": "Renamed"}}});
        ask(&app, "apply", serde_json::json!({"edits": [patch], "arrangement": "flow"})).expect("saved");
        assert!(ask(&app, "capacity", Value::Null).expect("the grid")["proposal"].is_null(), "stale: not shown");
        let stale = ask(&app, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("stale");
        assert_eq!(stale["code"], "invalid", "{stale}");
        assert_eq!(ask(&app, "discard_level", Value::Null).expect("asked"), Value::Bool(true));
        assert_eq!(ask(&app, "cancel_level", Value::Null).expect("asked"), Value::Bool(false), "nothing runs");
    }

    /// A leveling reports the schedules it has tried; cancelled, it ends with the code
    /// `cancelled` and proposes nothing; a second one while it works is refused.
    #[test]
    fn a_leveling_reports_progress_and_can_be_cancelled() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("demo.bridger");
        let app = start(&plan);
        let window = app.get_webview_window("main").expect("the main window");
        let runner = window.clone();
        let run = std::thread::spawn(move || {
            ask_window(&runner, "level", serde_json::json!({"iterations": 50_000_000_000u64, "onProgress": "__CHANNEL__:4"}))
        });
        let session = app.state::<super::session::Session>();
        let started = std::time::Instant::now();
        while session.leveling.running().is_none_or(|j| j.done() == 0) {
            assert!(started.elapsed().as_secs() < 60, "the leveling never started");
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let second = ask_window(&window, "level", serde_json::json!({"iterations": 10, "onProgress": "__CHANNEL__:5"})).expect_err("busy");
        assert_eq!(second["code"], "busy", "{second}");
        assert!(ask_window(&window, "view", serde_json::json!({"arrangement": "flow"})).is_ok(), "the plan is not held by the run");
        assert_eq!(ask_window(&window, "cancel_level", Value::Null).expect("asked"), Value::Bool(true));
        let error = run.join().expect("the runner").expect_err("cancelled");
        assert_eq!(error["code"], "cancelled", "{error}");
        assert!(ask_window(&window, "capacity", Value::Null).expect("the grid")["proposal"].is_null(), "nothing proposed");
        let accept = ask_window(&window, "accept_level", serde_json::json!({"arrangement": "flow"})).expect_err("nothing to accept");
        assert_eq!(accept["code"], "not_found");
    }

    /// At start, with no plan on the command line and no `$BRIDGER_PLAN`, the last plan
    /// opened opens again; without one (or when it no longer opens), the start page.
    #[test]
    fn the_last_plan_opens_at_start_else_the_start_page() {
        if std::env::var_os("BRIDGER_PLAN").is_some_and(|p| !p.is_empty()) {
            return; // the variable comes first: this start would not read the recent list
        }
        let dir = tempfile::tempdir().expect("a temp dir");
        let config = dir.path().join("config");
        let started = |config: &Path| {
            let mut app = super::app(mock_builder(), None, Some(config)).build(tauri::generate_context!()).expect("the app builds");
            #[allow(deprecated)]
            app.run_iteration(|_, _| {});
            app
        };
        let first = call(&started(&config), "overview", "tauri://localhost").expect_err("no plan yet");
        assert_eq!(first["code"], "no_plan", "a first start: the start page ({first})");

        let plan = dir.path().join("last.bridger");
        drop(start(&plan)); // opened once (made from the demo): it is the last plan now
        let again = call(&started(&config), "overview", "tauri://localhost").expect("the last plan");
        assert_eq!(again["path"], Value::from(std::fs::canonicalize(&plan).expect("exists").display().to_string()));

        std::fs::write(&plan, "no longer a plan").expect("write");
        let broken = call(&started(&config), "overview", "tauri://localhost").expect_err("not a plan");
        assert_eq!(broken["code"], "no_plan", "a last plan that does not open: the start page ({broken})");
    }

    /// A second start on a plan while the app runs (its command line and working folder,
    /// handed over by the single-instance plugin): the page is told, and the plan, resolved
    /// against that folder, opens as Open opens one; once.
    #[test]
    fn a_plan_opened_from_outside_opens_in_the_running_app() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let app = start(&dir.path().join("demo.bridger"));
        assert_eq!(ask(&app, "open_requested", Value::Null).expect("asked"), Value::Null, "nothing asked for yet");
        let other = dir.path().join("other.bridger");
        bridger::api::Editing::open_or_create_demo(&other, "test").expect("another plan");
        let cwd = dir.path().display().to_string();
        super::opened_elsewhere(app.handle(), vec!["bridger-app".into(), "other.bridger".into()], cwd.clone());
        let opened = ask(&app, "open_requested", Value::Null).expect("opened");
        assert_eq!(opened, Value::from(other.display().to_string()));
        assert_eq!(call(&app, "overview", "tauri://localhost").expect("an overview")["path"], opened);
        assert_eq!(ask(&app, "open_requested", Value::Null).expect("asked"), Value::Null, "opened once");

        // A file that is not a plan: refused, the open plan stays.
        std::fs::write(dir.path().join("notes.bridger"), "notes").expect("write");
        super::opened_elsewhere(app.handle(), vec!["bridger-app".into(), "notes.bridger".into()], cwd.clone());
        assert_eq!(ask(&app, "open_requested", Value::Null).expect_err("not a plan")["code"], "not_a_plan");
        assert_eq!(call(&app, "overview", "tauri://localhost").expect("an overview")["path"], opened);
        // A second start with no plan only brings the window forward.
        super::opened_elsewhere(app.handle(), vec!["bridger-app".into()], cwd);
        assert_eq!(ask(&app, "open_requested", Value::Null).expect("asked"), Value::Null);
    }

    #[test]
    fn the_version_is_the_workspaces() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let app = start(&dir.path().join("demo.bridger"));
        let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml")).expect("Cargo.toml");
        let version = ask(&app, "version", Value::Null).expect("the version");
        assert!(manifest.contains(&format!("version = {version}")), "{version} is the workspace's version");
    }

    #[test]
    fn first_start_creates_the_demo_plan_and_returns_its_overview() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("sub").join("demo.bridger");
        let overview = invoke(&plan, "overview").expect("an overview");
        assert!(plan.exists(), "the demo plan was written to {}", plan.display());
        assert_eq!(overview["name"], Value::from(bridger::api::demo::plan().name));
        assert_eq!(overview["path"], Value::from(plan.display().to_string()));
        assert!(overview["schedule_error"].is_null(), "{}", overview["schedule_error"]);
        let rows = overview["schedule"]["initiatives"].as_array().map(Vec::len);
        assert_eq!(rows, Some(bridger::api::demo::plan().initiatives.len()));
    }

    #[test]
    fn a_file_that_is_not_a_plan_is_an_error_with_a_code_and_a_message() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let plan = dir.path().join("notes.bridger");
        std::fs::write(&plan, "not a plan").expect("write");
        let error = invoke(&plan, "overview").expect_err("an error");
        assert_eq!(error["code"], "not_a_plan", "{error}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.contains(&plan.display().to_string()), "the message names the file: {message}");
        assert_eq!(std::fs::read_to_string(&plan).ok().as_deref(), Some("not a plan"), "the file is left as it was");
    }

    #[test]
    fn commands_outside_the_app_manifest_are_refused() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let error = invoke(&dir.path().join("demo.bridger"), "open_anything").expect_err("refused");
        assert!(error.to_string().contains("not allowed"), "{error}");
    }

    #[test]
    fn a_remote_page_cannot_call_the_app() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let error = invoke_from(&dir.path().join("demo.bridger"), "overview", "https://example.com").expect_err("refused");
        assert!(error.to_string().contains("not allowed"), "{error}");
    }

    /// Without `core:default`, Tauri's own APIs (app, window, event, path) are closed to the
    /// page: a script injected into it could not close windows, read paths or emit events.
    #[test]
    fn the_window_cannot_call_tauri_core_apis() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let app = start(&dir.path().join("demo.bridger"));
        for cmd in ["plugin:app|version", "plugin:window|close", "plugin:event|emit", "plugin:path|resolve_directory"] {
            let error = call(&app, cmd, "tauri://localhost").expect_err(cmd);
            assert!(error.to_string().contains("not allowed"), "{cmd}: {error}");
        }
        assert!(call(&app, "overview", "tauri://localhost").is_ok(), "the app's own command still works");
    }

    /// The window's permissions and CSP only change on purpose: widening them fails here.
    #[test]
    fn capabilities_and_csp_stay_narrow() {
        let read = |p: &str| -> Value {
            let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).expect("readable");
            serde_json::from_str(&text).expect("json")
        };
        let caps: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .expect("capabilities/")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(caps, ["main.json"], "one capability file");
        let main = read("capabilities/main.json");
        assert_eq!(main["windows"], serde_json::json!(["main"]));
        // Exactly the app's own commands (the table, commands.txt): no `core:default`
        // (window, event, path, menu...), which the UI does not use. A new permission is added
        // there on purpose, or not at all.
        let table = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("commands.txt")).expect("the command table");
        let allowed: Vec<String> = table
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|n| format!("allow-{}", n.replace('_', "-")))
            .collect();
        assert_eq!(main["permissions"], serde_json::json!(allowed));
        let conf = read("tauri.conf.json");
        assert_eq!(
            conf["app"]["security"]["csp"],
            "default-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'"
        );
        assert!(conf["app"]["security"]["dangerousDisableAssetCspModification"].is_null(), "Tauri adds its nonces to the CSP");
        assert!(conf["plugins"].as_object().is_none_or(|p| p.is_empty()), "no plugins");
    }
}
