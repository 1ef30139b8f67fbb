//! The plans opened lately, newest first, kept in a small JSON file in the app's config
//! folder. The window opens one by its place in this list, never by a path it names: file
//! access stays limited to what the user picked (a dialog, the command line).

use std::path::{Path, PathBuf};

/// How many plans the list keeps.
pub const KEEP: usize = 10;

/// The list in `file`, without the plans that no longer exist. A missing or unreadable
/// list is an empty one: losing it costs nothing but convenience.
pub fn load(file: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let list: Vec<PathBuf> = serde_json::from_str(&text).unwrap_or_default();
    list.into_iter().filter(|p| p.is_file()).take(KEEP).collect()
}

/// Puts `plan` first in the list in `file` (once), keeping at most `KEEP`; written through a
/// temporary file and a rename, so a crash leaves the old list or the new one.
pub fn remember(file: &Path, plan: &Path) -> std::io::Result<()> {
    let plan = std::fs::canonicalize(plan).unwrap_or_else(|_| plan.to_path_buf());
    let mut list = load(file);
    list.retain(|p| *p != plan);
    list.insert(0, plan);
    list.truncate(KEEP);
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = file.with_extension("json.tmp");
    std::fs::write(&tmp, serde_json::to_vec_pretty(&list).unwrap_or_default())?;
    std::fs::rename(&tmp, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_first_once_each_only_existing_and_at_most_ten() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let list = dir.path().join("config/recent.json");
        let plans: Vec<PathBuf> = (0..12)
            .map(|k| {
                let p = dir.path().join(format!("p{k}.bridger"));
                std::fs::write(&p, "x").expect("write");
                p
            })
            .collect();
        assert!(load(&list).is_empty());
        for p in &plans {
            remember(&list, p).expect("remembered");
        }
        remember(&list, &plans[5]).expect("remembered");
        let names: Vec<String> = load(&list).iter().map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned()).collect();
        assert_eq!(
            names,
            [
                "p5.bridger",
                "p11.bridger",
                "p10.bridger",
                "p9.bridger",
                "p8.bridger",
                "p7.bridger",
                "p6.bridger",
                "p4.bridger",
                "p3.bridger",
                "p2.bridger"
            ]
        );
        std::fs::remove_file(&plans[11]).expect("removed");
        assert_eq!(load(&list).len(), 9, "a plan that is gone is not offered");
        std::fs::write(&list, "not json").expect("write");
        assert!(load(&list).is_empty(), "a damaged list is an empty one");
    }
}
