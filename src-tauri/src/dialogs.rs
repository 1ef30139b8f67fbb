//! The native file dialogs, shown from Rust (tauri-plugin-dialog) so that the page never
//! names a path and holds no file-system permission. One `pick` for every kind of dialog:
//! what each asks, its filter, the name it offers, the extension it adds when the user
//! typed none.

use std::path::PathBuf;

use bridger::api::files::Format;
use bridger::api::{ApiError, ErrorCode};
use tauri::Runtime;
use tauri_plugin_dialog::DialogExt;

use crate::session::internal;

/// What a dialog is for.
pub enum Dialog<'a> {
    /// Open a plan file.
    OpenPlan,
    /// Name a new plan file (holding the demo, or an empty plan).
    NewPlan { demo: bool },
    /// Name the copy of the open plan.
    SaveAs,
    /// Name a new plan file made from the file called `stem` in another format.
    NewFrom { stem: &'a str },
    /// Name the brief of the plan called `plan`.
    Brief { plan: &'a str },
    /// Pick what to import: a folder of CSV files, or an MS Project XML or JSON file.
    Import { folder: bool },
    /// Name the export of the plan called `plan` in `format`.
    Export { format: Format, plan: &'a str },
}

/// A file name offered in a save dialog, from the plan's name (what a file system may not
/// hold replaced by `_`).
fn file_stem(plan: &str) -> String {
    let stem: String = plan.chars().map(|c| if c.is_alphanumeric() || " -_.".contains(c) { c } else { '_' }).collect();
    if stem.trim().is_empty() {
        "Plan".to_string()
    } else {
        stem.trim().to_string()
    }
}

/// Shows the dialog of `kind` off the event loop's thread; the path the user picked (with
/// the kind's extension when a saved name has none), or None if the user cancelled.
pub async fn pick<R: Runtime>(app: &tauri::AppHandle<R>, kind: Dialog<'_>) -> Result<Option<PathBuf>, ApiError> {
    enum Ask {
        File,
        Folder,
        Save,
    }
    let base = app.dialog().file();
    let plans = |title: &str| app.dialog().file().set_title(title).add_filter("Bridger plan", &["bridger"]);
    let (dialog, ask, ext) = match kind {
        Dialog::OpenPlan => (plans("Open a plan"), Ask::File, None),
        Dialog::NewPlan { demo } => {
            let name = if demo { "POS rollout demo.bridger" } else { "New plan.bridger" };
            (plans("New plan").set_file_name(name), Ask::Save, Some("bridger"))
        }
        Dialog::SaveAs => (plans("Save a copy as"), Ask::Save, Some("bridger")),
        Dialog::NewFrom { stem } => {
            (plans("Save the new plan as").set_file_name(format!("{}.bridger", file_stem(stem))), Ask::Save, Some("bridger"))
        }
        Dialog::Brief { plan } => {
            let d = base.set_title("Save the brief as").add_filter("PDF", &["pdf"]).set_file_name(format!("{} brief.pdf", file_stem(plan)));
            (d, Ask::Save, Some("pdf"))
        }
        Dialog::Import { folder: true } => (base.set_title("Import a folder of CSV files"), Ask::Folder, None),
        Dialog::Import { folder: false } => {
            let d = base
                .set_title("Import MS Project XML, Primavera P6 XER or JSON")
                .add_filter("MS Project XML, Primavera P6 XER or Bridger JSON", &["xml", "xer", "json"]);
            (d, Ask::File, None)
        }
        Dialog::Export { format, plan } => {
            let stem = file_stem(plan);
            match format {
                Format::Mspdi => {
                    let d = base
                        .set_title("Export as MS Project XML")
                        .add_filter("MS Project XML", &["xml"])
                        .set_file_name(format!("{stem}.xml"));
                    (d, Ask::Save, Some("xml"))
                }
                Format::Xer => {
                    let d = base
                        .set_title("Export as Primavera P6 XER")
                        .add_filter("Primavera P6 XER", &["xer"])
                        .set_file_name(format!("{stem}.xer"));
                    (d, Ask::Save, Some("xer"))
                }
                Format::Json => {
                    let d = base.set_title("Export as JSON").add_filter("Bridger JSON", &["json"]).set_file_name(format!("{stem}.json"));
                    (d, Ask::Save, Some("json"))
                }
                Format::Csv => (base.set_title("Export as a folder of CSV files").set_file_name(format!("{stem} CSV")), Ask::Save, None),
                Format::Sm | Format::Pmxml => {
                    let message = format!("Bridger does not write {}", format.label());
                    return Err(ApiError { code: ErrorCode::Invalid, message, details: Vec::new() });
                }
            }
        }
    };
    let picked = tauri::async_runtime::spawn_blocking(move || match ask {
        Ask::File => dialog.blocking_pick_file(),
        Ask::Folder => dialog.blocking_pick_folder(),
        Ask::Save => dialog.blocking_save_file(),
    })
    .await
    .map_err(|e| internal(&format!("the file dialog failed: {e}")))?;
    Ok(picked.and_then(|p| p.into_path().ok()).map(|p| match ext {
        Some(ext) if p.extension().is_none() => p.with_extension(ext),
        _ => p,
    }))
}
