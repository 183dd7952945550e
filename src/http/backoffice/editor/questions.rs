//! The activity's own questions on the sign-up form: add, change, remove.

use super::*;

pub(super) fn question_groups(lang: Lang, input: &QuestionInput) -> Vec<Group> {
    vec![Group::new(
        String::new(),
        vec![
            FieldView::new(
                "label",
                lang.t("bo-field-question-label"),
                "text",
                &input.label,
            )
            .required(),
            FieldView::new(
                "kind",
                lang.t("bo-field-question-kind"),
                "select",
                &input.kind,
            )
            .required()
            .options(vec![
                ("text".into(), lang.t("bo-question-kind-text")),
                ("choice".into(), lang.t("bo-question-kind-choice")),
            ]),
            FieldView::new(
                "options",
                lang.t("bo-field-question-options"),
                "textarea",
                &input.options,
            )
            .rows(5)
            .described(lang.t("bo-help-question-options")),
            FieldView::new(
                "help",
                lang.t("bo-field-question-help"),
                "text",
                &input.help,
            ),
            FieldView::checkbox(
                "required",
                lang.t("bo-field-question-required"),
                input.required,
            ),
        ],
    )]
}

pub(super) fn question_frame(lang: Lang, managed: &Managed, question: Option<i64>) -> FormFrame {
    match question {
        Some(id) => {
            let mut frame = FormFrame::for_activity(
                lang,
                managed,
                lang.t("bo-question-edit"),
                format!("{}/vragen/{id}", managed.base()),
                "bo-save",
            );
            frame.danger = Some(Danger {
                action: format!("{}/verwijderen", frame.action),
                label: lang.t("bo-question-delete"),
                notify_label: None,
            });
            frame
        }
        None => FormFrame::for_activity(
            lang,
            managed,
            lang.t("bo-question-add"),
            format!("{}/vragen/nieuw", managed.base()),
            "bo-question-create",
        ),
    }
}

pub(super) async fn show_question_form(
    state: &AppState,
    lang: Lang,
    managed: Managed,
    question: Option<i64>,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let input = match question {
        None => QuestionInput {
            kind: "text".into(),
            ..QuestionInput::default()
        },
        Some(id) => {
            let questions = state.db.questions(managed.activity.id).await?;
            let q = questions
                .iter()
                .find(|q| q.id == id)
                .ok_or(PageError::NotFound)?;
            QuestionInput {
                kind: match q.kind {
                    QuestionKind::Text => "text".into(),
                    QuestionKind::Choice => "choice".into(),
                },
                label: q.label.clone(),
                help: q.help.clone(),
                required: q.required,
                options: q.options.join("\n"),
            }
        }
    };
    let intro = if managed.activity.status == ActivityStatus::Published {
        vec![lang.t("bo-question-published-help")]
    } else {
        Vec::new()
    };
    render_form(
        state,
        lang,
        managed.csrf(state),
        StatusCode::OK,
        question_frame(lang, &managed, question).intro(intro),
        question_groups(lang, &input),
        &[],
    )
}

/// The form of a new question (`…/nieuw`) or of an existing one.
pub(super) async fn question_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
) -> Result<Response, PageError> {
    show_question_form(&state, lang, managed, question).await
}

/// Stores a new question (`…/nieuw`) or changes an existing one.
pub(super) async fn store_question(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let input = QuestionInput {
        kind: pairs.get("kind"),
        label: pairs.get("label"),
        help: pairs.get("help"),
        required: pairs.on("required"),
        options: pairs.get("options"),
    };
    let refuse = |refusal: Refusal| {
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            question_frame(lang, &managed, question).notice(refusal.notice(lang)),
            question_groups(lang, &input),
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired);
    }
    let valid = match validate_question(&input) {
        Ok(valid) => valid,
        Err(errors) => {
            return refuse(Refusal::invalid(lang, &errors));
        }
    };
    let outcome = state
        .db
        .save_question(managed.activity.id, question, &valid, managed.actor())
        .await?;
    match outcome {
        SaveOutcome::Saved { .. } => {
            refresh(&state, &managed).await?;
            Ok(see_other(format!("{}?bericht=opgeslagen", managed.base())))
        }
        SaveOutcome::NotEditable(_) => refuse(Refusal::NotNow(lang.t("bo-not-editable-now"))),
        SaveOutcome::NotFound
        | SaveOutcome::CapacityBelowTaken { .. }
        | SaveOutcome::LastSession => Err(PageError::NotFound),
    }
}

pub(super) async fn delete_question(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(question): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    if !managed.form_ok(&state, &headers, &pairs) {
        let render = OverviewRender::refused(Refusal::Expired);
        return render_overview(&state, lang, &managed, render).await;
    }
    let outcome = state
        .db
        .delete_question(
            managed.activity.id,
            question.ok_or(PageError::NotFound)?,
            managed.actor(),
        )
        .await?;
    finish_removal(&state, lang, &managed, outcome).await
}
