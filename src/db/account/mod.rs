//! Accounts, sign-in links, sessions, invitations and memberships. Every change that
//! signs someone in happens in one transaction with the session it creates, and the
//! email it causes goes through the outbox in the same transaction.

use serde::Serialize;

use crate::db::Db;
use crate::db::access::{ROLE_COLUMNS, roles};
use crate::db::audit::audit;
use crate::db::outbox::{enqueue_mail, message_id};
use crate::domain::access::Roles;
use crate::domain::account::after_failed_password;
use crate::domain::mail::MailKind;
use crate::domain::registration::Email;
use crate::i18n::Lang;
use crate::time::Timestamp;
use crate::{on_pool, write_tx};

/// What accounts store about a person (see [`crate::db::personal_data`]).
pub const PERSONAL_DATA: &[crate::db::personal_data::Entry] = {
    use crate::db::personal_data::{Entry, OnDelete, OnRetention, Person};
    const KEEP: OnRetention = OnRetention::Keep("the person's own until they delete it");
    &[
        Entry {
            table: "account",
            columns: &[
                "public_id",
                "email",
                "name",
                "lang",
                "is_admin",
                "email_verified_at",
                "created_at",
            ],
            person: Person::Account("id"),
            on_delete: OnDelete::Delete,
            on_retention: KEEP,
        },
        Entry {
            table: "auth_session",
            columns: &["created_at", "last_seen_at", "expires_at"],
            person: Person::Account("account_id"),
            on_delete: OnDelete::Delete,
            on_retention: KEEP,
        },
        Entry {
            table: "sign_in_link",
            columns: &["email", "created_at", "expires_at", "used_at"],
            person: Person::EmailKey,
            on_delete: OnDelete::Delete,
            on_retention: OnRetention::Keep("removed a day after it expires"),
        },
        Entry {
            table: "invitation",
            columns: &["email", "created_at", "expires_at", "accepted_at"],
            person: Person::EmailKey,
            on_delete: OnDelete::Delete,
            on_retention: OnRetention::Keep("removed a day after it expires"),
        },
        Entry {
            table: "organisation_member",
            columns: &["organisation_id", "created_at"],
            person: Person::Account("account_id"),
            on_delete: OnDelete::Delete,
            on_retention: KEEP,
        },
    ]
};

/// The signed-in account of a request.
#[derive(Clone, Debug)]
pub struct SessionAccount {
    pub id: i64,
    pub public_id: String,
    pub email: String,
    pub name: String,
    pub lang: String,
    pub has_password: bool,
    pub roles: Roles,
    pub last_seen_at: Timestamp,
    /// Moved by the database on every change of the account's learning record or
    /// register numbers (migration 0026): what kept totals are checked against.
    pub record_version: i64,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    public_id: String,
    email: String,
    name: String,
    lang: String,
    password_hash: Option<String>,
    is_admin: bool,
    last_seen_at: Timestamp,
    record_version: i64,
    /// The organisations and activities it holds a role on, as "1 4 9".
    organiser_of: Option<String>,
    kartrekker_of: Option<String>,
}

/// A session to create: the hash of the cookie's token and when it ends.
pub struct NewSession {
    pub token_hash: String,
    pub expires_at: Timestamp,
}

/// A sign-in link to create; the token is derived from `public_id` by the server key.
pub struct NewSignInLink {
    pub public_id: String,
    pub token_hash: String,
    pub email: Email,
    pub next_path: String,
    pub lang: Lang,
}

/// What became of a request for a sign-in link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRequest {
    Queued,
    /// The address already has [`crate::domain::account::MAX_OPEN_LINKS`] unused links.
    TooMany,
}

/// A used sign-in link or invitation: who is now signed in, and where to go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedIn {
    pub account_id: i64,
    pub next_path: String,
}

/// What `samenleren admin create` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AdminOutcome {
    Created,
    Promoted,
    AlreadyAdmin,
}

/// An account's password facts, for password sign-in.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PasswordRow {
    pub id: i64,
    pub password_hash: Option<String>,
    pub locked_until: Option<Timestamp>,
}

/// An invitation to create.
pub struct NewInvitation {
    pub public_id: String,
    pub token_hash: String,
    /// The organisation to organise for, or (with `activity_id`) the host the
    /// inviting organiser acts for.
    pub organisation_id: i64,
    /// To be the kartrekker of this activity (or, with `membership`, a member of
    /// this atelier); `None`: to organise.
    pub activity_id: Option<i64>,
    /// To join the atelier `activity_id` as a member.
    pub membership: bool,
    pub email: Email,
    pub invited_by: i64,
    pub lang: Lang,
}

