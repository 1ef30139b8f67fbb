//! How tall a card must be for its whole name: the name wrapped at word boundaries into the
//! card's width, with advances estimated from the characters (no font is read: the layout stays
//! a pure function of the plan and its config, the same bytes on every machine). The estimate
//! errs wide, so the window's own wrapping, with the font it really has, needs no more lines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a card shows its name, for cards as tall as their names need: a name wider than
/// `lines` lines of the card makes its card taller by `line` per line more.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct NameFit {
    /// Size of the name's font, in the units of the drawing.
    pub font: f64,
    /// Height of one more line of name.
    pub line: f64,
    /// Lines of name a card of the configured height holds.
    pub lines: u32,
    /// Width of the card not given to the name (margins).
    pub inset: f64,
    /// Width the first line leaves besides (the risk badge).
    pub badge: f64,
}

impl NameFit {
    /// The window's cards (`ui/src/map/render.ts`: a 11.5 px semibold name, 13 px a line,
    /// two lines of name above the owner and the dates, 12 px margins and a 22 px badge).
    pub const WINDOW: NameFit = NameFit { font: 11.5, line: 13.0, lines: 2, inset: 18.0, badge: 22.0 };

    /// The height of a card of `width` x `height` that shows `name` whole.
    pub fn height(&self, name: &str, width: f64, height: f64) -> f64 {
        let room = (width - self.inset).max(self.font);
        let more = lines(name, room / self.font, (room - self.badge) / self.font).saturating_sub(self.lines);
        height + f64::from(more) * self.line
    }
}

/// Estimated advance of a character, in ems: those of DejaVu Sans Bold (the widest of the
/// usual system sans-serifs, which Linux desktops draw the window's semibold name with) a few
/// hundredths wider, so that a name the layout fits is never cut by the window.
fn advance(c: char) -> f64 {
    // a to z, DejaVu Sans Bold's advances in ems, rounded up
    const LOWER: [f64; 26] = [
        0.68, 0.72, 0.6, 0.72, 0.68, 0.44, 0.72, 0.72, 0.35, 0.35, 0.67, 0.35, 1.05, 0.72, 0.69, 0.72, 0.72, 0.5, 0.6, 0.48, 0.72, 0.66,
        0.93, 0.65, 0.66, 0.59,
    ];
    let wide = 1.03;
    wide * match c {
        'a'..='z' => LOWER[(c as u8 - b'a') as usize],
        ' ' => 0.35,
        '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.38,
        '(' | ')' | '[' | ']' | '-' | '/' | '"' => 0.46,
        'M' | 'W' | '@' | '%' | '&' => 1.0,
        'I' | 'J' => 0.37,
        'A'..='Z' => 0.8,
        '0'..='9' => 0.7,
        c if c.is_ascii() => 0.84,
        // East Asian and other wide scripts take a full em; the rest as wide letters.
        c if is_wide(c) => 1.0,
        _ => 0.8,
    }
}

/// East Asian wide characters and pictographs.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}' | '\u{1f300}'..)
}

fn width(word: &str) -> f64 {
    word.chars().map(advance).sum()
}

/// Lines `text` takes wrapped at spaces into lines of `room` ems (`first` ems the first line);
/// a word wider than a line is broken where it runs out.
pub(crate) fn lines(text: &str, room: f64, first: f64) -> u32 {
    let mut count = 1u32;
    let mut avail = first.max(1.0);
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = width(word);
        let lead = if used > 0.0 { advance(' ') } else { 0.0 };
        if used + lead + w <= avail {
            used += lead + w;
            continue;
        }
        if used > 0.0 {
            count += 1;
            avail = room.max(1.0);
            used = 0.0;
        }
        // Broken across lines where it is wider than one.
        for c in word.chars() {
            let a = advance(c);
            if used + a > avail && used > 0.0 {
                count += 1;
                avail = room.max(1.0);
                used = 0.0;
            }
            used += a;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_takes_the_lines_its_words_need() {
        assert_eq!(lines("", 10.0, 10.0), 1);
        assert_eq!(lines("Pilot", 10.0, 10.0), 1);
        // two words of about 3 ems each, a line of 5: one word a line
        assert_eq!(lines("abcde abcde", 5.0, 5.0), 2);
        assert_eq!(lines("abcde abcde abcde", 5.0, 5.0), 3);
        // one word longer than a line is broken
        assert_eq!(lines(&"a".repeat(30), 10.0, 10.0), 3);
    }

    #[test]
    fn a_card_grows_by_a_line_per_line_of_name_beyond_its_own() {
        let fit = NameFit::WINDOW;
        assert_eq!(fit.height("Install card readers", 180.0, 60.0), 60.0);
        let long = "Migrate the payment terminals of every store in the northern region to the new acquirer, with a fallback";
        let h = fit.height(long, 180.0, 60.0);
        assert!(h > 60.0 && (h - 60.0) % 13.0 == 0.0, "{h}");
    }
}
