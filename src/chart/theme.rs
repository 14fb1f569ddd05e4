//! Colours, sizes and fonts of the charts: a light and a dark [`Theme`] and
//! the [`ChartStyle`] every draw function takes (theme, device pixel ratio,
//! optional header). Owns no drawing; the draw functions read it.

use plotters::style::{Color, FontFamily, FontStyle, IntoFont, RGBColor, ShapeStyle, TextStyle};

/// The font family of every chart text: the browser's and the SVG viewer's
/// own sans-serif. (The enum rather than the text `"sans-serif"`: plotters
/// reads a family name with Unicode `to_lowercase`, whose case tables are
/// 15 KB of the page's wasm.)
pub const FONT_FAMILY: FontFamily<'static> = FontFamily::SansSerif;

/// Palette slot of "Other" groups (features merged in the spend chart, bars
/// beyond the limit in the breakdown).
pub(crate) const SLOT_OTHER: usize = 5;
/// Palette slot of onboarding costs.
pub(crate) const SLOT_ONBOARDING: usize = 6;
/// Palette slot of fixed costs.
pub(crate) const SLOT_FIXED: usize = 7;
/// Features cycle through the palette slots below this one.
pub(crate) const FEATURE_SLOTS: usize = 5;

/// The colours of a chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    /// Tick labels and notes.
    pub muted_text: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    /// Categorical colours (Okabe–Ito hues, safe for colour-blind readers):
    /// slots 0–4 features, 5 "Other", 6 onboarding, 7 fixed costs.
    pub palette: [RGBColor; 8],
    /// Total monthly cost and the break-even price.
    pub cost: RGBColor,
    /// Revenue and the price per paying user.
    pub revenue: RGBColor,
    /// The monthly budget cap.
    pub budget_cap: RGBColor,
    /// The scenario's own user count ("Today").
    pub current: RGBColor,
}

impl Theme {
    /// Dark text on white.
    pub fn light() -> Theme {
        Theme {
            background: RGBColor(0xff, 0xff, 0xff),
            text: RGBColor(0x1f, 0x29, 0x37),
            muted_text: RGBColor(0x4b, 0x55, 0x63),
            grid: RGBColor(0xe5, 0xe7, 0xeb),
            axis: RGBColor(0x9c, 0xa3, 0xaf),
            palette: [
                RGBColor(0x00, 0x72, 0xb2), // blue
                RGBColor(0xe6, 0x9f, 0x00), // orange
                RGBColor(0x00, 0x9e, 0x73), // bluish green
                RGBColor(0xcc, 0x79, 0xa7), // reddish purple
                RGBColor(0x56, 0xb4, 0xe9), // sky blue
                RGBColor(0xa0, 0x8c, 0x7a), // taupe: "Other"
                RGBColor(0xd5, 0x5e, 0x00), // vermillion: onboarding
                RGBColor(0x8c, 0x8c, 0x8c), // grey: fixed costs
            ],
            cost: RGBColor(0xc2, 0x41, 0x0c),
            revenue: RGBColor(0x00, 0x7a, 0x5a),
            budget_cap: RGBColor(0xb0, 0x1c, 0x5a),
            current: RGBColor(0x11, 0x18, 0x27),
        }
    }

    /// Light text on a near-black background; the same hues, lifted so that
    /// they keep their contrast.
    pub fn dark() -> Theme {
        Theme {
            background: RGBColor(0x11, 0x18, 0x27),
            text: RGBColor(0xf3, 0xf4, 0xf6),
            muted_text: RGBColor(0xb4, 0xbb, 0xc6),
            grid: RGBColor(0x2f, 0x38, 0x47),
            axis: RGBColor(0x6b, 0x72, 0x80),
            palette: [
                RGBColor(0x3d, 0x9b, 0xe0),
                RGBColor(0xf0, 0xb0, 0x30),
                RGBColor(0x2c, 0xc0, 0x93),
                RGBColor(0xe0, 0x95, 0xc2),
                RGBColor(0x8c, 0xcf, 0xf5),
                RGBColor(0xb8, 0xa8, 0x98),
                RGBColor(0xf0, 0x7a, 0x3a),
                RGBColor(0xa3, 0xa8, 0xb0),
            ],
            cost: RGBColor(0xf5, 0x8a, 0x4b),
            revenue: RGBColor(0x3f, 0xd1, 0xa2),
            budget_cap: RGBColor(0xf2, 0x7f, 0xb0),
            current: RGBColor(0xf9, 0xfa, 0xfb),
        }
    }

