//! Bar charts drawn on the server as SVG text: no script, readable without colour
//! (each bar carries its number), with a `<title>` and `<desc>` for assistive
//! technology. The page puts the same figures in a table beside it, so the chart
//! itself is `role="img"` and says where that table is.

/// One bar: its label and value; `None` for a figure that is not shown (too few
/// voters), drawn as no bar with the words of `hidden`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: Option<u32>,
}

/// The words a chart needs, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Words {
    pub title: String,
    /// One sentence: where the figures are as a table.
    pub desc: String,
    /// Written instead of a number that is not shown ("minder dan 5").
    pub hidden: String,
}

// Each bar sits under its label, so a long theme never runs into its bar and the
// chart is narrow enough to keep its 14 px text near 14 px on a phone (the page
// caps its width on a wide screen, so it does not grow either).
const WIDTH: u32 = 360;
const ROW: u32 = 44;
const LABEL_HEIGHT: u32 = 18;
const BAR: u32 = 16;
const NUMBER: u32 = 40;

/// Escapes text for SVG (XML) content and attributes.
pub fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Cuts a label wider than the chart (the table has it in full).
fn short(label: &str) -> String {
    const MAX: usize = 46;
    if label.chars().count() <= MAX {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(MAX - 1).collect();
        s.push('…');
        s
    }
}

/// A horizontal bar chart. `id` makes the title and desc ids unique on the page.
/// Bars scale to the largest shown value; the SVG scales down with its box
/// (`viewBox`, width 100 %), so it reflows at 320 px.
pub fn bar_chart(id: &str, words: &Words, bars: &[Bar]) -> String {
    let id = escape(id);
    let height = ROW * (bars.len() as u32).max(1) + 4;
    let max = bars
        .iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1);
    let span = WIDTH - NUMBER;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"survey-chart\" role=\"img\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" \
         aria-labelledby=\"{id}-title {id}-desc\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&words.title),
        escape(&words.desc),
    );
    for (i, bar) in bars.iter().enumerate() {
        let top = 4 + ROW * i as u32;
        let y = top + LABEL_HEIGHT + 2;
        let text_y = y + BAR - 3;
        svg.push_str(&format!(
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"#1a1a1a\">{}</text>",
            top + 14,
            escape(&short(&bar.label))
        ));
        match bar.value {
            Some(value) => {
                let w = (u64::from(value) * u64::from(span) / u64::from(max)) as u32;
                svg.push_str(&format!(
                    "<rect x=\"0\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" fill=\"#154273\"/>\
                     <text x=\"{}\" y=\"{text_y}\" font-size=\"14\" fill=\"#1a1a1a\">{value}</text>",
                    w + 6
                ));
            }
            None => svg.push_str(&format!(
                "<text x=\"0\" y=\"{text_y}\" font-size=\"14\" fill=\"#1a1a1a\" \
                 font-style=\"italic\">{}</text>",
                escape(&words.hidden)
            )),
        }
    }
    svg.push_str("</svg>");
    svg
}
