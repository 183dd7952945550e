//! The activity form: create an activity for an organisation, change one, with
//! the consent step when a new limit is below the places taken.

use super::*;

/// The form as stored, for editing.
pub(crate) fn input_from(stored: &EditorActivity, title: &str) -> ActivityInput {
    let r = &stored.row;
    ActivityInput {
        title: title.to_owned(),
        subtitle: r.subtitle.clone(),
        summary: r.summary.clone(),
        body: r.body.clone(),
        region: r.region.clone(),
        cost: r
            .cost_cents
            .map(|c| format!("{},{:02}", c / 100, c % 100))
            .unwrap_or_default(),
        cost_note: r.cost_note.clone(),
        time_investment: r.time_investment.clone(),
        recurrence_note: r.recurrence_note.clone(),
        participation_note: r.participation_note.clone(),
        capacity: r.capacity.map(|c| c.to_string()).unwrap_or_default(),
        waitlist: r.waitlist_enabled,
        registration_open: r.registration_open,
        promotion: r.promotion.clone(),
        offer_hours: r.offer_hours.to_string(),
        opens_at: r
            .registration_opens_at
            .map(local_datetime_value)
            .unwrap_or_default(),
        closes_at: r
            .registration_closes_at
            .map(local_datetime_value)
            .unwrap_or_default(),
        organiser_email: r.organiser_email.clone(),
        themes: stored.themes.clone(),
        audiences: stored.audiences.clone(),
        contact_name: r.contact_name.clone().unwrap_or_default(),
        contact_affiliation: r.contact_affiliation.clone().unwrap_or_default(),
        contact_email: r.contact_email.clone().unwrap_or_default(),
        contact_phone: r.contact_phone.clone().unwrap_or_default(),
        facilitators: people_value(stored.facilitators.iter().map(PersonName::parts), "\n"),
        links: stored
            .links
            .iter()
            .map(|(title, url)| format!("{title} | {url}"))
            .collect::<Vec<_>>()
            .join("\n"),
        prerequisites: stored.prerequisites.clone(),
        prerequisite_rule: r.prerequisite_rule.clone(),
    }
}

pub(super) fn input_from_pairs(pairs: &Pairs) -> ActivityInput {
    ActivityInput {
        title: pairs.get("title"),
        subtitle: pairs.get("subtitle"),
        summary: pairs.get("summary"),
        body: pairs.get("body"),
        region: pairs.get("region"),
        cost: pairs.get("cost"),
        cost_note: pairs.get("cost_note"),
        time_investment: pairs.get("time_investment"),
        recurrence_note: pairs.get("recurrence_note"),
        participation_note: pairs.get("participation_note"),
        capacity: pairs.get("capacity"),
        waitlist: pairs.on("waitlist"),
        registration_open: pairs.on("registration_open"),
        promotion: pairs.get("promotion"),
        offer_hours: pairs.get("offer_hours"),
        opens_at: pairs.get("opens_at"),
        closes_at: pairs.get("closes_at"),
        organiser_email: pairs.get("organiser_email"),
        themes: pairs.all("themes"),
        audiences: pairs.all("audiences"),
        contact_name: pairs.get("contact_name"),
        contact_affiliation: pairs.get("contact_affiliation"),
        contact_email: pairs.get("contact_email"),
        contact_phone: pairs.get("contact_phone"),
        facilitators: pairs.get("facilitators"),
        links: pairs.get("links"),
        prerequisites: pairs.all("prerequisites"),
        prerequisite_rule: pairs.get("prerequisite_rule"),
    }
}

/// What the activity form offers to choose from: (value, label) lists.
pub(crate) struct Choices {
    pub(super) themes: Vec<(String, String)>,
    pub(super) audiences: Vec<(String, String)>,
    pub(super) activities: Vec<(String, String)>,
}

impl Choices {
    pub(crate) async fn load(
        state: &AppState,
        lang: Lang,
        organisation_id: i64,
        except: Option<&str>,
    ) -> Result<Self, PageError> {
        let themes = state
            .db
            .themes_with_counts(crate::time::now())
            .await?
            .into_iter()
            .map(|(t, _)| (t.slug.clone(), lang.pick(&t.name_nl, &t.name_en).to_owned()))
            .collect();
        let audiences = state
            .db
            .audiences()
            .await?
            .into_iter()
            .map(|a| (a.slug.clone(), lang.pick(&a.name_nl, &a.name_en).to_owned()))
            .collect();
        let activities = state
            .db
            .organisation_activities(organisation_id)
            .await?
            .into_iter()
            .filter(|a| Some(a.slug.as_str()) != except)
            .map(|a| (a.slug, a.title))
            .collect();
        Ok(Self {
            themes,
            audiences,
            activities,
        })
    }

