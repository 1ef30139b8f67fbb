//! Tables that paginate cleanly: each row is measured (its cells wrapped to their column,
//! up to the column's line limit) before it is drawn, a row never splits across pages, and
//! the header row is repeated at the top of every page the table continues on.

use super::doc::Doc;
use super::page::{wrap, Align, Font, Rgb, Stroke};
use super::style::{self, RULE, SHADE};
use super::BriefError;

pub(crate) struct Column {
    pub title: &'static str,
    /// Share of the table's width (the shares are scaled to sum to 1).
    pub share: f32,
    pub align: Align,
    /// Most lines a cell of this column wraps to; the rest is shortened with an ellipsis.
    pub lines: usize,
}

impl Column {
    pub fn new(title: &'static str, share: f32) -> Column {
        Column { title, share, align: Align::Left, lines: 1 }
    }

    pub fn right(mut self) -> Column {
        self.align = Align::Right;
        self
    }

    pub fn lines(mut self, lines: usize) -> Column {
        self.lines = lines;
        self
    }
}

pub(crate) struct Cell {
    pub text: String,
    pub font: Font,
    /// A small colour chip before the text (a band, a status).
    pub chip: Option<Rgb>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), font: style::body(), chip: None }
    }

    pub fn font(mut self, font: Font) -> Cell {
        self.font = font;
        self
    }

    pub fn chip(mut self, chip: Rgb) -> Cell {
        self.chip = Some(chip);
        self
    }
}

const PAD: f32 = 2.6;
const CHIP: f32 = 6.0;

/// Draws `rows` under a header, across as many pages as they need.
pub(crate) fn table(doc: &mut Doc, columns: &[Column], rows: &[Vec<Cell>]) -> Result<(), BriefError> {
    let (x0, width) = doc.column();
    let total: f32 = columns.iter().map(|c| c.share).sum::<f32>().max(f32::EPSILON);
    let widths: Vec<f32> = columns.iter().map(|c| c.share / total * width).collect();
    header(doc, columns, &widths, x0)?;
    for (k, row) in rows.iter().enumerate() {
        let mut wrapped = Vec::with_capacity(row.len());
        let mut lines = 1;
        for (c, cell) in row.iter().enumerate() {
            let Some(col) = columns.get(c) else { break };
            let room = widths[c] - 2.0 * PAD - if cell.chip.is_some() { CHIP + 3.0 } else { 0.0 };
            let text = wrap(&cell.text, cell.font, room.max(4.0), col.lines)?;
            lines = lines.max(text.len());
            wrapped.push(text);
        }
        let leading = row.iter().map(|c| c.font.leading()).fold(style::body().leading(), f32::max);
        let height = lines as f32 * leading + 2.0 * PAD;
        if doc.need(height)? {
            header(doc, columns, &widths, x0)?;
        }
        let y = doc.y;
        let page = doc.page();
        if k % 2 == 1 {
            page.rect(x0, y, width, height, Some(SHADE), None);
        }
        let mut x = x0;
        for (c, cell) in row.iter().enumerate() {
            let Some(col) = columns.get(c) else { break };
            let mut tx = x + PAD;
            let ascent = cell.font.face.metrics()?.ascent() * cell.font.size;
            if let Some(chip) = cell.chip {
                page.rect(tx, y + PAD + 1.5, CHIP, CHIP, Some(chip), Some(Stroke::solid(style::MUTED, 0.3)));
                tx += CHIP + 3.0;
            }
            let room = widths[c] - (tx - x) - PAD;
            for (l, line) in wrapped[c].iter().enumerate() {
                page.text_in(tx, y + PAD + ascent + l as f32 * cell.font.leading(), room, col.align, cell.font, line)?;
            }
            x += widths[c];
        }
        page.line(vec![(x0, y + height), (x0 + width, y + height)], Stroke::solid(RULE, 0.3));
        doc.y = y + height;
    }
    doc.y += 6.0;
    Ok(())
}

fn header(doc: &mut Doc, columns: &[Column], widths: &[f32], x0: f32) -> Result<(), BriefError> {
    let font = style::small_bold();
    let height = font.leading() + 2.0 * PAD;
    doc.need(height + 20.0)?;
    let y = doc.y;
    let page = doc.page();
    let mut x = x0;
    for (c, col) in columns.iter().enumerate() {
        page.text_in(x + PAD, y + PAD + font.size, widths[c] - 2.0 * PAD, col.align, font, col.title)?;
        x += widths[c];
    }
    page.line(vec![(x0, y + height), (x, y + height)], Stroke::solid(style::MUTED, 0.6));
    doc.y = y + height;
    Ok(())
}
