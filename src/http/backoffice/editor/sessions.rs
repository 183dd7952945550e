//! The session form: date and times, venue (chosen or new), its own limit, and
//! the program with speakers; removing a session.

use super::*;

/// The session form as typed.
pub(crate) struct SessionForm {
    pub(crate) session: SessionInput,
    pub(crate) venue: NewVenue,
    pub(crate) program: Vec<ProgramInput>,
    pub(crate) notify: bool,
}

impl SessionForm {
    pub(super) fn from_pairs(pairs: &Pairs) -> Self {
        let mut program = Vec::new();
        for i in 0..(MAX_PROGRAM_ITEMS + SPARE_ROWS) {
            let get = |name: &str| pairs.get(&format!("p{i}_{name}"));
            if !pairs
                .0
                .iter()
                .any(|(k, _)| k.starts_with(&format!("p{i}_")))
            {
                break;
            }
            program.push(ProgramInput {
                time: get("time"),
                kind: get("kind"),
                title: get("title"),
                description: get("description"),
                speakers: get("speakers"),
                learning: get("learning"),
            });
        }
        Self {
            session: SessionInput {
                date: pairs.get("date"),
                start: pairs.get("start"),
                end: pairs.get("end"),
                venue: pairs.get("venue"),
                capacity: pairs.get("capacity"),
                title: pairs.get("title"),
            },
            venue: NewVenue {
                name: pairs.get("venue_name"),
                address: pairs.get("venue_address"),
                postcode: pairs.get("venue_postcode"),
                city: pairs.get("venue_city"),
                route_transit: pairs.get("venue_transit"),
                route_car: pairs.get("venue_car"),
                accessibility: pairs.get("venue_accessibility"),
            },
            program,
            notify: pairs.on("notify"),
        }
    }

    pub(crate) fn from_detail(s: &SessionDetail) -> Self {
        let local = |t: crate::time::Timestamp| t.with_timezone(&chrono_tz::Europe::Amsterdam);
        Self {
            session: SessionInput {
                date: local(s.starts_at).format("%Y-%m-%d").to_string(),
                start: local(s.starts_at).format("%H:%M").to_string(),
                end: local(s.ends_at).format("%H:%M").to_string(),
                venue: s.venue.as_ref().map(|v| v.slug.clone()).unwrap_or_default(),
                capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
                title: s.title.clone(),
            },
            venue: NewVenue::default(),
            program: s
                .program
                .iter()
                .map(|item| ProgramInput {
                    time: item
                        .starts_at
                        .map(|t| local(t).format("%H:%M").to_string())
                        .unwrap_or_default(),
                    kind: item.kind.as_str().to_owned(),
                    title: item.title.clone(),
                    description: item.description.clone(),
                    speakers: people_value(
                        item.speakers
                            .iter()
                            .map(|p| (p.name.as_str(), p.affiliation.as_str())),
                        "; ",
                    ),
                    learning: match item.counts_for_learning {
                        None => String::new(),
                        Some(true) => "yes".into(),
                        Some(false) => "no".into(),
                    },
                })
                .collect(),
            notify: true,
        }
    }

    /// The checked session and program, or every problem at its field.
    pub(crate) fn validate(&self, venues: &[&str]) -> Result<SessionContent, Vec<FieldError>> {
        let mut errors = Vec::new();
        let session = validate_session(&self.session, venues);
        let new_venue = self.new_venue(&mut errors);
        if new_venue.is_some() && !self.session.venue.trim().is_empty() {
            errors.push(FieldError::new("venue_name", "editor-error-venue-both"));
        }
        let session = match session {
            Ok(session) => Some(session),
            Err(found) => {
                errors.extend(found);
                None
            }
        };
        let program = match &session {
            Some(session) => match validate_program(&self.program, session) {
                Ok(program) => program,
                Err(found) => {
                    errors.extend(found);
                    Vec::new()
                }
            },
            None => Vec::new(),
        };
        match session {
            Some(session) if errors.is_empty() => Ok(SessionContent {
                session,
                new_venue,
                program,
            }),
            _ => Err(errors),
        }
    }

