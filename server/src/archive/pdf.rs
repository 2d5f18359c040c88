//! Writes laid-out pages as a PDF/A-2b: krilla embeds (subsets of) the fonts, writes the
//! XMP metadata with `pdfaid` and the sRGB output intent, and refuses to finish a file that
//! breaks the profile. The fonts are Source Sans 3 (OFL, `server/fonts/`), built into the
//! binary so that a package never depends on what fonts a machine has.

use super::layout::{self, Block, Line, Measure, Style, MARGIN, PAGE_HEIGHT, PAGE_WIDTH};
use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use time::OffsetDateTime;

static REGULAR: &[u8] = include_bytes!("../../fonts/SourceSans3-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../fonts/SourceSans3-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../../fonts/SourceSans3-It.ttf");

/// What the document says about itself, in its metadata and its running foot.
pub struct About<'a> {
    pub title: &'a str,
    pub language: &'a str,
    pub created: OffsetDateTime,
    /// "Side 2 av 7" from (2, 7).
    pub page_of: &'a dyn Fn(usize, usize) -> String,
}

fn face(style: Style) -> &'static [u8] {
    match style {
        Style::Title | Style::Heading | Style::Subheading => BOLD,
        Style::Voice => ITALIC,
        Style::Body | Style::Small => REGULAR,
    }
}

/// Widths from the fonts' own advance widths (without kerning, which only narrows).
struct FontMeasure;

impl Measure for FontMeasure {
    fn width(&self, style: Style, text: &str) -> f32 {
        let Ok(font) = FontRef::new(face(style)) else {
            return 0.0;
        };
        let charmap = font.charmap();
        let metrics = font.glyph_metrics(Size::new(style.size()), LocationRef::default());
        text.chars()
            .map(|ch| {
                charmap
                    .map(ch)
                    .and_then(|glyph| metrics.advance_width(glyph))
                    .unwrap_or(0.0)
            })
            .sum()
    }
}

/// PDF/A forbids showing a glyph the font does not have: such characters (an emoji, a
/// control character) become "?", so that what is written still shows where it was.
fn printable(style: Style, text: &str) -> String {
    let Ok(font) = FontRef::new(face(style)) else {
        return text.to_string();
    };
    let charmap = font.charmap();
    text.chars()
        .map(|ch| match ch {
            '\n' => '\n',
            '\t' | '\r' => ' ',
            ch if charmap.map(ch).is_some() => ch,
            _ => '?',
        })
        .collect()
}

pub fn render(blocks: &[Block], about: &About) -> Result<Vec<u8>, String> {
    let blocks: Vec<Block> = blocks
        .iter()
        .map(|block| Block {
            text: printable(block.style, &block.text),
            ..block.clone()
        })
        .collect();
    let pages = layout::paginate(&FontMeasure, &blocks);
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|error| format!("PDF/A configuration: {error:?}"))?;
    let mut document = Document::new_with(SerializeSettings {
        configuration,
        enable_tagging: false,
        ..SerializeSettings::default()
    });
    let fonts = [REGULAR, BOLD, ITALIC]
        .map(|data| Font::new(data.into(), 0).ok_or("a built-in font does not load"));
    let [regular, bold, italic] = fonts;
    let (regular, bold, italic) = (regular?, bold?, italic?);
    let font = |style: Style| match style {
        Style::Title | Style::Heading | Style::Subheading => bold.clone(),
        Style::Voice => italic.clone(),
        Style::Body | Style::Small => regular.clone(),
    };
    let count = pages.len();
    for (index, lines) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("page size")?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let foot = Line {
            style: Style::Small,
            x: MARGIN,
            y: PAGE_HEIGHT - MARGIN + 8.0,
            text: printable(
                Style::Small,
                &format!("{} · {}", about.title, (about.page_of)(index + 1, count)),
            ),
        };
        for line in lines.iter().chain([&foot]) {
            surface.draw_text(
                Point::from_xy(line.x, line.y),
                font(line.style),
                line.style.size(),
                &line.text,
                false,
                TextDirection::Auto,
            );
        }
        surface.finish();
        page.finish();
    }
    document.set_metadata(
        Metadata::new()
            .title(about.title.to_string())
            .language(about.language.to_string())
            .creator("Stafett".to_string())
            .creation_date(pdf_date(about.created)),
    );
    document
        .finish()
        .map_err(|error| format!("the PDF/A could not be written: {error:?}"))
}

fn pdf_date(at: OffsetDateTime) -> DateTime {
    let at = at.to_offset(time::UtcOffset::UTC);
    DateTime::new(at.year() as u16)
        .month(at.month() as u8)
        .day(at.day())
        .hour(at.hour())
        .minute(at.minute())
        .second(at.second())
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_are_in_the_font_and_an_emoji_is_not() {
        assert_eq!(printable(Style::Body, "Blåbær og øl"), "Blåbær og øl");
        assert_eq!(printable(Style::Body, "Bra 👍\tjobb"), "Bra ? jobb");
    }

    #[test]
    fn bold_is_wider_than_regular() {
        let text = "Stafettlogg for Sara";
        assert!(FontMeasure.width(Style::Body, text) > 50.0);
        assert!(FontMeasure.width(Style::Heading, text) > FontMeasure.width(Style::Body, text));
    }

    #[test]
    fn the_file_is_a_pdf_a_2b_with_its_metadata() {
        let blocks = [
            Block::new(Style::Title, "Stafettlogg"),
            Block::new(Style::Body, "Æ ø å ".repeat(400)),
        ];
        let page_of = |page: usize, of: usize| format!("Side {page} av {of}");
        let pdf = render(
            &blocks,
            &About {
                title: "Stafettlogg for Sara",
                language: "nb",
                created: OffsetDateTime::UNIX_EPOCH,
                page_of: &page_of,
            },
        )
        .expect("the profile is met");
        let text = String::from_utf8_lossy(&pdf);
        assert!(text.starts_with("%PDF-1.7"));
        assert!(text.contains("pdfaid:part>2<") || text.contains("pdfaid:part=\"2\""));
        assert!(text.contains("FontFile2"), "the fonts are embedded");
    }
}
