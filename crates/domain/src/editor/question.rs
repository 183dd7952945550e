//! An activity's own questions on the sign-up form.

use super::*;

/// A question as typed in the question editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionInput {
    pub kind: String,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// One choice per line.
    pub options: String,
}

/// A question, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidQuestion {
    pub kind: QuestionKind,
    pub label: String,
    pub help: String,
    pub required: bool,
    /// Choices, one per line (stored as typed, trimmed).
    pub options: String,
}

pub fn validate_question(input: &QuestionInput) -> Result<ValidQuestion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let kind = QuestionKind::parse(input.kind.trim()).unwrap_or_else(|| {
        errors.push(FieldError::new("kind", "error-choice"));
        QuestionKind::Text
    });
    let label = line(&input.label, MAX_TITLE).unwrap_or_else(|message| {
        errors.push(FieldError::new("label", message));
        String::new()
    });
    if label.is_empty() && errors.iter().all(|e| e.field != "label") {
        errors.push(FieldError::new("label", "error-required"));
    }
    let help = line(&input.help, MAX_TITLE).unwrap_or_else(|message| {
        errors.push(FieldError::new("help", message));
        String::new()
    });
    let mut options: Vec<String> = Vec::new();
    for option in input.options.lines() {
        match line(option, MAX_TITLE) {
            Ok(option) if option.is_empty() || options.contains(&option) => {}
            Ok(option) => options.push(option),
            Err(message) => {
                errors.push(FieldError::new("options", message));
                break;
            }
        }
    }
    if kind == QuestionKind::Choice
        && options.len() < 2
        && errors.iter().all(|e| e.field != "options")
    {
        errors.push(FieldError::new("options", "editor-error-options"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(ValidQuestion {
        kind,
        label,
        help,
        required: input.required,
        options: if kind == QuestionKind::Choice {
            options.join("\n")
        } else {
            String::new()
        },
    })
}
