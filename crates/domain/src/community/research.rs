//! Practice research in an atelier: small projects of students and lecturer-
//! researchers ("kleinschalige praktijkgerichte onderzoeken"), with their question,
//! researchers and roles, status, linked cases and themes, outputs, and whether the
//! public may see them.

use crate::input::{FieldError, MAX_LINE, line, parse_links, text};

/// The longest research question.
pub const MAX_QUESTION: usize = 2_000;
/// At most this many researchers on one project.
pub const MAX_RESEARCHERS: usize = 20;

/// Where a project stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResearchStatus {
    Idea,
    Running,
    Finished,
}

impl ResearchStatus {
    pub const ALL: [ResearchStatus; 3] = [Self::Idea, Self::Running, Self::Finished];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Idea => "idea",
            Self::Running => "running",
            Self::Finished => "finished",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// What a researcher is in the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResearcherRole {
    Student,
    /// Docent-onderzoeker.
    Lecturer,
    Lector,
}

impl ResearcherRole {
    pub const ALL: [ResearcherRole; 3] = [Self::Student, Self::Lecturer, Self::Lector];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Student => "student",
            Self::Lecturer => "lecturer",
            Self::Lector => "lector",
        }
    }

    /// From the stored name, or from what people type after the bar: "student",
    /// "docent-onderzoeker", "lector" (Dutch or English, any case).
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().as_str() {
            "student" => Some(Self::Student),
            "lecturer" | "docent-onderzoeker" | "docentonderzoeker" | "docent" => {
                Some(Self::Lecturer)
            }
            "lector" => Some(Self::Lector),
            _ => None,
        }
    }
}

/// The project form as typed. `researchers`: one "Naam | rol" a line; `outputs`:
/// one "Titel | https://…" a line; `themes` and `cases`: ticked ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResearchForm {
    pub title: String,
    pub question: String,
    pub status: String,
    pub researchers: String,
    pub outputs: String,
    pub themes: Vec<String>,
    pub cases: Vec<String>,
    pub public: bool,
}

/// A project, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Research {
    pub title: String,
    pub question: String,
    pub status: ResearchStatus,
    pub researchers: Vec<(String, ResearcherRole)>,
    pub outputs: Vec<(String, String)>,
    pub themes: Vec<i64>,
    pub cases: Vec<i64>,
    pub public: bool,
}

/// Ticked ids that must be among `allowed`, each once.
fn ids(raw: &[String], allowed: &[i64]) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for value in raw {
        let id: i64 = value.trim().parse().ok()?;
        if !allowed.contains(&id) {
            return None;
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Some(out)
}

impl ResearchForm {
    /// Checks every field against the themes and the atelier's cases.
    pub fn parse(&self, themes: &[i64], cases: &[i64]) -> Result<Research, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = match line(&self.title, MAX_LINE) {
            Ok(t) if t.is_empty() => {
                errors.push(FieldError::new("title", "research-error-title-required"));
                String::new()
            }
            Ok(t) => t,
            Err(m) => {
                errors.push(FieldError::new("title", m));
                String::new()
            }
        };
        let question = match text(&self.question, MAX_QUESTION) {
            Ok(q) if q.is_empty() => {
                errors.push(FieldError::new(
                    "question",
                    "research-error-question-required",
                ));
                String::new()
            }
            Ok(q) => q,
            Err(m) => {
                errors.push(FieldError::new("question", m));
                String::new()
            }
        };
        let status = ResearchStatus::parse(self.status.trim());
        if status.is_none() {
            errors.push(FieldError::new("status", "error-choice"));
        }
        let mut researchers = Vec::new();
        for raw in self.researchers.lines().filter(|l| !l.trim().is_empty()) {
            let (name, role) = raw.split_once('|').unwrap_or((raw, ""));
            match (line(name, MAX_LINE), ResearcherRole::parse(role)) {
                (Ok(name), Some(role)) if !name.is_empty() => researchers.push((name, role)),
                (Err(m), _) => {
                    errors.push(FieldError::new("researchers", m));
                    break;
                }
                _ => {
                    errors.push(FieldError::new("researchers", "research-error-researcher"));
                    break;
                }
            }
        }
        if researchers.len() > MAX_RESEARCHERS {
            errors.push(FieldError::new("researchers", "error-too-long"));
        }
        let outputs = parse_links(&self.outputs)
            .map_err(|m| errors.push(FieldError::new("outputs", m)))
            .unwrap_or_default();
        let themes = ids(&self.themes, themes).unwrap_or_else(|| {
            errors.push(FieldError::new("themes", "error-choice"));
            Vec::new()
        });
        let cases = ids(&self.cases, cases).unwrap_or_else(|| {
            errors.push(FieldError::new("cases", "error-choice"));
            Vec::new()
        });
        match status {
            Some(status) if errors.is_empty() => Ok(Research {
                title,
                question,
                status,
                researchers,
                outputs,
                themes,
                cases,
                public: self.public,
            }),
            _ => Err(errors),
        }
    }
}