    pub(super) fn new_venue(&self, errors: &mut Vec<FieldError>) -> Option<NewVenue> {
        let v = &self.venue;
        let mut check = |field: &str, raw: &str, max: usize| {
            let result = if max == MAX_NOTE {
                text(raw, max)
            } else {
                line(raw, max)
            };
            result.unwrap_or_else(|message| {
                errors.push(FieldError::new(field, message));
                String::new()
            })
        };
        let venue = NewVenue {
            name: check("venue_name", &v.name, MAX_TITLE),
            address: check("venue_address", &v.address, MAX_TITLE),
            postcode: check("venue_postcode", &v.postcode, 20),
            city: check("venue_city", &v.city, MAX_TITLE),
            route_transit: check("venue_transit", &v.route_transit, MAX_NOTE),
            route_car: check("venue_car", &v.route_car, MAX_NOTE),
            accessibility: check("venue_accessibility", &v.accessibility, MAX_NOTE),
        };
        let any_other = [
            &venue.address,
            &venue.postcode,
            &venue.city,
            &venue.route_transit,
            &venue.route_car,
            &venue.accessibility,
        ]
        .iter()
        .any(|v| !v.is_empty());
        if venue.name.is_empty() {
            if any_other {
                errors.push(FieldError::new("venue_name", "editor-error-venue-name"));
            }
            return None;
        }
        Some(venue)
    }
}

pub(super) fn session_groups(
    lang: Lang,
    form: &SessionForm,
    venues: &[VenueRow],
    published: bool,
) -> Vec<Group> {
    let field = |name: &str, kind: &'static str, value: &str| {
        FieldView::new(
            name,
            lang.t(&format!("bo-field-session-{name}")),
            kind,
            value,
        )
    };
    let s = &form.session;
    let when = vec![
        field("date", "date", &s.date).required(),
        field("start", "time", &s.start).required(),
        field("end", "time", &s.end).required(),
        field("title", "text", &s.title).described(lang.t("bo-help-session-title")),
        field("capacity", "number", &s.capacity).described(lang.t("bo-help-session-capacity")),
    ];
    let place = vec![
        field("venue", "select", &s.venue).options(
            std::iter::once((String::new(), lang.t("bo-venue-none")))
                .chain(venues.iter().map(|v| {
                    let label = match v.city.as_str() {
                        "" => v.name.clone(),
                        city => format!("{}, {city}", v.name),
                    };
                    (v.slug.clone(), label)
                }))
                .collect(),
        ),
    ];
    let v = &form.venue;
    let new_venue = vec![
        field("venue_name", "text", &v.name),
        field("venue_address", "text", &v.address).autocomplete("off"),
        field("venue_postcode", "text", &v.postcode).autocomplete("off"),
        field("venue_city", "text", &v.city).autocomplete("off"),
        field("venue_transit", "textarea", &v.route_transit),
        field("venue_car", "textarea", &v.route_car),
        field("venue_accessibility", "textarea", &v.accessibility),
    ];
    let mut groups = vec![
        Group::new(lang.t("bo-group-when"), when),
        Group::new(lang.t("bo-group-venue"), place),
        {
            let mut g = Group::new(lang.t("bo-group-new-venue"), new_venue);
            g.help = lang.t("bo-help-new-venue");
            g
        },
    ];
    let kinds: Vec<(String, String)> = ProgramItemKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                lang.t(&format!("program-kind-{}", k.as_str())),
            )
        })
        .collect();
    let filled = form.program.iter().rposition(|p| {
        ![&p.time, &p.title, &p.description, &p.speakers]
            .iter()
            .all(|v| v.trim().is_empty())
    });
    let rows = filled.map_or(0, |i| i + 1) + SPARE_ROWS;
    for i in 0..rows.min(MAX_PROGRAM_ITEMS + SPARE_ROWS) {
        let empty = ProgramInput::default();
        let p = form.program.get(i).unwrap_or(&empty);
        let n = i as i64 + 1;
        let label = |key: &str| lang.t1(key, "n", n);
        let kind = if p.kind.is_empty() { "other" } else { &p.kind };
        let mut group = Group::new(
            label("bo-program-row"),
            vec![
                FieldView::new(
                    &format!("p{i}_time"),
                    label("bo-program-time"),
                    "time",
                    &p.time,
                ),
                FieldView::new(
                    &format!("p{i}_kind"),
                    label("bo-program-kind"),
                    "select",
                    kind,
                )
                .options(kinds.clone()),
                FieldView::new(
                    &format!("p{i}_learning"),
                    label("bo-program-learning"),
                    "select",
                    &p.learning,
                )
                .options(learning_choices(lang, kind))
                .described(lang.t("bo-help-program-learning")),
                FieldView::new(
                    &format!("p{i}_title"),
                    label("bo-program-title"),
                    "text",
                    &p.title,
                ),
                FieldView::new(
                    &format!("p{i}_speakers"),
                    label("bo-program-speakers"),
                    "text",
                    &p.speakers,
                )
                .described(lang.t("bo-help-speakers"))
                .list("known-people"),
                FieldView::new(
                    &format!("p{i}_description"),
                    label("bo-program-description"),
                    "textarea",
                    &p.description,
                ),
            ],
        );
        if i == 0 {
            group.help = lang.t("bo-help-program");
        }
        groups.push(group);
    }
    if published {
        let mut g = Group::new(
            lang.t("bo-group-notify"),
            vec![FieldView::checkbox(
                "notify",
                lang.t("bo-field-notify"),
                form.notify,
            )],
        );
        g.help = lang.t("bo-help-notify");
        groups.push(g);
    }
    groups
}