/// An invitation as it is used: organisation, activity, membership, email, email key,
/// inviter.
type UsedInvitation = (i64, Option<i64>, bool, String, String, Option<i64>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InviteOutcome {
    Sent,
    AlreadyMember,
}

/// An invitation not yet used.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OpenInvitation {
    pub email: String,
    pub expires_at: Timestamp,
}

/// The account with this address, made when missing, marked verified (the caller just
/// proved the mailbox), with the address's guest registrations linked to it; then a
/// new session for it. Runs in `$tx`; evaluates to the account id.
macro_rules! verified_account_with_session {
    ($tx:ident, $email:expr, $email_key:expr, $lang:expr, $session:expr, $now:expr) => {{
        sqlx::query(
            "INSERT INTO account (public_id, email, email_key, lang, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (email_key) DO NOTHING",
        )
        .bind(uuid::Uuid::new_v4().to_string())
        .bind($email)
        .bind($email_key)
        .bind($lang)
        .bind($now)
        .execute(&mut *$tx)
        .await?;
        let account_id: i64 = sqlx::query_scalar(
            "UPDATE account SET email_verified_at = COALESCE(email_verified_at, $2), \
             updated_at = $2 WHERE email_key = $1 RETURNING id",
        )
        .bind($email_key)
        .bind($now)
        .fetch_one(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE registration SET account_id = $1 WHERE email_key = $2 AND account_id IS NULL",
        )
        .bind(account_id)
        .bind($email_key)
        .execute(&mut *$tx)
        .await?;
        insert_session!($tx, account_id, $session, $now);
        account_id
    }};
}

macro_rules! insert_session {
    ($tx:ident, $account:expr, $session:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at) \
             VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(&$session.token_hash)
        .bind($account)
        .bind($now)
        .bind($session.expires_at)
        .execute(&mut *$tx)
        .await?
    };
}

impl Db {
    /// Makes `email` a platform admin, creating the account when missing.
    pub async fn create_admin(&self, email: &Email, now: Timestamp) -> sqlx::Result<AdminOutcome> {
        Ok(write_tx!(self, |tx| {
            let existing: Option<bool> =
                sqlx::query_scalar("SELECT is_admin FROM account WHERE email_key = $1")
                    .bind(&email.key)
                    .fetch_optional(&mut *tx)
                    .await?;
            match existing {
                Some(true) => AdminOutcome::AlreadyAdmin,
                Some(false) => {
                    sqlx::query(
                        "UPDATE account SET is_admin = TRUE, updated_at = $2 WHERE email_key = $1",
                    )
                    .bind(&email.key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    AdminOutcome::Promoted
                }
                None => {
                    sqlx::query(
                        "INSERT INTO account (public_id, email, email_key, is_admin, created_at, \
                         updated_at) VALUES ($1, $2, $3, TRUE, $4, $4)",
                    )
                    .bind(uuid::Uuid::new_v4().to_string())
                    .bind(&email.address)
                    .bind(&email.key)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    AdminOutcome::Created
                }
            }
        }))
    }

    /// Stores a sign-in link and queues its email, unless the address already has
    /// enough unused links.
    pub async fn request_sign_in(
        &self,
        link: &NewSignInLink,
        now: Timestamp,
    ) -> sqlx::Result<LinkRequest> {
        use crate::domain::account::{MAX_OPEN_LINKS, SIGN_IN_LINK_VALID};
        Ok(write_tx!(self, |tx| {
            let open: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM sign_in_link WHERE email_key = $1 AND used_at IS NULL \
                 AND expires_at > $2",
            )
            .bind(&link.email.key)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            if open >= MAX_OPEN_LINKS {
                return Ok(LinkRequest::TooMany);
            }
            sqlx::query(
                "INSERT INTO sign_in_link (public_id, token_hash, email, email_key, account_id, \
                 next_path, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, (SELECT id FROM account WHERE email_key = $4), $5, $6, $7)",
            )
            .bind(&link.public_id)
            .bind(&link.token_hash)
            .bind(&link.email.address)
            .bind(&link.email.key)
            .bind(&link.next_path)
            .bind(now)
            .bind(now + SIGN_IN_LINK_VALID)
            .execute(&mut *tx)
            .await?;
            enqueue_mail!(
                tx,
                MailKind::SignIn,
                to = &link.email.address,
                lang = link.lang,
                payload = serde_json::json!({ "link": link.public_id }),
                now = now
            );
            LinkRequest::Queued
        }))
    }

