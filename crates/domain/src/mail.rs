//! What an email is about ([`MailKind`], stored in `outbox.kind`) and the family it
//! belongs to ([`MailFamily`]): each family has one composer in `mail::compose`, and
//! a message of a family need not belong to an activity.

/// The composer a message goes to. Each feature that sends email has its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MailFamily {
    /// About a registration for an activity (to the person), or about an activity
    /// (to its organisers, to everyone registered).
    Registration,
    /// About an account, not an activity: sign-in links and invitations.
    Account,
    /// About an atelier: membership (a request to decide, the decision) and its
    /// meetings (invitations, reminders).
    Community,
    /// About a sign-up waiting for a prerequisite check: how to state a module, and
    /// the organiser's decision.
    Prerequisite,
    /// About the theme inventory: confirming a vote, and an activity made from a
    /// theme someone voted for.
    Survey,
    /// About meester-gezel mentoring: a request, its answer, a coordinator's proposal.
    Mentoring,
}

impl MailFamily {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registration => "registration",
            Self::Account => "account",
            Self::Community => "community",
            Self::Prerequisite => "prerequisite",
            Self::Survey => "survey",
            Self::Mentoring => "mentoring",
        }
    }
}

/// What an email is about. Stored in `outbox.kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// You have a place (with the calendar file and the manage link).
    Confirmation,
    /// You are on the waitlist at position n.
    Waitlisted,
    /// A place came free and is yours (automatic promotion).
    Promoted,
    /// A place came free and is held for you until the offer expires.
    Offer,
    /// The offer expired and moved on.
    OfferExpired,
    /// Your registration is cancelled.
    Cancelled,
    /// Someone tried to register again with your address: here is your manage link.
    ManageLink,
    /// The activity starts in a few days.
    Reminder,
    /// To the organiser: the activity is full.
    OrganiserFull,
    /// A one-time sign-in link (payload: the link's public id).
    SignIn,
    /// An invitation to organise for an organisation (payload: its public id).
    Invitation,
    /// An invitation to be the kartrekker of one activity (payload: its public id).
    KartrekkerInvitation,
    /// A published activity's time, venue or program changed (payload: the changes).
    Updated,
    /// The organiser cancelled the activity (payload: their message).
    ActivityCancelled,
    /// The organiser wrote to registrants (payload: subject and text).
    Organiser,
    /// An invitation to join an atelier as a member (payload: its public id).
    AtelierInvitation,
    /// To the kartrekkers: someone asks to join (payload: atelier, name, level, brings).
    MembershipRequested,
    /// You are a member (payload: atelier, the kartrekker's message, maybe empty).
    MembershipAccepted,
    /// Your request was declined (payload: atelier, the kartrekker's message).
    MembershipDeclined,
    /// To a member: a meeting is coming, will you come? (payload: atelier, session;
    /// with the calendar file).
    MeetingInvitation,
    /// To a member who has not answered: the meeting is soon (payload: atelier,
    /// session).
    MeetingReminder,
    /// To the members a meeting invites: its agenda (payload: atelier, session).
    AgendaPublished,
    /// To a member who wants each post: a new post in the atelier's space
    /// (payload: atelier, post).
    SpacePost,
    /// To a member who chose the daily digest: what is new in the space (payload:
    /// atelier, account, since, until).
    SpaceDigest,
    /// The activity requires an earlier module we must check first: state it here
    /// (payload: the waiting sign-up's id).
    PrerequisiteCheck,
    /// The organiser declined a statement (payload: the waiting sign-up's id and the
    /// organiser's message).
    PrerequisiteDeclined,
    /// Your certificate of attendance is ready (with the link to the PDF).
    Certificate,
    /// Confirm your vote in a theme inventory (payload: the ballot's public id, from
    /// which the link's token is derived).
    SurveyConfirm,
    /// An activity was made from a theme you voted for and is published (payload:
    /// the activity's id).
    SurveyChosen,
    /// Someone in a mentoring programme asks you to learn together (payload:
    /// programme, who, direction, theme, message).
    MentoringRequested,
    /// Your mentoring request was accepted: the pair's page (payload: programme,
    /// who, pair).
    MentoringAccepted,
    /// Your mentoring request was declined (payload: programme, who, message).
    MentoringDeclined,
    /// A coordinator proposes you as a pair (payload: programme, the other,
    /// message).
    MentoringProposed,
}

