//! Primavera P6: XER, the tab-separated export P6 writes and reads (File > Export), read and
//! written; P6's XML (PMXML) read, through the same tables; `docs/p6.md`.
//!
//! An XER file is a list of tables (`%T` name, `%F` field names, `%R` rows, `%E` at the end),
//! Windows-1252 text unless it starts with a UTF-8 byte order mark. A file may hold several
//! projects: one is chosen by its id or short name, else the reading is refused, listing them.
//!
//! What both sides have maps natively: activities (task-dependent, resource-dependent and
//! milestones; level-of-effort and WBS-summary activities are read as ordinary work, with a
//! finding), relationships of the four kinds with their lags (hours, converted with the
//! project calendar's hours per day), the project calendar (working weekdays, non-working
//! exceptions), start-on-or-after constraints, resources as teams, assignments as effort,
//! actual dates and remaining duration, the data date, WBS nodes as waves (first level) and
//! sites (second level). Everything else is a finding; the saved early dates and total float
//! are compared with Bridger's schedule, each difference a finding, as for MS Project files.

mod calendar;
mod pmxml;
mod read;
mod write;
mod xer;

use thiserror::Error;

pub use crate::io::mspdi::{Finding, Imported};
pub use pmxml::from_str as pmxml_from_str;
pub use read::{from_bytes, from_str};
pub use write::to_string;

/// Largest XER file read.
pub const MAX_BYTES: usize = 1 << 30;

#[derive(Debug, Error, PartialEq)]
pub enum P6Error {
    /// A value that is not what its field holds, or a row that does not fit its table.
    #[error("{what}: line {line}, table {table}, field {field}: {message}")]
    Value { what: String, line: usize, table: String, field: String, message: String },
    /// A table the reading needs is not in the file.
    #[error("{what}: the table {table} is missing (a file P6 exports always has it)")]
    MissingTable { what: String, table: String },
    /// The file is not XER, or it stops before its end (`%E`).
    #[error("{what}: line {line}: {message}")]
    Structure { what: String, line: usize, message: String },
    /// Several projects and none chosen (or the one chosen is not there).
    #[error("{what}: {message}")]
    Project { what: String, message: String },
    /// PMXML that is not well-formed XML, or too deep or large (the MSPDI reader's limits).
    #[error("{0}")]
    Xml(String),
    #[error("{what}: is {bytes} bytes; XER is read up to {MAX_BYTES} bytes")]
    TooBig { what: String, bytes: usize },
}

/// Windows-1252 to text: bytes 0x80-0x9F are the code page's own characters (the five it
/// leaves undefined are read as their Latin-1 control characters, as Windows does), the rest
/// are Latin-1. A file starting with a UTF-8 byte order mark is UTF-8.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, usize> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|e| e.valid_up_to() + 3);
    }
    const HIGH: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90,
        0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    Ok(bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => char::from_u32(HIGH[(b - 0x80) as usize]).unwrap_or('\u{FFFD}'),
            _ => char::from(b),
        })
        .collect())
}

/// Text to Windows-1252; a character the code page does not have is written as `?`.
pub fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c as u32 {
            0..=0x7F | 0xA0..=0xFF => c as u32 as u8,
            _ => match c {
                '€' => 0x80,
                '‚' => 0x82,
                'ƒ' => 0x83,
                '„' => 0x84,
                '…' => 0x85,
                '†' => 0x86,
                '‡' => 0x87,
                'ˆ' => 0x88,
                '‰' => 0x89,
                'Š' => 0x8A,
                '‹' => 0x8B,
                'Œ' => 0x8C,
                'Ž' => 0x8E,
                '‘' => 0x91,
                '’' => 0x92,
                '“' => 0x93,
                '”' => 0x94,
                '•' => 0x95,
                '–' => 0x96,
                '—' => 0x97,
                '˜' => 0x98,
                '™' => 0x99,
                'š' => 0x9A,
                '›' => 0x9B,
                'œ' => 0x9C,
                'ž' => 0x9E,
                'Ÿ' => 0x9F,
                _ => b'?',
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_both_ways() {
        let text = "Café – “go” €5";
        assert_eq!(decode(&encode(text)).unwrap(), text);
        assert_eq!(decode(b"\x80\xE9").unwrap(), "€é");
        assert_eq!(decode("\u{feff}Zoë".as_bytes()).unwrap(), "Zoë");
    }
}