    /// Uses a sign-in link once: the account (made when the address had none) is
    /// verified, its guest registrations linked, and `session` created. `None`: the
    /// link is unknown, used or expired.
    pub async fn use_sign_in_link(
        &self,
        token_hash: &str,
        session: &NewSession,
        now: Timestamp,
    ) -> sqlx::Result<Option<SignedIn>> {
        Ok(write_tx!(self, |tx| {
            let used: Option<(String, String, String)> = sqlx::query_as(
                "UPDATE sign_in_link SET used_at = $2 \
                 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                 RETURNING email, email_key, next_path",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((email, email_key, next_path)) = used else {
                return Ok(None);
            };
            let account_id =
                verified_account_with_session!(tx, &email, &email_key, "nl", session, now);
            Some(SignedIn {
                account_id,
                next_path,
            })
        }))
    }

    /// The account behind a session cookie's hash, with its roles, in one
    /// statement (every signed-in request reads it); `None` when the session is
    /// unknown, signed out or expired.
    pub async fn session_account(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> sqlx::Result<Option<SessionAccount>> {
        let row: Option<SessionRow> =
            on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT a.id, a.public_id, a.email, a.name, a.lang, a.password_hash, \
                 a.is_admin, s.last_seen_at, a.record_version, {ROLE_COLUMNS} \
                 FROM auth_session s JOIN account a ON a.id = s.account_id \
                 WHERE s.token_hash = $1 AND s.expires_at > $2"
            )),)
            .bind(token_hash)
            .bind(now)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(|row| SessionAccount {
            roles: roles(
                row.is_admin,
                row.organiser_of.as_deref(),
                row.kartrekker_of.as_deref(),
            ),
            id: row.id,
            public_id: row.public_id,
            email: row.email,
            name: row.name,
            lang: row.lang,
            has_password: row.password_hash.is_some(),
            last_seen_at: row.last_seen_at,
            record_version: row.record_version,
        }))
    }

    /// Records that a session was used now and moves its end.
    pub async fn touch_session(
        &self,
        token_hash: &str,
        now: Timestamp,
        expires_at: Timestamp,
    ) -> sqlx::Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE auth_session SET last_seen_at = $2, expires_at = $3 WHERE token_hash = $1"
        )
        .bind(token_hash)
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Ends one session.
    pub async fn sign_out(&self, token_hash: &str) -> sqlx::Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM auth_session WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Ends every session of an account; returns how many there were.
    pub async fn sign_out_everywhere(&self, account_id: i64) -> sqlx::Result<u64> {
        on_pool!(self, |pool| sqlx::query(
            "DELETE FROM auth_session WHERE account_id = $1"
        )
        .bind(account_id)
        .execute(pool)
        .await
        .map(|r| r.rows_affected()))
    }

    /// The password facts of the account with this address.
    pub async fn password_row(&self, email_key: &str) -> sqlx::Result<Option<PasswordRow>> {
        on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, password_hash, locked_until FROM account WHERE email_key = $1"
        )
        .bind(email_key)
        .fetch_optional(pool)
        .await)
    }

    /// Counts a wrong password; at the limit the account's password sign-in locks.
    /// Returns the lock when this failure set it.
    pub async fn password_failed(
        &self,
        account_id: i64,
        now: Timestamp,
    ) -> sqlx::Result<Option<Timestamp>> {
        Ok(write_tx!(self, |tx| {
            // The increment is one statement, so two wrong passwords at once both count.
            let failed: i32 = sqlx::query_scalar(
                "UPDATE account SET failed_logins = failed_logins + 1 WHERE id = $1 \
                 RETURNING failed_logins",
            )
            .bind(account_id)
            .fetch_one(&mut *tx)
            .await?;
            let before = u32::try_from(failed - 1).unwrap_or(0);
            let (_, lock) = after_failed_password(before, now);
            if let Some(until) = lock {
                sqlx::query(
                    "UPDATE account SET failed_logins = 0, locked_until = $2 WHERE id = $1",
                )
                .bind(account_id)
                .bind(until)
                .execute(&mut *tx)
                .await?;
            }
            lock
        }))
    }

    /// A right password: the failure count starts again and `session` is created.
    pub async fn password_succeeded(
        &self,
        account_id: i64,
        session: &NewSession,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            sqlx::query("UPDATE account SET failed_logins = 0, locked_until = NULL WHERE id = $1")
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
            insert_session!(tx, account_id, session, now);
        });
        Ok(())
    }

    /// Sets (or with `None` removes) an account's password and ends every other
    /// session: whoever else had one (a stolen cookie, say) must sign in again.
    pub async fn set_password(
        &self,
        account_id: i64,
        hash: Option<&str>,
        keep_session: &str,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        write_tx!(self, |tx| {
            sqlx::query(
                "UPDATE account SET password_hash = $2, failed_logins = 0, locked_until = NULL, \
                 updated_at = $3 WHERE id = $1",
            )
            .bind(account_id)
            .bind(hash)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM auth_session WHERE account_id = $1 AND token_hash <> $2")
                .bind(account_id)
                .bind(keep_session)
                .execute(&mut *tx)
                .await?;
        });
        Ok(())
    }

    /// Sets an account's display name and language.
    pub async fn update_profile(
        &self,
        account_id: i64,
        name: &str,
        lang: Lang,
        now: Timestamp,
    ) -> sqlx::Result<()> {
        on_pool!(self, |pool| sqlx::query(
            "UPDATE account SET name = $2, lang = $3, updated_at = $4 WHERE id = $1"
        )
        .bind(account_id)
        .bind(name)
        .bind(lang.code())
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Invites `email` to organise for an organisation, unless they already do.
    pub async fn invite(
        &self,
        invitation: &NewInvitation,
        now: Timestamp,
    ) -> sqlx::Result<InviteOutcome> {
        use crate::domain::account::INVITATION_VALID;
        Ok(write_tx!(self, |tx| {
            let member: Option<i64> = match invitation.activity_id {
                None => sqlx::query_scalar(
                    "SELECT m.account_id FROM organisation_member m JOIN account a ON a.id = m.account_id \
                     WHERE m.organisation_id = $1 AND a.email_key = $2",
                )
                .bind(invitation.organisation_id)
                .bind(&invitation.email.key)
                .fetch_optional(&mut *tx)
                .await?,
                Some(activity) if invitation.membership => sqlx::query_scalar(
                    "SELECT m.account_id FROM atelier_member m JOIN account a ON a.id = m.account_id \
                     WHERE m.activity_id = $1 AND a.email_key = $2 AND m.state = 'active'",
                )
                .bind(activity)
                .bind(&invitation.email.key)
                .fetch_optional(&mut *tx)
                .await?,
                Some(activity) => sqlx::query_scalar(
                    "SELECT f.account_id FROM activity_facilitator_account f \
                     JOIN account a ON a.id = f.account_id WHERE f.activity_id = $1 AND a.email_key = $2",
                )
                .bind(activity)
                .bind(&invitation.email.key)
                .fetch_optional(&mut *tx)
                .await?,
            };
            if member.is_some() {
                return Ok(InviteOutcome::AlreadyMember);
            }
            sqlx::query(
                "INSERT INTO invitation (public_id, token_hash, organisation_id, activity_id, membership, \
                 email, email_key, invited_by, created_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $10, $5, $6, $7, $8, $9)",
            )
            .bind(&invitation.public_id)
            .bind(&invitation.token_hash)
            .bind(invitation.organisation_id)
            .bind(invitation.activity_id)
            .bind(&invitation.email.address)
            .bind(&invitation.email.key)
            .bind(invitation.invited_by)
            .bind(now)
            .bind(now + INVITATION_VALID)
            .bind(invitation.membership)
            .execute(&mut *tx)
            .await?;
            let (kind, action) = match invitation.activity_id {
                None => (MailKind::Invitation, "organiser_invited"),
                Some(_) if invitation.membership => (MailKind::AtelierInvitation, "member_invited"),
                Some(_) => (MailKind::KartrekkerInvitation, "kartrekker_invited"),
            };
            enqueue_mail!(
                tx,
                kind,
                to = &invitation.email.address,
                lang = invitation.lang,
                payload = serde_json::json!({ "invitation": invitation.public_id }),
                now = now
            );
            audit!(
                tx,
                organisation = invitation.organisation_id,
                activity = invitation.activity_id,
                registration = None::<i64>,
                account = invitation.invited_by,
                action = action,
                detail = &invitation.email.address,
                now = now
            );
            InviteOutcome::Sent
        }))
    }

    /// Uses an invitation once: the invited address becomes an organiser of the
    /// organisation, or the kartrekker of the activity (its account made when
    /// missing), and is signed in with `session`.
    pub async fn accept_invitation(
        &self,
        token_hash: &str,
        session: &NewSession,
        now: Timestamp,
    ) -> sqlx::Result<Option<SignedIn>> {
        Ok(write_tx!(self, |tx| {
            let used: Option<UsedInvitation> = sqlx::query_as(
                "UPDATE invitation SET accepted_at = $2 \
                 WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2 \
                 RETURNING organisation_id, activity_id, membership, email, email_key, invited_by",
            )
            .bind(token_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((organisation_id, activity_id, membership, email, email_key, invited_by)) =
                used
            else {
                return Ok(None);
            };
            let account_id =
                verified_account_with_session!(tx, &email, &email_key, "nl", session, now);
            let next_path = match activity_id {
                None => {
                    sqlx::query(
                        "INSERT INTO organisation_member (organisation_id, account_id, invited_by, created_at) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (organisation_id, account_id) DO NOTHING",
                    )
                    .bind(organisation_id)
                    .bind(account_id)
                    .bind(invited_by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let slug: String =
                        sqlx::query_scalar("SELECT slug FROM organisation WHERE id = $1")
                            .bind(organisation_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    format!("/beheer/organisaties/{slug}")
                }
                Some(activity_id) if membership => {
                    // Invited: joining needs no decision, but the person still says
                    // how they take part and what they bring, on the join page.
                    sqlx::query(
                        "INSERT INTO atelier_member (public_id, activity_id, account_id, level, state, \
                         created_at, updated_at) VALUES ($1, $2, $3, 'meetings', 'invited', $4, $4) \
                         ON CONFLICT (activity_id, account_id) DO UPDATE SET state = 'invited', updated_at = $4 \
                         WHERE atelier_member.state <> 'active'",
                    )
                    .bind(uuid::Uuid::new_v4().simple().to_string())
                    .bind(activity_id)
                    .bind(account_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let slug: String =
                        sqlx::query_scalar("SELECT slug FROM activity WHERE id = $1")
                            .bind(activity_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    format!("/ateliers/{slug}/lidmaatschap")
                }
                Some(activity_id) => {
                    sqlx::query(
                        "INSERT INTO activity_facilitator_account (activity_id, account_id, granted_by, \
                         created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (activity_id, account_id) DO NOTHING",
                    )
                    .bind(activity_id)
                    .bind(account_id)
                    .bind(invited_by)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let public_id: String =
                        sqlx::query_scalar("SELECT public_id FROM activity WHERE id = $1")
                            .bind(activity_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    format!("/beheer/activiteiten/{public_id}")
                }
            };
            audit!(
                tx,
                organisation = organisation_id,
                activity = activity_id,
                registration = None::<i64>,
                account = account_id,
                action = match (activity_id, membership) {
                    (None, _) => "organiser_joined",
                    (Some(_), true) => "member_invitation_used",
                    (Some(_), false) => "kartrekker_joined",
                },
                detail = &email,
                now = now
            );
            Some(SignedIn {
                account_id,
                next_path,
            })
        }))
    }

    /// Deletes sessions past their end and sign-in links and invitations a day past
    /// theirs (used ones too): they only held an address and a hash. Returns how many
    /// rows went.
    pub async fn purge_expired_sign_ins(&self, now: Timestamp) -> sqlx::Result<u64> {
        let day_ago = now - chrono::Duration::days(1);
        Ok(write_tx!(self, |tx| {
            let mut removed = 0;
            for (sql, before) in [
                ("DELETE FROM auth_session WHERE expires_at <= $1", now),
                ("DELETE FROM sign_in_link WHERE expires_at <= $1", day_ago),
                ("DELETE FROM invitation WHERE expires_at <= $1", day_ago),
            ] {
                removed += sqlx::query(sql)
                    .bind(before)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            removed
        }))
    }

    /// What an invitation is for: the organisation's name, for a kartrekker or a
    /// member the activity's title, and whether it is to join as a member. By the
    /// invitation's public id (`by_token` false) or the hash of its token.
    pub async fn invitation_about(
        &self,
        key: &str,
        by_token: bool,
    ) -> sqlx::Result<Option<(String, Option<String>, bool)>> {
        let column = if by_token { "token_hash" } else { "public_id" };
        let sql = format!(
            "SELECT o.name, a.title, i.membership FROM invitation i JOIN organisation o ON o.id = i.organisation_id \
             LEFT JOIN activity a ON a.id = i.activity_id WHERE i.{column} = $1"
        );
        on_pool!(self, |pool| sqlx::query_as(sqlx::AssertSqlSafe(
            sql.clone()
        ))
        .bind(key)
        .fetch_optional(pool)
        .await)
    }
}

// After the macros above: a `macro_rules!` is in scope only below its definition.
mod data;

pub use data::*;
