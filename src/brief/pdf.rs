//! The pages as a PDF file, through printpdf: fonts subset and embedded, text as real
//! (selectable, searchable) text, drawings as vector paths. Nothing comes from the clock or
//! a random source: the creation date is the brief's date and the file's ID a hash of its
//! pages, so the same plan and date give the same bytes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rect, TextItem, WindingOrder,
};

use super::font::{subset, Face};
use super::page::{Mark, Page, Rgb, Stroke};
use super::BriefError;

/// The PDF of `pages`, titled `title`, dated `date`.
pub(crate) fn write(pages: &[Page], title: &str, date: NaiveDate) -> Result<Vec<u8>, BriefError> {
    let mut doc = PdfDocument::new(title);
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc().timestamp();
    let stamp = printpdf::OffsetDateTime::from_unix_timestamp(midnight).map_err(|e| BriefError::Pdf(e.to_string()))?;
    doc.metadata.info.creation_date = stamp.clone();
    doc.metadata.info.modification_date = stamp.clone();
    doc.metadata.info.metadata_date = stamp;
    doc.metadata.info.creator = "Bridger".to_string();
    doc.metadata.info.producer = format!("Bridger {} (printpdf)", env!("CARGO_PKG_VERSION"));
    doc.metadata.info.subject = "Program brief".to_string();

    // The characters each face draws, then each face subset to them.
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for page in pages {
        for mark in &page.marks {
            if let Mark::Text { font, text, .. } = mark {
                used.entry(font.face).or_default().extend(text.chars());
            }
        }
    }
    let mut ids: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let id = FontId(format!("F{}", *face as u8 + 1));
        doc.resources.fonts.map.insert(id.clone(), PdfFont::new(subset(*face, chars)?));
        ids.insert(*face, id);
    }

    let mut hash = Fnv::new();
    hash.str(title);
    hash.str(&date.to_string());
    for page in pages {
        doc.pages.push(PdfPage::new(Pt(page.width).into(), Pt(page.height).into(), ops(page, &ids, &mut hash)));
    }

    let options = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    // printpdf draws the file ID from a process-wide counter: replace it with the pages' hash.
    let id = format!("{:016x}{:016x}", hash.0, hash.0.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15);
    let id = lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal);
    lo.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    lo.compress();
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| BriefError::Pdf(e.to_string()))?;
    Ok(out)
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb { r: c.0.clamp(0.0, 1.0), g: c.1.clamp(0.0, 1.0), b: c.2.clamp(0.0, 1.0), icc_profile: None })
}

fn point(page: &Page, x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(page.height - y) }
}

/// The drawing state already set, so that each operator is written only when it changes.
#[derive(Default)]
struct State {
    fill: Option<Rgb>,
    stroke: Option<Stroke>,
    font: Option<(Face, u32)>,
}

impl State {
    fn fill(&mut self, ops: &mut Vec<Op>, c: Rgb) {
        if self.fill != Some(c) {
            ops.push(Op::SetFillColor { col: color(c) });
            self.fill = Some(c);
        }
    }

    fn stroke(&mut self, ops: &mut Vec<Op>, s: Stroke) {
        let last = self.stroke;
        if last.map(|l| l.color) != Some(s.color) {
            ops.push(Op::SetOutlineColor { col: color(s.color) });
        }
        if last.map(|l| l.width) != Some(s.width) {
            ops.push(Op::SetOutlineThickness { pt: Pt(s.width) });
        }
        if last.map(|l| l.dash) != Some(s.dash) {
            let dash = match s.dash {
                Some((d, g)) => LineDashPattern::new(0.0, &[d, g]),
                None => LineDashPattern::solid(),
            };
            ops.push(Op::SetLineDashPattern { dash });
        }
        self.stroke = Some(s);
    }
}

fn ops(page: &Page, ids: &BTreeMap<Face, FontId>, hash: &mut Fnv) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.marks.len() * 4);
    let mut state = State::default();
    for mark in &page.marks {
        match mark {
            Mark::Text { x, y, font, text } => {
                let Some(id) = ids.get(&font.face) else { continue };
                hash.str(text);
                hash.f(*x);
                hash.f(*y);
                state.fill(&mut ops, font.color);
                ops.push(Op::StartTextSection);
                let key = (font.face, font.size.to_bits());
                if state.font != Some(key) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(font.size) });
                    state.font = Some(key);
                }
                ops.push(Op::SetTextCursor { pos: point(page, *x, *y) });
                ops.push(Op::ShowText { items: vec![TextItem::Text(text.clone())] });
                ops.push(Op::EndTextSection);
            }
            Mark::Rect { x, y, w, h, fill, stroke } => {
                hash.f(*x + *y * 3.0 + *w * 5.0 + *h * 7.0);
                let mode = match (fill, stroke) {
                    (Some(f), Some(s)) => {
                        state.fill(&mut ops, *f);
                        state.stroke(&mut ops, *s);
                        PaintMode::FillStroke
                    }
                    (Some(f), None) => {
                        state.fill(&mut ops, *f);
                        PaintMode::Fill
                    }
                    (None, Some(s)) => {
                        state.stroke(&mut ops, *s);
                        PaintMode::Stroke
                    }
                    (None, None) => continue,
                };
                let bottom_left = point(page, *x, *y + *h);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: bottom_left.x,
                        y: bottom_left.y,
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Mark::Line { points, stroke } => {
                state.stroke(&mut ops, *stroke);
                let points: Vec<LinePoint> = points
                    .iter()
                    .map(|(x, y)| {
                        hash.f(*x + *y * 3.0);
                        LinePoint { p: point(page, *x, *y), bezier: false }
                    })
                    .collect();
                ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
            }
            Mark::Polygon { points, fill } => {
                state.fill(&mut ops, *fill);
                let points: Vec<LinePoint> = points.iter().map(|(x, y)| LinePoint { p: point(page, *x, *y), bezier: false }).collect();
                ops.push(Op::DrawPolygon {
                    polygon: Polygon { rings: vec![PolygonRing { points }], mode: PaintMode::Fill, winding_order: WindingOrder::NonZero },
                });
            }
        }
    }
    ops
}

/// FNV-1a, 64 bits: the file's ID from its content.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, b: &[u8]) {
        for x in b {
            self.0 = (self.0 ^ u64::from(*x)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    fn f(&mut self, v: f32) {
        self.bytes(&v.to_bits().to_le_bytes());
    }
}
