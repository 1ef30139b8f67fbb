//! What the integration tests that run the real `bridger` binary share: the binary run in a
//! temp dir as a user runs it, its output as text, and the fixture plans.
#![allow(dead_code)] // each test file uses the part it needs

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plans").join(name)
}

/// Runs `bridger args...` in `dir` and waits for it.
pub fn bridger(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bridger")).current_dir(dir).args(args).output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// What takes a plan file of this Bridger back to schema version 10: the definition of done
/// of version 11 (issue 31) undone, its table dropped.
pub const WITHOUT_DONE_WHEN: &str = "
    DROP TABLE IF EXISTS done_when;
";

/// What takes a plan file of this Bridger back to schema version 9: the definition of done of
/// version 11 and the pinned dates of version 10 (issue 30) undone, their tables dropped.
pub const WITHOUT_PINS: &str = "
    DROP TABLE IF EXISTS done_when;
    DROP TABLE IF EXISTS pin;
";

/// What takes a plan file of this Bridger back to schema version 8: the definition of done of
/// version 11, the pins of version 10 and the strategic priorities of version 9 (issue 29)
/// undone, their tables dropped.
pub const WITHOUT_PRIORITIES: &str = "
    DROP TABLE IF EXISTS done_when;
    DROP TABLE IF EXISTS pin;
    DROP TABLE IF EXISTS serves;
    DROP TABLE IF EXISTS deferral;
    DROP TABLE IF EXISTS priority;
";

/// What takes a plan file of this Bridger back to schema version 7: the priorities of version
/// 9 and a site's values of version 8 undone.
pub const WITHOUT_SITE_VALUES: &str = "
    DROP TABLE IF EXISTS done_when;
    DROP TABLE IF EXISTS pin;
    DROP TABLE IF EXISTS serves;
    DROP TABLE IF EXISTS deferral;
    DROP TABLE IF EXISTS priority;
    ALTER TABLE site DROP COLUMN site_values;
";

/// What takes a plan file of this Bridger back to schema version 6: the priorities of
/// version 9, a site's values of version 8 and the rollouts of version 7 (issue 28) undone,
/// for the tests of older files.
pub const WITHOUT_ROLLOUTS: &str = "
    DROP TABLE IF EXISTS done_when;
    DROP TABLE IF EXISTS pin;
    DROP TABLE IF EXISTS serves;
    DROP TABLE IF EXISTS deferral;
    DROP TABLE IF EXISTS priority;
    ALTER TABLE site DROP COLUMN site_values;
    DROP TABLE template;
    DROP INDEX initiative_instance;
    DROP INDEX IF EXISTS initiative_suspect;
    ALTER TABLE initiative DROP COLUMN instance_template;
    ALTER TABLE initiative DROP COLUMN instance_step;
    ALTER TABLE initiative DROP COLUMN overrides;
    ALTER TABLE wave DROP COLUMN gate;
    ALTER TABLE wave DROP COLUMN completion;
    ALTER TABLE wave DROP COLUMN anchors;
    ALTER TABLE site DROP COLUMN roles;
";
