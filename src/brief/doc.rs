//! The document being written: pages of one paper size (portrait, or landscape for the
//! wide drawings), a cursor that flows content down a page and starts the next page with
//! the section's heading when something would not fit, and the footer of every page (the
//! plan's name, the date, page n of N) added once the page count is known.

use chrono::NaiveDate;

use super::page::{Align, Page};
use super::style::{self, FOOTER, MARGIN, RULE};
use super::{BriefError, Paper};
use crate::brief::page::Stroke;

pub(crate) struct Doc {
    pub paper: Paper,
    pub pages: Vec<Page>,
    /// Where the next content goes on the last page (points from its top).
    pub y: f32,
    /// The heading of the section being written, repeated on the pages it continues to.
    section: String,
    landscape: bool,
}

impl Doc {
    pub fn new(paper: Paper) -> Doc {
        Doc { paper, pages: Vec::new(), y: 0.0, section: String::new(), landscape: false }
    }

    fn size(&self, landscape: bool) -> (f32, f32) {
        let (w, h) = match self.paper {
            Paper::A4 => (595.28, 841.89),
            Paper::Letter => (612.0, 792.0),
        };
        if landscape {
            (h, w)
        } else {
            (w, h)
        }
    }

    pub fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            let (w, h) = self.size(false);
            self.pages.push(Page::new(w, h));
            self.y = MARGIN;
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    pub fn width(&mut self) -> f32 {
        self.page().width
    }

    /// Left edge and width of the text column.
    pub fn column(&mut self) -> (f32, f32) {
        (MARGIN, self.width() - 2.0 * MARGIN)
    }

    /// The lowest y content may reach on the current page.
    pub fn bottom(&mut self) -> f32 {
        self.page().height - MARGIN - FOOTER + 12.0
    }

    /// Takes the pages of a document written on its own (page 1, fitted to one sheet).
    pub fn adopt(&mut self, other: Doc) {
        self.pages.extend(other.pages);
        self.y = other.y;
        self.section = other.section;
        self.landscape = other.landscape;
    }

    /// A new section on a new page, with its heading.
    pub fn section(&mut self, heading: &str, landscape: bool) -> Result<(), BriefError> {
        self.section = heading.to_string();
        self.landscape = landscape;
        self.new_page()
    }

    /// A new section that continues on the current page when `room` points are left.
    pub fn section_here(&mut self, heading: &str, room: f32) -> Result<(), BriefError> {
        self.section = heading.to_string();
        if self.pages.is_empty() || self.y + room > self.bottom() {
            return self.new_page();
        }
        self.y += 8.0;
        self.heading_here(heading)
    }

    fn new_page(&mut self) -> Result<(), BriefError> {
        let (w, h) = self.size(self.landscape);
        self.pages.push(Page::new(w, h));
        self.y = MARGIN;
        let heading = self.section.clone();
        if !heading.is_empty() {
            self.heading_here(&heading)?;
        }
        Ok(())
    }

    fn heading_here(&mut self, heading: &str) -> Result<(), BriefError> {
        let (x, w) = self.column();
        let y = self.y;
        let page = self.page();
        page.text_in(x, y + 10.0, w, Align::Left, style::heading(), heading)?;
        page.line(vec![(x, y + 14.5), (x + w, y + 14.5)], Stroke::solid(style::NAVY, 0.8));
        self.y = y + 20.0;
        Ok(())
    }

    /// Makes room for `height` points: a new page (with the section's heading, marked as
    /// continued) when it does not fit. Returns true when a page was started.
    pub fn need(&mut self, height: f32) -> Result<bool, BriefError> {
        if self.y + height <= self.bottom() {
            return Ok(false);
        }
        let base = self.section.trim_end_matches(" (continued)").to_string();
        self.section = format!("{base} (continued)");
        self.new_page()?;
        Ok(true)
    }

    /// The footer of every page: the plan's name and date on the left, page n of N on the
    /// right, under a rule.
    pub fn footers(&mut self, plan_name: &str, date: NaiveDate) -> Result<(), BriefError> {
        let n = self.pages.len();
        let left = format!("{plan_name} · brief of {}", long_date(date));
        for (k, page) in self.pages.iter_mut().enumerate() {
            let y = page.height - MARGIN + 4.0;
            let w = page.width - 2.0 * MARGIN;
            page.line(vec![(MARGIN, y - 10.0), (MARGIN + w, y - 10.0)], Stroke::solid(RULE, 0.5));
            let right = format!("Page {} of {n}", k + 1);
            let used = page.text_in(MARGIN, y, w, Align::Right, style::small(), &right)?;
            page.text_in(MARGIN, y, w - used - 12.0, Align::Left, style::small(), &left)?;
        }
        Ok(())
    }
}

/// A date as a leader reads it: "Tue 14 Oct 2027".
pub(crate) fn long_date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// A date in a table: "14 Oct 2027".
pub(crate) fn short_date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A sentence in the flow of the page.
pub(crate) fn note(doc: &mut Doc, text: &str) -> Result<(), BriefError> {
    doc.need(14.0)?;
    let (x, w) = (MARGIN, doc.width() - 2.0 * MARGIN);
    let y = doc.y;
    let used = doc.page().paragraph(x, y, w, style::body(), text, 3)?;
    doc.y += used + 4.0;
    Ok(())
}
