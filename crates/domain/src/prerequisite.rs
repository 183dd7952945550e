//! Prerequisites that hold: a module requires one or more earlier modules, all of
//! them or any one ([`Rule`], per activity). A requirement is met by having attended
//! the required activity, by an organiser's recorded completion, or by a person's
//! statement that they followed it elsewhere, once an organiser approves it
//! ([`MetBy`]). [`is_met`] decides a sign-up; [`cycle`] refuses a requirement that
//! would make an activity (indirectly) require itself; [`validate_statement`] and
//! [`validate_decision`] check the two forms around a statement. No I/O.

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use chrono::NaiveDate;

use crate::input::{FieldError, MAX_LINE, line, parse_date, required, text};
use crate::registration::Email;

/// Longest "where did you follow it" line.
pub const MAX_PROVIDER: usize = 200;
/// Longest free text with a statement or a decision.
pub const MAX_NOTE: usize = 1_000;

/// Whether every required module is needed, or any one of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rule {
    /// Every required module (the default: "Vervolg" after "Kennismaking").
    #[default]
    All,
    /// One of them is enough (two routes into the same module).
    Any,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Any => "any",
        }
    }

    /// The stored or typed value; anything else is `None`.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "all" => Some(Self::All),
            "any" => Some(Self::Any),
            _ => None,
        }
    }
}

/// How a requirement was met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetBy {
    /// Checked in at the required activity.
    Attended,
    /// An organiser recorded that the person completed it ("afgerond").
    Completed,
    /// The person stated they followed it elsewhere and an organiser approved.
    Statement,
}

impl MetBy {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Attended => "attended",
            Self::Completed => "completed",
            Self::Statement => "statement",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [Self::Attended, Self::Completed, Self::Statement]
            .into_iter()
            .find(|m| m.as_str() == raw)
    }
}

/// Whether someone who has met `met` (required activities, each met in some way)
/// may take a place in an activity requiring `required` under `rule`. Nothing
/// required: always.
pub fn is_met<T: PartialEq>(rule: Rule, required: &[T], met: &[T]) -> bool {
    if required.is_empty() {
        return true;
    }
    match rule {
        Rule::All => required.iter().all(|r| met.contains(r)),
        Rule::Any => required.iter().any(|r| met.contains(r)),
    }
}

/// The required activities not yet met, in the order required.
pub fn missing<'a, T: PartialEq>(required: &'a [T], met: &[T]) -> Vec<&'a T> {
    required.iter().filter(|r| !met.contains(r)).collect()
}

/// Whether `activity`, when it requires exactly `required`, would require itself
/// through the other stored requirements (`edges`: activity → required activity;
/// the activity's own stored edges are replaced by `required`). Returns the loop as
/// a path from `activity` back to it (`[A, B, A]`, `[A, B, C, A]`), else `None`.
pub fn cycle<T: Eq + Hash + Clone>(
    edges: &[(T, T)],
    activity: &T,
    required: &[T],
) -> Option<Vec<T>> {
    let mut next: HashMap<&T, Vec<&T>> = HashMap::new();
    for (from, to) in edges {
        if from != activity {
            next.entry(from).or_default().push(to);
        }
    }
    // Depth first from each new requirement, remembering how each node was reached.
    let mut came_from: HashMap<&T, &T> = HashMap::new();
    let mut seen: HashSet<&T> = HashSet::new();
    let mut stack: Vec<&T> = Vec::new();
    for start in required {
        if seen.insert(start) {
            came_from.insert(start, activity);
            stack.push(start);
        }
    }
    while let Some(node) = stack.pop() {
        if node == activity {
            let mut path = vec![activity.clone()];
            let mut at = came_from[&node];
            while at != activity {
                path.push(at.clone());
                at = came_from[&at];
            }
            path.push(activity.clone());
            path.reverse();
            return Some(path);
        }
        for &to in next.get(node).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(to) {
                came_from.insert(to, node);
                stack.push(to);
            }
        }
    }
    None
}

/// The statement form as typed: which required module, where and when it was
/// followed, and a line of text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatementInput {
    /// The required activity's slug.
    pub required: String,
    pub provider: String,
    pub followed_on: String,
    pub note: String,
}

/// A checked statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidStatement {
    pub required: String,
    pub provider: String,
    pub followed_on: NaiveDate,
    pub note: String,
}