    /// The slugs on offer, for [`validate_activity`].
    pub(crate) fn slugs(&self) -> [Vec<&str>; 3] {
        fn slugs(list: &[(String, String)]) -> Vec<&str> {
            list.iter().map(|(s, _)| s.as_str()).collect()
        }
        [
            slugs(&self.themes),
            slugs(&self.audiences),
            slugs(&self.activities),
        ]
    }
}

/// The loop (slugs, from the activity back to it) that saving `valid` as the
/// requirements of activity `slug` would make; `None` when there is none.
pub(crate) async fn prerequisite_loop(
    state: &AppState,
    slug: &str,
    valid: &crate::domain::editor::ValidActivity,
) -> sqlx::Result<Option<Vec<String>>> {
    if valid.prerequisites.is_empty() {
        return Ok(None);
    }
    let edges = state.db.prerequisite_edges().await?;
    Ok(crate::domain::prerequisite::cycle(
        &edges,
        &slug.to_owned(),
        &valid.prerequisites,
    ))
}

pub(crate) fn offered<'a>(slugs: &'a [Vec<&'a str>; 3]) -> Offered<'a> {
    Offered {
        themes: &slugs[0],
        audiences: &slugs[1],
        activities: &slugs[2],
    }
}

pub(super) fn activity_groups(
    lang: Lang,
    input: &ActivityInput,
    choices: &Choices,
    kind: Option<ActivityKind>,
) -> Vec<Group> {
    let text_field = |name: &str, kind: &'static str, value: &str| {
        FieldView::new(name, lang.t(&format!("bo-field-{name}")), kind, value)
    };
    let help = |field: FieldView, key: &str| field.described(lang.t(key));
    let mut about = Vec::new();
    if kind.is_none() {
        about.push(
            FieldView::new("kind", lang.t("bo-field-kind"), "select", "cafe")
                .required()
                .options(
                    ActivityKind::ALL
                        .iter()
                        .map(|k| (k.as_str().to_owned(), kind_label(lang, *k)))
                        .collect(),
                ),
        );
    }
    about.extend([
        text_field("title", "text", &input.title).required(),
        text_field("subtitle", "text", &input.subtitle),
        help(
            text_field("summary", "textarea", &input.summary).required(),
            "bo-help-summary",
        ),
        help(
            text_field("body", "textarea", &input.body).rows(12),
            "bo-help-body",
        ),
        FieldView::new("themes", lang.t("bo-field-themes"), "checkboxes", "")
            .options(choices.themes.clone())
            .chosen(&input.themes),
        FieldView::new("audiences", lang.t("bo-field-audiences"), "checkboxes", "")
            .options(choices.audiences.clone())
            .chosen(&input.audiences),
        FieldView::new("region", lang.t("bo-field-region"), "select", &input.region).options(
            std::iter::once((String::new(), lang.t("bo-region-none")))
                .chain(REGIONS.iter().map(|r| ((*r).to_owned(), (*r).to_owned())))
                .collect(),
        ),
    ]);
    let practical = vec![
        help(text_field("cost", "text", &input.cost), "bo-help-cost"),
        text_field("cost_note", "text", &input.cost_note),
        text_field("time_investment", "text", &input.time_investment),
        text_field("recurrence_note", "textarea", &input.recurrence_note),
        text_field("participation_note", "textarea", &input.participation_note),
    ];
    let people = vec![
        text_field("contact_name", "text", &input.contact_name),
        text_field("contact_affiliation", "text", &input.contact_affiliation),
        text_field("contact_email", "email", &input.contact_email),
        text_field("contact_phone", "tel", &input.contact_phone),
        help(
            text_field("facilitators", "textarea", &input.facilitators),
            "bo-help-facilitators",
        ),
    ];
    let registration = vec![
        FieldView::checkbox(
            "registration_open",
            lang.t("bo-field-registration_open"),
            input.registration_open,
        ),
        help(
            text_field("capacity", "number", &input.capacity),
            "bo-help-capacity",
        ),
        FieldView::checkbox("waitlist", lang.t("bo-field-waitlist"), input.waitlist),
        FieldView::new(
            "promotion",
            lang.t("bo-field-promotion"),
            "select",
            &input.promotion,
        )
        .options(vec![
            ("automatic".into(), lang.t("bo-promotion-automatic")),
            ("offer".into(), lang.t("bo-promotion-offer")),
        ]),
        help(
            text_field("offer_hours", "number", &input.offer_hours),
            "bo-help-offer_hours",
        ),
        help(
            text_field("opens_at", "datetime-local", &input.opens_at),
            "bo-help-opens_at",
        ),
        help(
            text_field("closes_at", "datetime-local", &input.closes_at),
            "bo-help-closes_at",
        ),
        help(
            text_field("organiser_email", "email", &input.organiser_email),
            "bo-help-organiser_email",
        ),
    ];
    let mut more = vec![help(
        text_field("links", "textarea", &input.links),
        "bo-help-links",
    )];
    if !choices.activities.is_empty() {
        more.push(
            FieldView::new(
                "prerequisites",
                lang.t("bo-field-prerequisites"),
                "checkboxes",
                "",
            )
            .options(choices.activities.clone())
            .chosen(&input.prerequisites),
        );
        more.push(
            FieldView::new(
                "prerequisite_rule",
                lang.t("bo-field-prerequisite_rule"),
                "select",
                if input.prerequisite_rule.is_empty() {
                    "all"
                } else {
                    &input.prerequisite_rule
                },
            )
            .options(vec![
                ("all".into(), lang.t("bo-prerequisite-rule-all")),
                ("any".into(), lang.t("bo-prerequisite-rule-any")),
            ]),
        );
    }
    vec![
        Group::new(lang.t("bo-group-about"), about),
        Group::new(lang.t("bo-group-practical"), practical),
        Group::new(lang.t("bo-group-people"), people),
        Group::new(lang.t("bo-group-registration"), registration),
        Group::new(lang.t("bo-group-more"), more),
    ]
}