    /// The palette colour of `slot`, cycling.
    pub fn slot(&self, slot: usize) -> RGBColor {
        self.palette[slot % self.palette.len()]
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::light()
    }
}

/// How to draw a chart: colours, the device pixel ratio and an optional
/// header line.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartStyle {
    pub theme: Theme,
    /// Device pixels per CSS pixel: font sizes, line widths and margins are
    /// multiplied by it. The drawing area is in device pixels, so a canvas
    /// of 600×300 CSS pixels on a 2× screen is drawn as 1200×600 with
    /// `scale: 2.0`. Values outside 0.25–8 (or not finite) count as 1.
    pub scale: f64,
    /// Drawn as a header above the chart when set; exports carry
    /// "scenario name — date — prices as of …" here.
    pub title: Option<String>,
}

impl ChartStyle {
    /// `theme` at scale 1 without a header.
    pub fn new(theme: Theme) -> ChartStyle {
        ChartStyle {
            theme,
            scale: 1.0,
            title: None,
        }
    }

    /// The same style at another device pixel ratio.
    pub fn with_scale(self, scale: f64) -> ChartStyle {
        ChartStyle { scale, ..self }
    }

    /// The same style with a header line.
    pub fn with_title(self, title: impl Into<String>) -> ChartStyle {
        ChartStyle {
            title: Some(title.into()),
            ..self
        }
    }

    /// The usable scale: a bad value must not blow up every size.
    pub(crate) fn factor(&self) -> f64 {
        if self.scale.is_finite() && (0.25..=8.0).contains(&self.scale) {
            self.scale
        } else {
            1.0
        }
    }

    /// `css` CSS pixels in device pixels, at least 1.
    pub(crate) fn px(&self, css: f64) -> i32 {
        ((css * self.factor()).round() as i32).max(1)
    }

    /// `css` CSS pixels in device pixels, as the unsigned sizes plotters
    /// wants for label areas and line widths.
    pub(crate) fn upx(&self, css: f64) -> u32 {
        self.px(css).unsigned_abs()
    }

    /// A `size` CSS-pixel text in `colour`.
    pub(crate) fn font(&self, size: f64, colour: RGBColor) -> TextStyle<'static> {
        (FONT_FAMILY, size * self.factor())
            .into_font()
            .color(&colour)
    }

    /// The header's bold text.
    pub(crate) fn title_font(&self) -> TextStyle<'static> {
        (FONT_FAMILY, 15.0 * self.factor(), FontStyle::Bold)
            .into_font()
            .color(&self.theme.text)
    }

    /// A `width` CSS-pixel line in `colour`.
    pub(crate) fn line(&self, colour: RGBColor, width: f64) -> ShapeStyle {
        ShapeStyle {
            color: colour.to_rgba(),
            filled: false,
            stroke_width: self.upx(width),
        }
    }
}

impl Default for ChartStyle {
    fn default() -> ChartStyle {
        ChartStyle::new(Theme::light())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_scales_fall_back_to_one() {
        for bad in [0.0, -2.0, f64::NAN, f64::INFINITY, 100.0] {
            let style = ChartStyle::default().with_scale(bad);
            assert_eq!(style.px(10.0), 10, "{bad}");
        }
        assert_eq!(ChartStyle::default().with_scale(2.0).px(10.0), 20);
        assert_eq!(ChartStyle::default().px(0.1), 1, "never a zero size");
    }

    #[test]
    fn themes_keep_their_colours_apart() {
        for theme in [Theme::light(), Theme::dark()] {
            for (i, a) in theme.palette.iter().enumerate() {
                assert_ne!(*a, theme.background);
                for b in &theme.palette[i + 1..] {
                    assert_ne!(a, b);
                }
            }
            assert_ne!(theme.cost, theme.revenue);
            assert_eq!(theme.slot(9), theme.palette[1]);
        }
    }
}
