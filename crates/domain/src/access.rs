//! Who may do what, per resource. An account holds roles on single things: a platform
//! admin may do everything; an organiser everything with their organisation and the
//! activities it hosts; a kartrekker (facilitator) runs one activity — its details,
//! sessions, registrations, check-in and messages — without being an organiser.
//! Later features add their resources here (an atelier's members, a mentoring
//! programme, a survey) with the roles that reach them.

/// The roles of one account, read once per request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub admin: bool,
    /// Ids of the organisations this account organises for.
    pub organiser_of: Vec<i64>,
    /// Ids of the activities this account is a kartrekker of.
    pub kartrekker_of: Vec<i64>,
}

/// What someone is to one activity, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivityRole {
    Admin,
    /// Organiser of one of its hosts.
    Organiser,
    Kartrekker,
}

/// Something one may do with an activity in the back office or the organiser API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See its pages in the back office.
    View,
    /// Change its details, sessions, program and questions.
    Edit,
    /// See, move, add and remove registrations; export them.
    Registrations,
    /// Check people in at the door.
    CheckIn,
    /// Write to registrants.
    Message,
    /// Publish, cancel, archive, delete a draft: the host's decision.
    Status,
    /// Make a next edition (a new activity of the host).
    Copy,
    /// Give others access to it (invite and remove kartrekkers).
    Access,
    /// Run an atelier's community: its members (requests, roles, invitations),
    /// and later its meetings, agendas, outcomes and online space.
    Members,
}

impl ActivityRole {
    /// Whether this role allows `permission`.
    pub fn may(self, permission: Permission) -> bool {
        match self {
            Self::Admin | Self::Organiser => true,
            Self::Kartrekker => matches!(
                permission,
                Permission::View
                    | Permission::Edit
                    | Permission::Registrations
                    | Permission::CheckIn
                    | Permission::Message
                    | Permission::Members
            ),
        }
    }
}

impl Roles {
    /// Platform admins manage every organisation; organisers their own.
    pub fn manages(&self, organisation_id: i64) -> bool {
        self.admin || self.organiser_of.contains(&organisation_id)
    }

    /// Whether any back-office page is for this account (participants have none).
    pub fn is_staff(&self) -> bool {
        self.admin || !self.organiser_of.is_empty() || !self.kartrekker_of.is_empty()
    }

    /// Whether this account may see or change an activity hosted by `hosts`.
    pub fn manages_any(&self, hosts: &[i64]) -> bool {
        self.admin || hosts.iter().any(|h| self.organiser_of.contains(h))
    }

    /// This account's role on activity `id` hosted by `hosts`; `None`: no access.
    pub fn on_activity(&self, id: i64, hosts: &[i64]) -> Option<ActivityRole> {
        if self.admin {
            Some(ActivityRole::Admin)
        } else if self.manages_any(hosts) {
            Some(ActivityRole::Organiser)
        } else if self.kartrekker_of.contains(&id) {
            Some(ActivityRole::Kartrekker)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kartrekker_runs_one_activity_and_nothing_else() {
        let roles = Roles {
            admin: false,
            organiser_of: Vec::new(),
            kartrekker_of: vec![7],
        };
        assert!(roles.is_staff());
        assert_eq!(roles.on_activity(7, &[1]), Some(ActivityRole::Kartrekker));
        assert_eq!(roles.on_activity(8, &[1]), None);
        assert!(!roles.manages(1));
        let role = ActivityRole::Kartrekker;
        assert!(role.may(Permission::Edit) && role.may(Permission::CheckIn));
        assert!(!role.may(Permission::Status) && !role.may(Permission::Copy));
        assert!(!role.may(Permission::Access));
        assert!(role.may(Permission::Members));
    }

    #[test]
    fn organisers_and_admins_may_everything_on_their_activities() {
        let organiser = Roles {
            admin: false,
            organiser_of: vec![1],
            kartrekker_of: vec![9],
        };
        assert_eq!(
            organiser.on_activity(9, &[1]),
            Some(ActivityRole::Organiser)
        );
        assert_eq!(
            organiser.on_activity(5, &[2, 1]),
            Some(ActivityRole::Organiser)
        );
        assert_eq!(organiser.on_activity(5, &[2]), None);
        let admin = Roles {
            admin: true,
            ..Roles::default()
        };
        assert_eq!(admin.on_activity(5, &[2]), Some(ActivityRole::Admin));
        assert!(ActivityRole::Organiser.may(Permission::Status));
        assert!(!Roles::default().is_staff());
    }

    #[test]
    fn roles_decide_which_organisations_an_account_manages() {
        let organiser = Roles {
            admin: false,
            organiser_of: vec![1],
            kartrekker_of: vec![],
        };
        assert!(organiser.manages(1) && !organiser.manages(2));
        assert!(organiser.manages_any(&[2, 1]) && !organiser.manages_any(&[2, 3]));
        assert!(organiser.is_staff());
        let participant = Roles::default();
        assert!(!participant.is_staff() && !participant.manages(1));
        assert!(!participant.manages_any(&[]));
        let admin = Roles {
            admin: true,
            organiser_of: vec![],
            kartrekker_of: vec![],
        };
        assert!(admin.manages(7) && admin.manages_any(&[]) && admin.is_staff());
    }
}
