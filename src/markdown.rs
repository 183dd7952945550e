//! Activity bodies are Markdown written by organisers. Rendered without raw HTML
//! (shown as text instead), with headings pushed one level down so the page keeps a
//! single h1 and its own h2 sections.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub fn to_html(markdown: &str) -> String {
    let shift = |level: HeadingLevel| match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    let events =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            }),
            Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level))),
            // Images and links from organiser text would need vetting; show their text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => Event::Text("".into()),
            Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) => Event::Text("".into()),
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    // The Utrecht components style elements through classes.
    out.replace("<p>", "<p class=\"utrecht-paragraph\">")
        .replace("<ul>", "<ul class=\"utrecht-unordered-list\">")
        .replace("<li>", "<li class=\"utrecht-unordered-list__item\">")
        .replace("<h3>", "<h3 class=\"utrecht-heading-3\">")
        .replace("<h4>", "<h4 class=\"utrecht-heading-4\">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text_never_run() {
        let html =
            to_html("Hallo <script>alert(1)</script> en <b>vet</b>\n\n<iframe src=x></iframe>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<iframe"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn headings_move_below_the_page_sections() {
        let html = to_html("# Een\n\n## Twee\n\n### Drie");
        assert!(
            html.contains("<h3 class=\"utrecht-heading-3\">Een</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<h3 class=\"utrecht-heading-3\">Twee</h3>"),
            "{html}"
        );
        assert!(
            html.contains("<h4 class=\"utrecht-heading-4\">Drie</h4>"),
            "{html}"
        );
        assert!(!html.contains("<h1") && !html.contains("<h2"));
    }

    #[test]
    fn lists_and_paragraphs_get_component_classes() {
        let html = to_html("Tekst\n\n- een\n- twee");
        assert!(html.contains("<p class=\"utrecht-paragraph\">Tekst</p>"));
        assert!(html.contains("<li class=\"utrecht-unordered-list__item\">een</li>"));
    }

    #[test]
    fn links_and_images_keep_only_their_text() {
        let html = to_html("[klik](javascript:alert(1)) ![plaatje](http://x/y.png)");
        assert!(!html.contains("href") && !html.contains("<img"), "{html}");
        assert!(html.contains("klik"));
    }
}
