//! The brief's look in one place: paper, margins, type sizes and a palette whose colours
//! differ in lightness too, so that a greyscale print keeps every distinction (a band of
//! the heat map, a critical card, a seam nobody owns, which is also dashed).

use super::page::{Font, Rgb};

pub(crate) const INK: Rgb = Rgb(0.10, 0.11, 0.13);
pub(crate) const MUTED: Rgb = Rgb(0.38, 0.40, 0.44);
pub(crate) const RULE: Rgb = Rgb(0.78, 0.80, 0.83);
pub(crate) const SHADE: Rgb = Rgb(0.95, 0.96, 0.97);
pub(crate) const PAPER: Rgb = Rgb(1.0, 1.0, 1.0);
/// Headings, the plan's own structure (lanes, bars).
pub(crate) const NAVY: Rgb = Rgb(0.13, 0.23, 0.37);
pub(crate) const NAVY_LIGHT: Rgb = Rgb(0.80, 0.85, 0.91);
/// A seam between two teams that is owned and confirmed.
pub(crate) const SEAM: Rgb = Rgb(0.27, 0.45, 0.70);
/// Needs attention: an unowned or unconfirmed seam (always drawn dashed as well).
pub(crate) const WARN: Rgb = Rgb(0.85, 0.45, 0.05);
/// Critical: the critical path, a missed date, over capacity (dark in greyscale).
pub(crate) const CRIT: Rgb = Rgb(0.62, 0.10, 0.10);
pub(crate) const GOOD: Rgb = Rgb(0.16, 0.45, 0.27);
/// Heat-map bands: light, middle and dark grey once printed without colour.
pub(crate) const BAND_LOW: Rgb = Rgb(0.86, 0.92, 0.84);
pub(crate) const BAND_MEDIUM: Rgb = Rgb(0.97, 0.80, 0.47);
pub(crate) const BAND_HIGH: Rgb = Rgb(0.72, 0.22, 0.17);

pub(crate) const MARGIN: f32 = 40.0;
/// Room kept at the bottom of every page for the footer.
pub(crate) const FOOTER: f32 = 28.0;

pub(crate) fn title() -> Font {
    Font::bold(19.0, INK)
}

pub(crate) fn heading() -> Font {
    Font::bold(11.5, NAVY)
}

pub(crate) fn body() -> Font {
    Font::regular(8.6, INK)
}

pub(crate) fn body_bold() -> Font {
    Font::bold(8.6, INK)
}

pub(crate) fn small() -> Font {
    Font::regular(7.2, MUTED)
}

pub(crate) fn small_bold() -> Font {
    Font::bold(7.2, INK)
}
