//! What a page of the brief is before it becomes PDF: a list of marks (text runs, boxes,
//! lines, polygons) in points from the page's top-left corner, and the text helpers that
//! keep every string inside its box (measured with the font, wrapped or shortened with an
//! ellipsis).

use super::font::{Face, Metrics};
use super::BriefError;

/// An RGB colour, 0-1. The palette (`style`) is chosen to read in greyscale too.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub f32, pub f32, pub f32);

/// A text style: face, size in points, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Font {
    pub face: Face,
    pub size: f32,
    pub color: Rgb,
}

impl Font {
    pub fn regular(size: f32, color: Rgb) -> Font {
        Font { face: Face::Regular, size, color }
    }

    pub fn bold(size: f32, color: Rgb) -> Font {
        Font { face: Face::Bold, size, color }
    }

    /// Distance between two baselines.
    pub fn leading(&self) -> f32 {
        self.size * 1.28
    }
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    pub color: Rgb,
    pub width: f32,
    /// Dash and gap lengths; `None` is solid.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub fn solid(color: Rgb, width: f32) -> Stroke {
        Stroke { color, width, dash: None }
    }

    pub fn dashed(color: Rgb, width: f32, dash: f32, gap: f32) -> Stroke {
        Stroke { color, width, dash: Some((dash, gap)) }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mark {
    /// Text with its baseline's left end at (x, y).
    Text {
        x: f32,
        y: f32,
        font: Font,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Line {
        points: Vec<(f32, f32)>,
        stroke: Stroke,
    },
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Rgb,
    },
}

/// Left, centred or right-aligned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// One page: its size (points) and marks.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    pub width: f32,
    pub height: f32,
    pub marks: Vec<Mark>,
}

impl Page {
    pub fn new(width: f32, height: f32) -> Page {
        Page { width, height, marks: Vec::new() }
    }

    /// Text exactly as given (the caller made it fit).
    pub fn text(&mut self, x: f32, y: f32, font: Font, text: &str) {
        let text = clean(text, font.face);
        if !text.trim().is_empty() {
            self.marks.push(Mark::Text { x, y, font, text });
        }
    }

    /// Text fitted to `width` (shortened with an ellipsis) and aligned in it; returns the
    /// width drawn.
    pub fn text_in(&mut self, x: f32, y: f32, width: f32, align: Align, font: Font, text: &str) -> Result<f32, BriefError> {
        let fitted = fit(text, font, width)?;
        let w = font.face.metrics()?.width(&fitted, font.size);
        let x = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(x, y, font, &fitted);
        Ok(w)
    }

    /// Wrapped text from the top `y` (the top of the first line), at most `max_lines`
    /// lines; returns the height used.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, font: Font, text: &str, max_lines: usize) -> Result<f32, BriefError> {
        let lines = wrap(text, font, width, max_lines)?;
        let ascent = font.face.metrics()?.ascent() * font.size;
        for (k, line) in lines.iter().enumerate() {
            self.text(x, y + ascent + k as f32 * font.leading(), font, line);
        }
        Ok(lines.len() as f32 * font.leading())
    }

    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Option<Rgb>, stroke: Option<Stroke>) {
        self.marks.push(Mark::Rect { x, y, w, h, fill, stroke });
    }

    pub fn line(&mut self, points: Vec<(f32, f32)>, stroke: Stroke) {
        if points.len() >= 2 {
            self.marks.push(Mark::Line { points, stroke });
        }
    }

    pub fn polygon(&mut self, points: Vec<(f32, f32)>, fill: Rgb) {
        if points.len() >= 3 {
            self.marks.push(Mark::Polygon { points, fill });
        }
    }
}

/// The text a face can draw: control characters and line breaks become spaces, a
/// character the face lacks becomes '?'.
pub(crate) fn clean(text: &str, face: Face) -> String {
    let metrics = face.metrics().ok();
    text.chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else if matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
                '\u{0}'
            } else if metrics.is_some_and(|m| m.has(c)) || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .filter(|c| *c != '\u{0}')
        .collect()
}

/// `text` on one line within `width`, shortened with an ellipsis when it does not fit.
pub(crate) fn fit(text: &str, font: Font, width: f32) -> Result<String, BriefError> {
    let m = font.face.metrics()?;
    let text = clean(text, font.face);
    let text = collapse(&text);
    if m.width(&text, font.size) <= width {
        return Ok(text);
    }
    Ok(shorten(m, &text, font.size, width))
}

fn shorten(m: &Metrics, text: &str, size: f32, width: f32) -> String {
    let room = width - m.width("…", size);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = m.width(c.encode_utf8(&mut [0; 4]), size);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    if room > 0.0 {
        out.push('…');
    }
    out
}

/// Runs of white space as one space, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` wrapped at spaces into lines of at most `width` (a word longer than a line is cut
/// where it must be), at most `max_lines`, the last shortened with an ellipsis if text is
/// left over.
pub(crate) fn wrap(text: &str, font: Font, width: f32, max_lines: usize) -> Result<Vec<String>, BriefError> {
    let m = font.face.metrics()?;
    let text = clean(text, font.face);
    let size = font.size;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if m.width(&candidate, size) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut into pieces that fit.
        let mut piece = String::new();
        for c in word.chars() {
            let mut next = piece.clone();
            next.push(c);
            if m.width(&next, size) > width && !piece.is_empty() {
                lines.push(std::mem::take(&mut piece));
                next = c.to_string();
            }
            piece = next;
        }
        line = piece;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            let marked = format!("{} …", last.trim_end_matches([',', ';', ':', '.']));
            *last = if m.width(&marked, size) <= width { marked } else { shorten(m, last, size, width) };
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    const INK: Rgb = Rgb(0.0, 0.0, 0.0);

    #[test]
    fn long_text_is_wrapped_and_shortened_within_the_width() {
        let font = Font::regular(9.0, INK);
        let m = Face::Regular.metrics().unwrap();
        let text = "Install and cutover of the new point-of-sale lanes at Columbus Easton Town Center (store 0001) with a supercalifragilisticexpialidociouslylongword";
        let lines = wrap(text, font, 120.0, 3).unwrap();
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|l| m.width(l, 9.0) <= 120.0), "{lines:?}");
        assert!(lines[2].ends_with('…') && !lines[2].ends_with("……"), "{lines:?}");
        let two = wrap("Unowned, unconfirmed", font, 60.0, 1).unwrap();
        assert_eq!(two.len(), 1);
        assert_eq!(two[0].matches('…').count(), 1, "{two:?}");
        let one = fit(text, font, 80.0).unwrap();
        assert!(m.width(&one, 9.0) <= 80.0 && one.ends_with('…'), "{one}");
        assert_eq!(fit("Short", font, 80.0).unwrap(), "Short");
    }

    #[test]
    fn controls_become_spaces_and_missing_glyphs_question_marks() {
        assert_eq!(clean("a\u{1b}[2Jb\nc", Face::Regular), "a [2Jb c");
        assert_eq!(clean("漢", Face::Regular), "?");
        assert_eq!(clean("a\u{202e}b", Face::Regular), "ab");
    }
}