/// Checks a statement: the module is one still missing (`missing`, slugs), the
/// place is named, the date is a real one not after `today`, the text not too long.
pub fn validate_statement(
    input: &StatementInput,
    missing: &[&str],
    today: NaiveDate,
) -> Result<ValidStatement, Vec<FieldError>> {
    let mut errors = Vec::new();
    let chosen = input.required.trim();
    if !missing.contains(&chosen) {
        errors.push(FieldError::new("required", "prereq-error-required"));
    }
    let provider = required(
        "provider",
        line(&input.provider, MAX_PROVIDER),
        "prereq-error-provider",
        &mut errors,
    );
    let followed_on = match parse_date(&input.followed_on) {
        Ok(date) if date > today => {
            errors.push(FieldError::new("followed_on", "prereq-error-future"));
            None
        }
        Ok(date) => Some(date),
        Err(message) => {
            errors.push(FieldError::new("followed_on", message));
            None
        }
    };
    let note = text(&input.note, MAX_NOTE).unwrap_or_else(|message| {
        errors.push(FieldError::new("note", message));
        String::new()
    });
    match (errors.is_empty(), followed_on) {
        (true, Some(followed_on)) => Ok(ValidStatement {
            required: chosen.to_owned(),
            provider,
            followed_on,
            note,
        }),
        _ => Err(errors),
    }
}

/// An organiser's decision on a statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Decline,
}

/// Checks a decision: `approve` or `decline`; declining needs a message (it goes to
/// the person by email), approving may carry one.
pub fn validate_decision(
    decision: &str,
    message: &str,
) -> Result<(Decision, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let decision = match decision.trim() {
        "approve" => Some(Decision::Approve),
        "decline" => Some(Decision::Decline),
        _ => {
            errors.push(FieldError::new("decision", "error-choice"));
            None
        }
    };
    let message = text(message, MAX_NOTE).unwrap_or_else(|error| {
        errors.push(FieldError::new("message", error));
        String::new()
    });
    if decision == Some(Decision::Decline) && message.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("message", "prereq-error-decline-message"));
    }
    match decision {
        Some(decision) if errors.is_empty() => Ok((decision, message)),
        _ => Err(errors),
    }
}

/// The organiser's "afgerond" form: who completed which required module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletionInput {
    /// The required activity's slug.
    pub required: String,
    pub name: String,
    pub email: String,
}

/// A checked completion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidCompletion {
    pub required: String,
    pub name: String,
    pub email: Email,
}