pub(super) async fn new_activity_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let input = ActivityInput {
        registration_open: true,
        waitlist: true,
        promotion: "automatic".into(),
        offer_hours: "48".into(),
        ..ActivityInput::default()
    };
    let choices = Choices::load(&state, lang, organisation.id, None).await?;
    let groups = activity_groups(lang, &input, &choices, None);
    let frame = new_activity_frame(lang, &organisation);
    render_form(
        &state,
        lang,
        staff.0.csrf(&state),
        StatusCode::OK,
        frame.intro(vec![lang.t("bo-activity-new-intro")]),
        groups,
        &[],
    )
}

pub(super) fn new_activity_frame(lang: Lang, organisation: &OrganisationRef) -> FormFrame {
    let action = format!(
        "/beheer/organisaties/{}/activiteiten/nieuw",
        organisation.slug
    );
    let heading = lang.t("bo-activity-new");
    FormFrame {
        crumbs: vec![
            ("/beheer".into(), lang.t("bo-title")),
            (
                format!("/beheer/organisaties/{}", organisation.slug),
                organisation.name.clone(),
            ),
            (action.clone(), heading.clone()),
        ],
        heading,
        back_href: format!("/beheer/organisaties/{}", organisation.slug),
        action,
        submit: lang.t("bo-activity-create"),
        danger: None,
        intro: Vec::new(),
        notice: None,
        known_people: Vec::new(),
    }
}

pub(super) async fn create_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    staff: Staff,
    Path(org): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let organisation = managed_organisation(&state, &staff, &org).await?;
    let pairs = Pairs::parse(&body);
    let input = input_from_pairs(&pairs);
    let kind = ActivityKind::parse(&pairs.get("kind"));
    let choices = Choices::load(&state, lang, organisation.id, None).await?;
    let refuse = |refusal: Refusal| {
        let mut groups = activity_groups(lang, &input, &choices, None);
        if let Some(kind) = kind {
            for f in groups.iter_mut().flat_map(|g| g.fields.iter_mut()) {
                if f.name == "kind" {
                    f.value = kind.as_str().to_owned();
                }
            }
        }
        render_form(
            &state,
            lang,
            staff.0.csrf(&state),
            refusal.status(),
            new_activity_frame(lang, &organisation).notice(refusal.notice(lang)),
            groups,
            refusal.errors(),
        )
    };
    if !staff.0.csrf_ok(&state, &headers, &pairs.get("csrf")) {
        return refuse(Refusal::Expired);
    }
    let slugs = choices.slugs();
    let offered = offered(&slugs);
    let mut errors = match validate_activity(&input, offered) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    if kind.is_none() {
        errors.insert(0, FieldError::new("kind", "error-choice"));
    }
    let (Some(kind), Ok(valid)) = (kind, validate_activity(&input, offered)) else {
        return refuse(Refusal::invalid(lang, &errors));
    };
    let actor = Actor {
        account_id: staff.0.account.id,
        organisation_id: organisation.id,
        now: crate::time::now(),
    };
    let public_id = state.db.create_activity(kind, &valid, actor).await?;
    Ok(see_other(format!(
        "/beheer/activiteiten/{public_id}?bericht=aangemaakt"
    )))
}

