//! Markdown from people, rendered without raw HTML (shown as text instead), with
//! headings pushed one level down so the page keeps a single h1 and its own h2
//! sections. Activity bodies by organisers ([`to_html`]) keep only the text of links
//! and images; a member's post in an atelier's space ([`post_to_html`]) keeps links to
//! the web and the site, and makes written-out web addresses links, all marked as
//! user content for search engines.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// An organiser's text: links and images show only their text.
pub fn to_html(markdown: &str) -> String {
    render(markdown, false)
}

/// A member's post: links stay when they lead to `http(s)://` or a path on this site;
/// web addresses in the text become links.
pub fn post_to_html(markdown: &str) -> String {
    render(markdown, true)
}

/// Whether a link may stay in a post: the web, or a path of this site (not `//host`).
fn safe_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || (lower.starts_with('/') && !lower.starts_with("//"))
}

/// `value` escaped for an HTML attribute or text.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
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

fn anchor(url: &str) -> String {
    format!(
        "<a class=\"utrecht-link utrecht-link--html-a\" href=\"{}\" rel=\"nofollow ugc noopener\">",
        escape(url.trim())
    )
}

/// Text with its web addresses made links: `http(s)://` up to a space, without the
/// punctuation that ends a sentence.
fn autolink(text: &str) -> Vec<Event<'static>> {
    let mut events = Vec::new();
    let mut rest = text;
    loop {
        let at = match (rest.find("https://"), rest.find("http://")) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => break,
        };
        let end = rest[at..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |e| at + e);
        let url = rest[at..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'', '"']);
        if url.len() <= "https://".len() {
            events.push(Event::Text(CowStr::from(rest[..end].to_owned())));
            rest = &rest[end..];
            continue;
        }
        if at > 0 {
            events.push(Event::Text(CowStr::from(rest[..at].to_owned())));
        }
        events.push(Event::Html(CowStr::from(format!(
            "{}{}</a>",
            anchor(url),
            escape(url)
        ))));
        rest = &rest[at + url.len()..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_owned())));
    }
    events
}

fn render(markdown: &str, links: bool) -> String {
    let shift = |level: HeadingLevel| match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    };
    // Whether each open list is numbered, so its items get the matching classes (an
    // unordered item's class draws a bullet, also inside an `<ol>`).
    let mut lists: Vec<bool> = Vec::new();
    // Whether each open link was kept (its end closes the anchor), and whether text
    // is in a link or code (not made a link again).
    let mut open_links: Vec<bool> = Vec::new();
    let mut in_code = false;
    let events = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).flat_map(move |event| {
        let one = |e: Event<'_>| vec![e.into_static()];
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => one(Event::Text(raw)),
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => one(Event::Start(Tag::Heading {
                level: shift(level),
                id,
                classes,
                attrs,
            })),
            Event::End(TagEnd::Heading(level)) => one(Event::End(TagEnd::Heading(shift(level)))),
            // Images from people would need vetting; show their text.
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => Vec::new(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let keep = links && safe_link(&dest_url);
                open_links.push(keep);
                if keep {
                    one(Event::Html(CowStr::from(anchor(&dest_url))))
                } else {
                    Vec::new()
                }
            }
            Event::End(TagEnd::Link) => {
                if open_links.pop() == Some(true) {
                    one(Event::Html("</a>".into()))
                } else {
                    Vec::new()
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code = true;
                one(Event::Start(Tag::CodeBlock(kind)))
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                one(Event::End(TagEnd::CodeBlock))
            }
            Event::Text(text) if links && !in_code && open_links.is_empty() => autolink(&text),
            Event::Start(Tag::List(first)) => {
                lists.push(first.is_some());
                one(Event::Html(match first {
                    Some(1) => "<ol class=\"utrecht-ordered-list\">\n".into(),
                    Some(start) => {
                        format!("<ol class=\"utrecht-ordered-list\" start=\"{start}\">\n").into()
                    }
                    None => "<ul class=\"utrecht-unordered-list\">\n".into(),
                }))
            }
            Event::End(TagEnd::List(ordered)) => {
                lists.pop();
                one(Event::Html(
                    if ordered { "</ol>\n" } else { "</ul>\n" }.into(),
                ))
            }
            Event::Start(Tag::Item) => one(Event::Html(if lists.last() == Some(&true) {
                "<li class=\"utrecht-ordered-list__item\">".into()
            } else {
                "<li class=\"utrecht-unordered-list__item\">".into()
            })),
            Event::End(TagEnd::Item) => one(Event::Html("</li>\n".into())),
            other => one(other),
        }
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
    fn a_post_keeps_web_and_site_links_and_links_written_out_addresses() {
        let html = post_to_html(
            "[klik](javascript:alert(1)) [goed](https://movisie.nl/a?b=1&c=\"2\") \
             [hier](/ateliers/x/kwesties/1) [ander](//evil.example) ![p](https://x/y.png)\n\n\
             Zie https://example.org/pagina. En `https://niet.in/code`.",
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("evil.example\""), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("href=\"https://movisie.nl/a?b=1&amp;c=&quot;2&quot;\" rel=\"nofollow ugc noopener\">goed</a>"),
            "{html}"
        );
        assert!(html.contains("href=\"/ateliers/x/kwesties/1\""), "{html}");
        assert!(
            html.contains(">https://example.org/pagina</a>."),
            "the sentence's full stop stays outside the link: {html}"
        );
        assert!(html.contains("<code>https://niet.in/code</code>"), "{html}");
        assert!(post_to_html("<script>x</script>").contains("&lt;script&gt;"));
    }

    #[test]
    fn links_and_images_keep_only_their_text() {
        let html = to_html("[klik](javascript:alert(1)) ![plaatje](http://x/y.png)");
        assert!(!html.contains("href") && !html.contains("<img"), "{html}");
        assert!(html.contains("klik"));
    }
}
