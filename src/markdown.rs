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
    // Whether each open list is numbered, so its items get the matching classes (an
    // unordered item's class draws a bullet, also inside an `<ol>`).
    let mut lists: Vec<bool> = Vec::new();
    let events =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(move |event| match event {
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
            Event::Start(Tag::List(first)) => {
                lists.push(first.is_some());
                Event::Html(match first {
                    Some(1) => "<ol class=\"utrecht-ordered-list\">\n".into(),
                    Some(start) => {
                        format!("<ol class=\"utrecht-ordered-list\" start=\"{start}\">\n").into()
                    }
                    None => "<ul class=\"utrecht-unordered-list\">\n".into(),
                })
            }
            Event::End(TagEnd::List(ordered)) => {
                lists.pop();
                Event::Html(if ordered { "</ol>\n" } else { "</ul>\n" }.into())
            }
            Event::Start(Tag::Item) => Event::Html(if lists.last() == Some(&true) {
                "<li class=\"utrecht-ordered-list__item\">".into()
            } else {
                "<li class=\"utrecht-unordered-list__item\">".into()
            }),
            Event::End(TagEnd::Item) => Event::Html("</li>\n".into()),
            other => other,
        });
    let mut out = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut out, events);
    // The Utrecht components style elements through classes.
    out.replace("<p>", "<p class=\"utrecht-paragraph\">")
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
    fn numbered_lists_keep_their_numbers() {
        let html = to_html("1. een\n2. twee\n\n- los\n  1. genest");
        assert!(
            html.contains("<ol class=\"utrecht-ordered-list\">\n<li class=\"utrecht-ordered-list__item\">een</li>"),
            "{html}"
        );
        assert!(html.contains(
            "<ul class=\"utrecht-unordered-list\">\n<li class=\"utrecht-unordered-list__item\">los"
        ));
        assert!(
            html.contains(
                "<li class=\"utrecht-ordered-list__item\">genest</li>\n</ol>\n</li>\n</ul>"
            ),
            "{html}"
        );
        let html = to_html("3. drie\n4. vier");
        assert!(
            html.contains("<ol class=\"utrecht-ordered-list\" start=\"3\">"),
            "{html}"
        );
        // Raw HTML in an item stays text.
        assert!(to_html("1. <b>x</b>").contains("&lt;b&gt;"));
    }

    #[test]
    fn links_and_images_keep_only_their_text() {
        let html = to_html("[klik](javascript:alert(1)) ![plaatje](http://x/y.png)");
        assert!(!html.contains("href") && !html.contains("<img"), "{html}");
        assert!(html.contains("klik"));
    }
}