impl MailKind {
    pub const ALL: [Self; 33] = [
        Self::Confirmation,
        Self::Waitlisted,
        Self::Promoted,
        Self::Offer,
        Self::OfferExpired,
        Self::Cancelled,
        Self::ManageLink,
        Self::Reminder,
        Self::OrganiserFull,
        Self::SignIn,
        Self::Invitation,
        Self::KartrekkerInvitation,
        Self::Updated,
        Self::ActivityCancelled,
        Self::Organiser,
        Self::AtelierInvitation,
        Self::MembershipRequested,
        Self::MembershipAccepted,
        Self::MembershipDeclined,
        Self::MeetingInvitation,
        Self::MeetingReminder,
        Self::AgendaPublished,
        Self::SpacePost,
        Self::SpaceDigest,
        Self::PrerequisiteCheck,
        Self::PrerequisiteDeclined,
        Self::Certificate,
        Self::SurveyConfirm,
        Self::SurveyChosen,
        Self::MentoringRequested,
        Self::MentoringAccepted,
        Self::MentoringDeclined,
        Self::MentoringProposed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Confirmation => "confirmation",
            Self::Waitlisted => "waitlisted",
            Self::Promoted => "promoted",
            Self::Offer => "offer",
            Self::OfferExpired => "offer_expired",
            Self::Cancelled => "cancelled",
            Self::ManageLink => "manage_link",
            Self::Reminder => "reminder",
            Self::OrganiserFull => "organiser_full",
            Self::SignIn => "sign_in",
            Self::Invitation => "invitation",
            Self::KartrekkerInvitation => "kartrekker_invitation",
            Self::Updated => "updated",
            Self::ActivityCancelled => "activity_cancelled",
            Self::Organiser => "organiser",
            Self::AtelierInvitation => "atelier_invitation",
            Self::MembershipRequested => "membership_requested",
            Self::MembershipAccepted => "membership_accepted",
            Self::MembershipDeclined => "membership_declined",
            Self::MeetingInvitation => "meeting_invitation",
            Self::MeetingReminder => "meeting_reminder",
            Self::AgendaPublished => "agenda_published",
            Self::SpacePost => "space_post",
            Self::SpaceDigest => "space_digest",
            Self::PrerequisiteCheck => "prerequisite_check",
            Self::PrerequisiteDeclined => "prerequisite_declined",
            Self::Certificate => "certificate",
            Self::SurveyConfirm => "survey_confirm",
            Self::SurveyChosen => "survey_chosen",
            Self::MentoringRequested => "mentoring_requested",
            Self::MentoringAccepted => "mentoring_accepted",
            Self::MentoringDeclined => "mentoring_declined",
            Self::MentoringProposed => "mentoring_proposed",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == raw)
    }

    /// The family whose composer writes this message.
    pub fn family(self) -> MailFamily {
        match self {
            Self::SignIn
            | Self::Invitation
            | Self::KartrekkerInvitation
            | Self::AtelierInvitation => MailFamily::Account,
            Self::MembershipRequested
            | Self::MembershipAccepted
            | Self::MembershipDeclined
            | Self::MeetingInvitation
            | Self::MeetingReminder
            | Self::AgendaPublished
            | Self::SpacePost
            | Self::SpaceDigest => MailFamily::Community,
            Self::PrerequisiteCheck | Self::PrerequisiteDeclined => MailFamily::Prerequisite,
            Self::SurveyConfirm | Self::SurveyChosen => MailFamily::Survey,
            Self::MentoringRequested
            | Self::MentoringAccepted
            | Self::MentoringDeclined
            | Self::MentoringProposed => MailFamily::Mentoring,
            Self::Confirmation
            | Self::Waitlisted
            | Self::Promoted
            | Self::Offer
            | Self::OfferExpired
            | Self::Cancelled
            | Self::ManageLink
            | Self::Reminder
            | Self::OrganiserFull
            | Self::Updated
            | Self::ActivityCancelled
            | Self::Organiser
            | Self::Certificate => MailFamily::Registration,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_reads_back_and_has_a_family() {
        for kind in MailKind::ALL {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
            assert!(!kind.family().as_str().is_empty());
        }
        assert_eq!(MailKind::parse("community_meeting"), None);
        assert_eq!(MailKind::SignIn.family(), MailFamily::Account);
        assert_eq!(MailKind::Organiser.family(), MailFamily::Registration);
    }
}