/// The learning-time choices of a program row: by kind (saying what the kind
/// does), yes or no.
fn learning_choices(lang: Lang, kind: &str) -> Vec<(String, String)> {
    let by_kind = ProgramItemKind::parse(kind)
        .map(crate::domain::learning::counts_by_kind)
        .unwrap_or(true);
    vec![
        (
            String::new(),
            lang.t(if by_kind {
                "bo-learning-by-kind-yes"
            } else {
                "bo-learning-by-kind-no"
            }),
        ),
        ("yes".into(), lang.t("bo-learning-yes")),
        ("no".into(), lang.t("bo-learning-no")),
    ]
}

pub(super) fn session_frame(lang: Lang, managed: &Managed, session: Option<i64>) -> FormFrame {
    match session {
        Some(id) => {
            let mut frame = FormFrame::for_activity(
                lang,
                managed,
                lang.t("bo-session-edit"),
                format!("{}/bijeenkomsten/{id}", managed.base()),
                "bo-save",
            );
            let published = managed.activity.status == ActivityStatus::Published;
            frame.danger = Some(Danger {
                action: format!("{}/verwijderen", frame.action),
                label: lang.t("bo-session-delete"),
                notify_label: published.then(|| lang.t("bo-field-notify")),
            });
            frame
        }
        None => FormFrame::for_activity(
            lang,
            managed,
            lang.t("bo-session-add"),
            format!("{}/bijeenkomsten/nieuw", managed.base()),
            "bo-session-create",
        ),
    }
}

