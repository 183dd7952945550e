//! Slugs: the readable, stable names in URLs (`/activiteiten/blik-op-samenlevingsopbouw`).

use std::fmt;

/// A well-formed slug: 1–80 characters of `a-z`, `0-9` and single inner hyphens. Parsing
/// rejects everything else (quotes, `<script>`, `%00`, SQL) before it reaches a query.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= Self::MAX_LEN
            && raw
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !raw.starts_with('-')
            && !raw.ends_with('-')
            && !raw.contains("--");
        ok.then(|| Self(raw.to_owned()))
    }

    /// Makes a slug from a title: lowercase ASCII, accents dropped (`ë` → `e`), other
    /// characters become hyphens.
    pub fn from_title(title: &str) -> Option<Self> {
        let mut out = String::with_capacity(title.len());
        for ch in title.chars().flat_map(fold_accent) {
            if ch.is_ascii_alphanumeric() {
                out.push(ch.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        while out.ends_with('-') {
            out.pop();
        }
        out.truncate(Self::MAX_LEN);
        while out.ends_with('-') {
            out.pop();
        }
        Self::parse(&out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn fold_accent(ch: char) -> std::iter::Once<char> {
    let base = match ch {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'Ï' | 'Î' => 'i',
        'Ö' | 'Ó' => 'o',
        'Ü' | 'Ú' => 'u',
        other => other,
    };
    std::iter::once(base)
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_slugs() {
        for ok in [
            "blik-op-samenlevingsopbouw",
            "a",
            "module-2",
            "vervolg-abcd",
        ] {
            assert!(Slug::parse(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn rejects_everything_that_is_not_a_plain_slug() {
        let long = "a".repeat(81);
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "Hoofdletter",
            "spatie hier",
            "<script>",
            "a'b",
            "a\0b",
            "1;drop table activity",
            "é",
            "a/b",
            &long,
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn makes_slugs_from_dutch_titles() {
        assert_eq!(
            Slug::from_title("Leercafé: Blik op samenlevingsopbouw — Uitdagingen & keuzes")
                .unwrap()
                .as_str(),
            "leercafe-blik-op-samenlevingsopbouw-uitdagingen-keuzes"
        );
        assert_eq!(
            Slug::from_title("Coöperaties & dorpen").unwrap().as_str(),
            "cooperaties-dorpen"
        );
        assert!(Slug::from_title("—").is_none());
    }
}