impl From<&Research> for ResearchForm {
    /// The form filled in with a project, to change it.
    fn from(r: &Research) -> Self {
        Self {
            title: r.title.clone(),
            question: r.question.clone(),
            status: r.status.as_str().to_owned(),
            researchers: r
                .researchers
                .iter()
                .map(|(name, role)| format!("{name} | {}", role.as_str()))
                .collect::<Vec<_>>()
                .join("\n"),
            outputs: r
                .outputs
                .iter()
                .map(|(title, url)| format!("{title} | {url}"))
                .collect::<Vec<_>>()
                .join("\n"),
            themes: r.themes.iter().map(i64::to_string).collect(),
            cases: r.cases.iter().map(i64::to_string).collect(),
            public: r.public,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ResearchForm {
        ResearchForm {
            title: " Wat houdt bewoners betrokken? ".into(),
            question: "Welke rollen geven bewoners zelf aan een buurtavond?".into(),
            status: "running".into(),
            researchers: "Lisa de Boer | student\nJoost Weling | docent-onderzoeker\n\n".into(),
            outputs: "Verslag | https://example.org/verslag".into(),
            themes: vec!["3".into(), "3".into()],
            cases: vec!["7".into()],
            public: true,
        }
    }

    #[test]
    fn a_good_project_reads_with_its_researchers_and_outputs() {
        let research = form().parse(&[3, 4], &[7]).unwrap();
        assert_eq!(research.title, "Wat houdt bewoners betrokken?");
        assert_eq!(research.status, ResearchStatus::Running);
        assert_eq!(
            research.researchers,
            [
                ("Lisa de Boer".to_owned(), ResearcherRole::Student),
                ("Joost Weling".to_owned(), ResearcherRole::Lecturer)
            ]
        );
        assert_eq!(research.outputs.len(), 1);
        assert_eq!(research.themes, [3], "each once");
        assert_eq!(research.cases, [7]);
        // The form filled in again reads back the same.
        assert_eq!(
            ResearchForm::from(&research).parse(&[3, 4], &[7]),
            Ok(research)
        );
    }

    #[test]
    fn every_field_is_checked_at_its_place() {
        let bad = ResearchForm {
            title: "".into(),
            question: " ".into(),
            status: "bezig".into(),
            researchers: "Iemand zonder rol".into(),
            outputs: "geen link".into(),
            themes: vec!["99".into()],
            cases: vec!["x".into()],
            public: false,
        };
        let fields: Vec<_> = bad
            .parse(&[3], &[7])
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "title",
                "question",
                "status",
                "researchers",
                "outputs",
                "themes",
                "cases"
            ]
        );
        let roles = ["student", "Docent-onderzoeker", "LECTOR", "lecturer"];
        for role in roles {
            assert!(ResearcherRole::parse(role).is_some(), "{role}");
        }
        assert_eq!(ResearcherRole::parse("hoogleraar"), None);
        for status in ResearchStatus::ALL {
            assert_eq!(ResearchStatus::parse(status.as_str()), Some(status));
        }
    }
}
