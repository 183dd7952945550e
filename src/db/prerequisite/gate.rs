//! The prerequisite gate of a sign-up batch: under the activity's row lock, one read
//! (per hundred addresses) finds the required modules, which of them each address of
//! the batch has met (checked in, a recorded completion, an approved statement) and
//! who already waits for a check; [`super::super::signup`]'s `plan()` decides with
//! it. Only read for an activity that requires something.

use std::collections::HashMap;

use crate::domain::prerequisite::{Rule, is_met};

/// What the batch's plan needs to know about prerequisites.
#[derive(Clone, Debug, Default)]
pub(crate) struct Gate {
    pub(crate) rule: Rule,
    pub(crate) required: Vec<i64>,
    /// By address: the required activities it has met.
    pub(crate) met: HashMap<String, Vec<i64>>,
    /// Sign-ups waiting for a check, by address and meeting.
    pub(crate) held: HashMap<(String, String), HeldSignup>,
}

/// A stored sign-up waiting for a prerequisite check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct HeldSignup {
    pub(crate) id: i64,
    pub(crate) lang: String,
}

impl Gate {
    /// Whether `email_key` meets the activity's requirements.
    pub(crate) fn admits(&self, email_key: &str) -> bool {
        let met = self.met.get(email_key).map_or(&[][..], Vec::as_slice);
        is_met(self.rule, &self.required, met)
    }

    /// Takes in one row of [`GATE_SQL`].
    pub(crate) fn add(&mut self, row: GateRow) {
        match row.kind.as_str() {
            "required" => self.required.push(row.activity),
            "met" => self
                .met
                .entry(row.email_key)
                .or_default()
                .push(row.activity),
            _ => {
                self.held.insert(
                    (row.email_key, row.meeting_uid),
                    HeldSignup {
                        id: row.hold_id,
                        lang: row.lang,
                    },
                );
            }
        }
    }
}

/// One row of the gate's read.
#[derive(Clone, Debug, sqlx::FromRow)]
pub(crate) struct GateRow {
    kind: String,
    activity: i64,
    email_key: String,
    meeting_uid: String,
    hold_id: i64,
    lang: String,
}

/// The gate's read for activity `$1` and the addresses `$2…` (`{emails}`: their
/// placeholders): the required modules, which of them the addresses met, and the
/// sign-ups already waiting. `{with_required}`: whether to list the required
/// modules (only in the first of several chunks).
pub(crate) fn gate_sql(emails: &str, with_required: bool) -> String {
    let required = "SELECT required_activity_id FROM activity_prerequisite WHERE activity_id = $1";
    let mut sql = format!(
        "SELECT 'met' AS kind, r.activity_id AS activity, r.email_key, '' AS meeting_uid, \
           0 AS hold_id, '' AS lang FROM registration r \
         WHERE r.activity_id IN ({required}) AND r.email_key IN ({emails}) \
           AND EXISTS (SELECT 1 FROM attendance t WHERE t.registration_id = r.id) \
         UNION ALL SELECT 'met', c.activity_id, c.email_key, '', 0, '' \
           FROM prerequisite_completion c \
         WHERE c.activity_id IN ({required}) AND c.email_key IN ({emails}) \
         UNION ALL SELECT 'met', s.required_activity_id, s.email_key, '', 0, '' \
           FROM prerequisite_statement s \
         WHERE s.state = 'approved' AND s.required_activity_id IN ({required}) \
           AND s.email_key IN ({emails}) \
         UNION ALL SELECT 'held', h.activity_id, h.email_key, h.meeting_uid, h.id, h.lang \
           FROM prerequisite_hold h \
         WHERE h.activity_id = $1 AND h.state = 'pending' AND h.email_key IN ({emails})"
    );
    if with_required {
        sql.push_str(
            " UNION ALL SELECT 'required', required_activity_id, '', '', 0, '' \
             FROM activity_prerequisite WHERE activity_id = $1",
        );
    }
    sql
}

