//! Which status steps exist (draft → published → cancelled; archive from any other),
//! and what an activity in each status allows.

use super::*;

/// What an organiser can do to an activity's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusAction {
    Publish,
    Cancel,
    Archive,
}

impl StatusAction {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "publish" => Some(Self::Publish),
            "cancel" => Some(Self::Cancel),
            "archive" => Some(Self::Archive),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Cancel => "cancel",
            Self::Archive => "archive",
        }
    }
}

/// draft → published → cancelled → archived; a draft or a published activity may
/// also be archived directly. Nothing comes back from cancelled or archived (make a
/// new edition instead), so registrants are never confused about what holds.
pub fn transition(from: ActivityStatus, action: StatusAction) -> Option<ActivityStatus> {
    use ActivityStatus as S;
    match (from, action) {
        (S::Draft, StatusAction::Publish) => Some(S::Published),
        (S::Published, StatusAction::Cancel) => Some(S::Cancelled),
        (S::Draft | S::Published | S::Cancelled, StatusAction::Archive) => Some(S::Archived),
        _ => None,
    }
}

/// Whether an activity's content may still be edited.
pub fn editable(status: ActivityStatus) -> bool {
    matches!(status, ActivityStatus::Draft | ActivityStatus::Published)
}

/// Whether a new capacity leaves fewer places than people already have: nobody is
/// removed, but the organiser must agree that newcomers wait until places free up.
pub fn capacity_below_taken(capacity: Option<u32>, taken: u32) -> bool {
    capacity.is_some_and(|cap| cap < taken)
}
