//! The brief's typeface: Liberation Sans (SIL Open Font License, `assets/fonts/`), regular
//! and bold, shipped in the binary so that every brief looks the same on every machine.
//!
//! Text is measured with the font's own advance widths, so a name that does not fit its box
//! is wrapped or shortened before it is drawn. When the pages are done, each face is
//! subset to the glyphs the brief uses (allsorts) and embedded: a brief carries a few tens
//! of kilobytes of font, not the whole face.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::BriefError;

static REGULAR_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Regular.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../assets/fonts/LiberationSans-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Face {
    Regular,
    Bold,
}

impl Face {
    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR_TTF,
            Face::Bold => BOLD_TTF,
        }
    }

    /// The PostScript name the PDF gives the face.
    pub fn postscript_name(self) -> &'static str {
        match self {
            Face::Regular => "LiberationSans",
            Face::Bold => "LiberationSans-Bold",
        }
    }

    /// The parsed face (parsed once per process).
    pub fn metrics(self) -> Result<&'static Metrics, BriefError> {
        static CELLS: [OnceLock<Option<Metrics>>; 2] = [OnceLock::new(), OnceLock::new()];
        CELLS[self as usize].get_or_init(|| Metrics::parse(self.bytes())).as_ref().ok_or(BriefError::Font(self.postscript_name()))
    }
}

/// Advance widths of one face, by character.
pub(crate) struct Metrics {
    font: ParsedFont,
    /// Advance of each code point below 0x2200 (Latin, Greek, Cyrillic, punctuation,
    /// arrows), in font units; 0 where the face has no glyph.
    fast: Vec<u16>,
    units_per_em: f32,
}

impl Metrics {
    fn parse(bytes: &[u8]) -> Option<Metrics> {
        let font = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())?;
        let units_per_em = f32::from(font.units_per_em.max(1));
        let fast = (0u32..0x2200)
            .map(|c| font.lookup_glyph_index(c).filter(|g| *g != 0).and_then(|g| font.get_glyph_width(g)).unwrap_or(0))
            .collect();
        Some(Metrics { font, fast, units_per_em })
    }

    /// The glyph of a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.font.lookup_glyph_index(c as u32).filter(|g| *g != 0)
    }

    pub fn has(&self, c: char) -> bool {
        match self.fast.get(c as usize) {
            Some(w) => *w > 0 || c == '\u{0}',
            None => self.glyph(c).is_some(),
        }
    }

    fn advance(&self, c: char) -> f32 {
        let units = match self.fast.get(c as usize) {
            Some(w) => *w,
            None => self.glyph(c).and_then(|g| self.font.get_glyph_width(g)).unwrap_or(0),
        };
        f32::from(units)
    }

    /// Width of `text` at `size` points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size / self.units_per_em
    }

    /// Ascent of the face as a share of the size (where the top of a capital sits).
    pub fn ascent(&self) -> f32 {
        f32::from(self.font.font_metrics.ascent) / self.units_per_em
    }
}

/// A face cut down to the characters a brief uses, ready to embed.
pub(crate) fn subset(face: Face, chars: &BTreeSet<char>) -> Result<ParsedFont, BriefError> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    let metrics = face.metrics()?;
    let mut glyphs: Vec<u16> = vec![0];
    glyphs.extend(chars.iter().filter_map(|c| metrics.glyph(*c)));
    glyphs[1..].sort_unstable();
    glyphs.dedup();
    let failed = |message: String| BriefError::Subset { face: face.postscript_name(), message };
    let file = ReadScope::new(face.bytes()).read::<FontData<'_>>().map_err(|e| failed(e.to_string()))?;
    let provider = file.table_provider(0).map_err(|e| failed(e.to_string()))?;
    let bytes = allsorts::subset::subset(&provider, &glyphs, &allsorts::subset::SubsetProfile::Pdf, allsorts::subset::CmapTarget::Unicode)
        .map_err(|e| failed(e.to_string()))?;
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new()).ok_or_else(|| failed("the subset does not parse".to_string()))?;
    // A subset font is named TAG+Name (ISO 32000-1, 9.6.4): six capitals, here taken from
    // the glyphs it holds, so the same brief gets the same tag.
    font.font_name = Some(format!("{}+{}", tag(face, &glyphs), face.postscript_name()));
    Ok(font)
}

/// Six capital letters from the face and its glyph set (FNV-1a).
fn tag(face: Face, glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ face as u64;
    for g in glyphs {
        for b in g.to_le_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}