pub(super) async fn show_session_form(
    state: &AppState,
    lang: Lang,
    managed: Managed,
    session: Option<i64>,
) -> Result<Response, PageError> {
    if !editable(managed.activity.status) {
        return Ok(not_editable(&managed));
    }
    let form = match session {
        None => SessionForm {
            session: SessionInput::default(),
            venue: NewVenue::default(),
            program: Vec::new(),
            notify: true,
        },
        Some(id) => {
            let detail = state
                .db
                .activity_detail_preview(&managed.activity.public_id)
                .await?
                .ok_or(PageError::NotFound)?;
            let found = detail
                .sessions
                .iter()
                .find(|s| s.id == id)
                .ok_or(PageError::NotFound)?;
            SessionForm::from_detail(found)
        }
    };
    let published = managed.activity.status == ActivityStatus::Published;
    let venues = state.db.venues().await?;
    let groups = session_groups(lang, &form, &venues, published);
    let people = known_people(state).await?;
    render_form(
        state,
        lang,
        managed.csrf(state),
        StatusCode::OK,
        session_frame(lang, &managed, session).known_people(people),
        groups,
        &[],
    )
}

/// The public people a speaker field suggests, as the field takes them:
/// "Naam (organisatie)". Typing a name without the list finds the same person.
async fn known_people(state: &AppState) -> Result<Vec<String>, PageError> {
    Ok(state
        .db
        .profiles()
        .await?
        .into_iter()
        .map(|p| people_value([(p.name.as_str(), p.affiliation.as_str())], ""))
        .collect())
}

/// The form of a new session (`…/nieuw`) or of an existing one.
pub(super) async fn session_form(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
) -> Result<Response, PageError> {
    show_session_form(&state, lang, managed, session).await
}

/// Stores a new session (`…/nieuw`) or changes an existing one.
pub(super) async fn store_session(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, PageError> {
    let pairs = Pairs::parse(&body);
    let form = SessionForm::from_pairs(&pairs);
    let published = managed.activity.status == ActivityStatus::Published;
    let venues = state.db.venues().await?;
    let people = known_people(&state).await?;
    let refuse = |refusal: Refusal, taken: Option<u32>| {
        let mut groups = session_groups(lang, &form, &venues, published);
        if let Some(taken) = taken {
            groups.insert(0, consent_group(lang, taken));
        }
        render_form(
            &state,
            lang,
            managed.csrf(&state),
            refusal.status(),
            session_frame(lang, &managed, session)
                .notice(refusal.notice(lang))
                .known_people(people.clone()),
            groups,
            refusal.errors(),
        )
    };
    if !managed.form_ok(&state, &headers, &pairs) {
        return refuse(Refusal::Expired, None);
    }
    let slugs: Vec<&str> = venues.iter().map(|v| v.slug.as_str()).collect();
    let content = match form.validate(&slugs) {
        Ok(content) => content,
        Err(errors) => {
            return refuse(Refusal::invalid(lang, &errors), None);
        }
    };
    let outcome = state
        .db
        .save_session(
            managed.activity.id,
            session,
            &content,
            form.notify,
            pairs.on("consent"),
            managed.actor(),
        )
        .await?;
    after_save(&state, lang, &managed, outcome, refuse).await
}

pub(super) async fn delete_session(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    managed: Managed,
    Child(session): Child,
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
        .delete_session(
            managed.activity.id,
            session.ok_or(PageError::NotFound)?,
            pairs.on("notify"),
            managed.actor(),
        )
        .await?;
    finish_removal(&state, lang, &managed, outcome).await
}

pub(super) async fn finish_removal(
    state: &AppState,
    lang: Lang,
    managed: &Managed,
    outcome: SaveOutcome,
) -> Result<Response, PageError> {
    match outcome {
        SaveOutcome::Saved { notified } => {
            refresh(state, managed).await?;
            if notified > 0 {
                state.mail_wake.notify_one();
            }
            Ok(see_other(format!(
                "{}?bericht=verwijderd&mails={notified}",
                managed.base()
            )))
        }
        SaveOutcome::NotEditable(_) => Ok(not_editable(managed)),
        SaveOutcome::LastSession => {
            let refusal = Refusal::NotNow(lang.t("bo-last-session"));
            render_overview(state, lang, managed, OverviewRender::refused(refusal)).await
        }
        SaveOutcome::NotFound | SaveOutcome::CapacityBelowTaken { .. } => Err(PageError::NotFound),
    }
}