/// Checks the completion form: one of the activity's required modules (`offered`,
/// slugs), a name and an email address.
pub fn validate_completion(
    input: &CompletionInput,
    offered: &[&str],
) -> Result<ValidCompletion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let chosen = input.required.trim();
    if !offered.contains(&chosen) {
        errors.push(FieldError::new("required", "prereq-error-required"));
    }
    let name = required(
        "name",
        line(&input.name, MAX_LINE),
        "prereq-error-name",
        &mut errors,
    );
    let email = Email::parse(&input.email);
    if email.is_none() {
        errors.push(FieldError::new("email", "error-email"));
    }
    match email {
        Some(email) if errors.is_empty() => Ok(ValidCompletion {
            required: chosen.to_owned(),
            name,
            email,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_needs_every_module_and_any_needs_one() {
        let required = ["kennismaking", "basis"];
        assert!(!is_met(Rule::All, &required, &["kennismaking"]));
        assert!(is_met(Rule::All, &required, &["basis", "kennismaking"]));
        assert!(is_met(Rule::Any, &required, &["basis"]));
        assert!(!is_met(Rule::Any, &required, &["iets-anders"]));
        assert!(!is_met(Rule::Any, &required, &[]));
        // Nothing required: everyone.
        assert!(is_met::<&str>(Rule::All, &[], &[]));
        assert!(is_met::<&str>(Rule::Any, &[], &[]));
        assert_eq!(missing(&required, &["basis"]), vec![&"kennismaking"]);
    }

    #[test]
    fn rule_and_met_by_read_back() {
        for rule in [Rule::All, Rule::Any] {
            assert_eq!(Rule::parse(rule.as_str()), Some(rule));
        }
        assert_eq!(Rule::parse("some"), None);
        for met in [MetBy::Attended, MetBy::Completed, MetBy::Statement] {
            assert_eq!(MetBy::parse(met.as_str()), Some(met));
        }
        assert_eq!(MetBy::parse(""), None);
    }

    #[test]
    fn a_direct_or_longer_loop_is_found_with_its_path() {
        // B needs A; A would need B.
        let edges = [("b", "a")];
        assert_eq!(cycle(&edges, &"a", &["b"]), Some(vec!["a", "b", "a"]));
        // C needs B, B needs A; A would need C.
        let edges = [("c", "b"), ("b", "a"), ("x", "a")];
        assert_eq!(
            cycle(&edges, &"a", &["x", "c"]),
            Some(vec!["a", "c", "b", "a"])
        );
        // A needs itself.
        assert_eq!(cycle(&edges, &"a", &["a"]), Some(vec!["a", "a"]));
    }

    #[test]
    fn a_chain_or_diamond_is_no_loop_and_old_edges_of_the_activity_do_not_count() {
        let edges = [("vervolg", "kennismaking"), ("verdieping", "vervolg")];
        assert_eq!(
            cycle(&edges, &"verdieping", &["vervolg", "kennismaking"]),
            None
        );
        let diamond = [("b", "d"), ("c", "d")];
        assert_eq!(cycle(&diamond, &"a", &["b", "c"]), None);
        // The activity's own stored requirement (a → b) is replaced, not added: b → a
        // alone is no loop once a stops requiring b.
        let edges = [("a", "b"), ("b", "c")];
        assert_eq!(cycle(&edges, &"c", &[]), None);
        assert_eq!(cycle(&edges, &"c", &["a"]), Some(vec!["c", "a", "b", "c"]));
        assert_eq!(cycle(&[("b", "c")], &"a", &["b"]), None);
    }

    #[test]
    fn a_statement_names_a_missing_module_a_place_and_a_past_date() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let ok = StatementInput {
            required: "kennismaking-abcd".into(),
            provider: " LSA, Utrecht ".into(),
            followed_on: "2025-03-14".into(),
            note: "Twee dagen, met certificaat.".into(),
        };
        let valid = validate_statement(&ok, &["kennismaking-abcd"], today).expect("valid");
        assert_eq!(valid.provider, "LSA, Utrecht");
        assert_eq!(valid.followed_on.to_string(), "2025-03-14");
        let errors = validate_statement(
            &StatementInput {
                required: "vervolg-abcd".into(),
                provider: String::new(),
                followed_on: "2027-01-01".into(),
                note: "x\u{202E}y".into(),
            },
            &["kennismaking-abcd"],
            today,
        )
        .expect_err("all wrong");
        let fields: Vec<_> = errors
            .iter()
            .map(|e| (e.field.as_str(), e.message))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("required", "prereq-error-required"),
                ("provider", "prereq-error-provider"),
                ("followed_on", "prereq-error-future"),
                ("note", "error-control-characters"),
            ]
        );
        let no_date = StatementInput {
            followed_on: "14-03-2025".into(),
            ..ok
        };
        assert_eq!(
            validate_statement(&no_date, &["kennismaking-abcd"], today).expect_err("date")[0].field,
            "followed_on"
        );
    }

    #[test]
    fn declining_needs_a_message_approving_does_not() {
        assert_eq!(
            validate_decision("approve", ""),
            Ok((Decision::Approve, String::new()))
        );
        assert_eq!(
            validate_decision("decline", " Graag eerst de kennismaking. "),
            Ok((Decision::Decline, "Graag eerst de kennismaking.".into()))
        );
        let errors = validate_decision("decline", "  ").expect_err("no message");
        assert_eq!(errors[0].message, "prereq-error-decline-message");
        assert_eq!(
            validate_decision("maybe", "").expect_err("choice")[0].field,
            "decision"
        );
    }

    #[test]
    fn a_completion_names_a_required_module_a_person_and_an_address() {
        let input = CompletionInput {
            required: "kennismaking-abcd".into(),
            name: "Sanne de Vries".into(),
            email: "Sanne@Voorbeeld.nl".into(),
        };
        let valid = validate_completion(&input, &["kennismaking-abcd"]).expect("valid");
        assert_eq!(valid.email.key, "sanne@voorbeeld.nl");
        let errors = validate_completion(
            &CompletionInput {
                required: "iets".into(),
                name: " ".into(),
                email: "geen-adres".into(),
            },
            &["kennismaking-abcd"],
        )
        .expect_err("all wrong");
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["required", "name", "email"]);
    }
}
