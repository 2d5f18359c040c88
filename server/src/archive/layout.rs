//! Lays text out on A4 pages: blocks of a style, broken into lines at spaces to fit the
//! width, and lines into pages, with a heading never left alone at the foot of a page.
//! Pure: widths come from a [`Measure`], so the rules are tested without a font.

/// A4 in PostScript points.
pub const PAGE_WIDTH: f32 = 595.0;
pub const PAGE_HEIGHT: f32 = 842.0;
pub const MARGIN: f32 = 56.0;
/// Room kept at the foot of each page for the page number.
const FOOTER: f32 = 28.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    Heading,
    Subheading,
    Body,
    /// A label or a date: smaller, and in the regular face.
    Small,
    /// The child's own words.
    Voice,
}

impl Style {
    pub fn size(self) -> f32 {
        match self {
            Style::Title => 20.0,
            Style::Heading => 14.0,
            Style::Subheading => 11.5,
            Style::Body | Style::Voice => 10.5,
            Style::Small => 9.0,
        }
    }

    fn leading(self) -> f32 {
        self.size() * 1.35
    }

    /// Space above the block.
    fn space_before(self) -> f32 {
        match self {
            Style::Title => 0.0,
            Style::Heading => 16.0,
            Style::Subheading => 9.0,
            Style::Body | Style::Voice => 3.0,
            Style::Small => 2.0,
        }
    }

    fn keeps_with_next(self) -> bool {
        matches!(self, Style::Title | Style::Heading | Style::Subheading)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub style: Style,
    pub text: String,
    /// Points from the left margin.
    pub indent: f32,
}

impl Block {
    pub fn new(style: Style, text: impl Into<String>) -> Block {
        Block {
            style,
            text: text.into(),
            indent: 0.0,
        }
    }

    pub fn indented(mut self, indent: f32) -> Block {
        self.indent = indent;
        self
    }
}

/// The width of a text set in a style, in points.
pub trait Measure {
    fn width(&self, style: Style, text: &str) -> f32;
}

#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub style: Style,
    pub x: f32,
    /// The baseline, from the top of the page.
    pub y: f32,
    pub text: String,
}

pub type Page = Vec<Line>;

/// Breaks `text` into lines no wider than `width`. A word wider than the line is cut where
/// it must be; a line break in the text is kept.
pub fn wrap(measure: &impl Measure, style: Style, text: &str, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|word| !word.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if measure.width(style, &candidate) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            line = word.to_string();
            while measure.width(style, &line) > width && line.chars().count() > 1 {
                let (head, tail) = split_to_fit(measure, style, &line, width);
                lines.push(head);
                line = tail;
            }
        }
        lines.push(line);
    }
    lines
}

fn split_to_fit(measure: &impl Measure, style: Style, word: &str, width: f32) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let mut fits = 1;
    while fits < chars.len()
        && measure.width(style, &chars[..=fits].iter().collect::<String>()) <= width
    {
        fits += 1;
    }
    (
        chars[..fits].iter().collect(),
        chars[fits..].iter().collect(),
    )
}

/// Places the blocks on as many pages as they need.
pub fn paginate(measure: &impl Measure, blocks: &[Block]) -> Vec<Page> {
    let bottom = PAGE_HEIGHT - MARGIN - FOOTER;
    let mut pages: Vec<Page> = vec![Vec::new()];
    let mut y = MARGIN;
    for (index, block) in blocks.iter().enumerate() {
        let style = block.style;
        let width = PAGE_WIDTH - 2.0 * MARGIN - block.indent;
        let lines = wrap(measure, style, &block.text, width);
        let before = if y == MARGIN {
            0.0
        } else {
            style.space_before()
        };
        // A heading goes to the next page with the first line of what follows it.
        let following = blocks
            .get(index + 1)
            .filter(|_| style.keeps_with_next())
            .map_or(0.0, |next| next.style.space_before() + next.style.leading());
        let needed = before + style.leading() * lines.len().min(2) as f32 + following;
        if y + needed > bottom && y > MARGIN {
            pages.push(Vec::new());
            y = MARGIN;
        } else {
            y += before;
        }
        for text in lines {
            if y + style.leading() > bottom {
                pages.push(Vec::new());
                y = MARGIN;
            }
            y += style.leading();
            if let Some(page) = pages.last_mut() {
                page.push(Line {
                    style,
                    x: MARGIN + block.indent,
                    y: y - (style.leading() - style.size()),
                    text,
                });
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 5 points wide at any size.
    struct Mono;

    impl Measure for Mono {
        fn width(&self, _: Style, text: &str) -> f32 {
            text.chars().count() as f32 * 5.0
        }
    }

    #[test]
    fn lines_break_at_spaces_within_the_width() {
        let lines = wrap(&Mono, Style::Body, "en to tre fire fem", 40.0);
        assert_eq!(lines, ["en to", "tre fire", "fem"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap(&Mono, Style::Body, "abcdefghijkl", 25.0);
        assert_eq!(lines, ["abcde", "fghij", "kl"]);
    }

    #[test]
    fn line_breaks_in_the_text_are_kept() {
        let lines = wrap(&Mono, Style::Body, "første\n\ntredje", 400.0);
        assert_eq!(lines, ["første", "", "tredje"]);
    }

    #[test]
    fn a_long_text_runs_on_over_pages_with_nothing_below_the_margin() {
        let text = vec!["ord"; 3000].join(" ");
        let pages = paginate(&Mono, &[Block::new(Style::Body, text)]);
        assert!(pages.len() > 2);
        for line in pages.iter().flatten() {
            assert!(line.y <= PAGE_HEIGHT - MARGIN - FOOTER && line.y >= MARGIN);
        }
        let words: usize = pages
            .iter()
            .flatten()
            .map(|line| line.text.split(' ').count())
            .sum();
        assert_eq!(words, 3000, "every word is on a page once");
    }

    #[test]
    fn a_heading_is_not_left_alone_at_the_foot_of_a_page() {
        let mut blocks = Vec::new();
        for n in 0..200 {
            blocks.push(Block::new(Style::Heading, format!("Overskrift {n}")));
            blocks.push(Block::new(Style::Body, "Tekst under overskriften."));
        }
        for page in paginate(&Mono, &blocks) {
            assert_ne!(page.last().map(|line| line.style), Some(Style::Heading));
        }
    }
}