/// Writes the batch's held sign-ups (`$held`: their indices in `$batch`) in the
/// transaction `$tx`, and turns a waiting sign-up of an address that now gets a
/// registration (`$created`, ids by `$id_of`) into that registration. Evaluates to
/// the new holds' ids by batch index.
macro_rules! write_holds {
    ($tx:ident, $activity_id:expr, $batch:expr, $held:expr, $created:expr, $gate:expr,
     $id_of:expr, $now:expr) => {{
        let batch: &[NewRegistration] = $batch;
        let mut holds: HashMap<usize, i64> = HashMap::new();
        let mut by_public_id: HashMap<&str, usize> = HashMap::new();
        let held: &[usize] = $held;
        let created: &[usize] = $created;
        for chunk in held.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO prerequisite_hold (public_id, activity_id, name, email, email_key, \
                   organisation, role, role_other, region, lang, meeting_uid, answers, \
                   token_hash, created_at, updated_at) VALUES {} RETURNING public_id, id",
                value_rows(chunk.len(), 15, 1)
            );
            let mut query = sqlx::query_as::<_, (String, i64)>(AssertSqlSafe(sql));
            for &index in chunk {
                let new = &batch[index];
                by_public_id.insert(new.public_id.as_str(), index);
                let details = &new.registration.details;
                query = query
                    .bind(&new.public_id)
                    .bind($activity_id)
                    .bind(&details.name)
                    .bind(&new.registration.email.address)
                    .bind(&new.registration.email.key)
                    .bind(&details.organisation)
                    .bind(&details.role)
                    .bind(&details.role_other)
                    .bind(&details.region)
                    .bind(new.lang.code())
                    .bind(&new.meeting_uid)
                    .bind(serde_json::to_string(&details.answers).unwrap_or_else(|_| "[]".into()))
                    .bind(&new.token_hash)
                    .bind($now)
                    .bind($now);
            }
            for (public_id, id) in query.fetch_all(&mut *$tx).await? {
                if let Some(&index) = by_public_id.get(public_id.as_str()) {
                    holds.insert(index, id);
                }
            }
        }
        let gate: Option<&Gate> = $gate;
        if let Some(gate) = gate.filter(|g| !g.held.is_empty()) {
            for &index in created {
                let new = &batch[index];
                let key = (new.registration.email.key.clone(), new.meeting_uid.clone());
                if let Some(waiting) = gate.held.get(&key) {
                    sqlx::query(
                        "UPDATE prerequisite_hold SET state = 'placed', registration_id = $2, \
                         updated_at = $3 WHERE id = $1 AND state = 'pending'",
                    )
                    .bind(waiting.id)
                    .bind($id_of(index)?)
                    .bind($now)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
        }
        holds
    }};
}
pub(crate) use write_holds;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: &str, activity: i64, email: &str) -> GateRow {
        GateRow {
            kind: kind.into(),
            activity,
            email_key: email.into(),
            meeting_uid: String::new(),
            hold_id: 9,
            lang: "en".into(),
        }
    }

    #[test]
    fn rows_make_a_gate_that_admits_by_the_rule() {
        let mut gate = Gate::default();
        for r in [
            row("required", 1, ""),
            row("required", 2, ""),
            row("met", 1, "an@x.nl"),
            row("met", 1, "bo@x.nl"),
            row("met", 2, "bo@x.nl"),
            row("held", 5, "cy@x.nl"),
        ] {
            gate.add(r);
        }
        assert!(!gate.admits("an@x.nl"));
        assert!(gate.admits("bo@x.nl"));
        assert!(!gate.admits("cy@x.nl"));
        gate.rule = Rule::Any;
        assert!(gate.admits("an@x.nl"));
        assert_eq!(
            gate.held.get(&("cy@x.nl".to_owned(), String::new())),
            Some(&HeldSignup {
                id: 9,
                lang: "en".into()
            })
        );
    }
}