pub(super) async fn edit_activity_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let stored = state
        .db
        .editor_activity(managed.activity.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let input = input_from(&stored, &managed.activity.title);
    let choices = Choices::load(
        &state,
        lang,
        managed.organisation.id,
        Some(managed.activity.slug.as_str()),
    )
    .await?;
    let groups = activity_groups(lang, &input, &choices, Some(managed.activity.kind));
    let frame = edit_frame(lang, &managed);
    render_form(
        &state,
        lang,
        managed.csrf(&state),
        StatusCode::OK,
        frame,
        groups,
        &[],
    )
}

pub(super) fn edit_frame(lang: Lang, managed: &Managed) -> FormFrame {
    FormFrame::for_activity(
        lang,
        managed,
        lang.t("bo-activity-edit"),
        format!("{}/bewerken", managed.base()),
        "bo-save",
    )
}

/// The consent checkbox shown when a new limit is below the places taken.
pub(super) fn consent_group(lang: Lang, taken: u32) -> Group {
    let mut group = Group::new(
        lang.t("bo-capacity-below-heading"),
        vec![FieldView::checkbox(
            "consent",
            lang.t("bo-capacity-consent"),
            false,
        )],
    );
    group.help = lang.t1("bo-capacity-below", "taken", i64::from(taken));
    group
}

pub(super) async fn save_activity(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let input = input_from_pairs(&pairs);
    let choices = Choices::load(
        &state,
        lang,
        managed.organisation.id,
        Some(managed.activity.slug.as_str()),
    )
    .await?;
    let refuse = |refusal: Refusal, taken: Option<u32>| {
        let mut groups = activity_groups(lang, &input, &choices, Some(managed.activity.kind));
        if let Some(taken) = taken {
            groups.insert(0, consent_group(lang, taken));
        }
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            edit_frame(lang, &managed).notice(refusal.notice(lang)),
            groups,
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired, None);
    }
    let slugs = choices.slugs();
    let valid = match validate_activity(&input, offered(&slugs)) {
        Ok(valid) => valid,
        Err(errors) => {
            return refuse(Refusal::invalid(lang, &errors), None);
        }
    };
    // A module may not (through others) require itself.
    if let Some(path) = prerequisite_loop(&state, &managed.activity.slug, &valid).await? {
        let title = |slug: &String| {
            choices
                .activities
                .iter()
                .find(|(s, _)| s == slug)
                .map_or_else(|| managed.activity.title.clone(), |(_, t)| t.clone())
        };
        let names: Vec<String> = path.iter().map(title).collect();
        return refuse(
            Refusal::field(
                "prerequisites",
                lang.t1("editor-error-prerequisite-cycle", "path", names.join(" → ")),
            ),
            None,
        );
    }
    let outcome = state
        .db
        .update_activity(
            managed.activity.id,
            &valid,
            pairs.on("consent"),
            managed.actor(),
        )
        .await?;
    after_save(&state, lang, &managed, outcome, refuse).await
}

/// The answer to a saved activity or session form: back to the overview (saying
/// how many registrants are emailed), or the form again (`refuse`: why, and the
/// places taken when a lower limit needs consent) with a 409 that says why.
pub(super) async fn after_save(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    outcome: SaveOutcome,
    refuse: impl FnOnce(Refusal, Option<u32>) -> Result<Response, PageError>,
) -> Result<Response, PageError> {
    match outcome {
        SaveOutcome::Saved { notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            Ok(see_other(format!(
                "{}?bericht=opgeslagen&mails={notified}",
                managed.base()
            )))
        }
        SaveOutcome::NotEditable(_) => refuse(Refusal::NotNow(lang.t("bo-not-editable-now")), None),
        SaveOutcome::CapacityBelowTaken { taken } => refuse(
            Refusal::Conflict(vec![(
                "consent".into(),
                lang.t("bo-capacity-consent-needed"),
            )]),
            Some(taken),
        ),
        SaveOutcome::NotFound | SaveOutcome::LastSession => Err(PageError::NotFound),
    }
}
