# The theme inventory: a round, proposals, votes, results and the decision.

survey-heading = Theme inventory
survey-rounds-heading = Theme inventories
survey-rounds-none = There are no inventories yet.
survey-new = New inventory
survey-for = For whom
survey-why = Why this inventory
survey-dates = Open from { $opens } to { $closes }
survey-votes-per-person = Everyone may cast { $votes } { $votes ->
    [one] vote
   *[other] votes
}.
survey-organiser = Organised by { $organisation }
survey-phase-not-yet = This inventory is not open yet.
survey-phase-open = This inventory is open. Propose a theme or vote for themes.
survey-phase-closed = This inventory is closed.
survey-results-later = The results will be here once the organiser makes them public.
survey-status-draft = Not open yet
survey-status-open = Open
survey-status-closed = Closed

survey-proposals-heading = Proposed themes
survey-proposals-none = No themes have been proposed yet.
survey-proposal-want = What I want to learn
survey-proposal-why-now = Why now
survey-proposal-votes = { $votes } { $votes ->
    [one] vote
   *[other] votes
}
survey-proposal-merged = Merged with "{ $title }". Votes count for that theme.
survey-proposal-declined = Not taken up. Reason: { $reason }
survey-proposal-reworded = The organiser reworded this proposal. The original text:
survey-proposal-chosen = Chosen
survey-other-heading = Merged and declined proposals

survey-vote-heading = Vote
survey-vote-intro = Choose the themes you want to learn more about. You can change your votes until the inventory closes.
survey-vote-as = You vote with your account ({ $email }). Your vote counts at once.
survey-vote-by-email = You will get an email with a link. Your vote counts when you click that link.
survey-your-votes = You have voted for: { $themes }
survey-field-proposals = Themes (at most { $votes })
survey-field-email = Email address
survey-field-email-help = We only use your email address for this inventory.
survey-about-you = About you (optional)
survey-about-you-help = We keep these answers as they are now. We only show them in groups of at least { $threshold } people.
survey-field-role = What kind of work do you do?
survey-field-region = In which province do you work?
survey-field-years = How many years have you worked in the field?
survey-field-notify = Send me one email when there is an activity about a theme I vote for.
survey-vote-button = Cast vote

survey-propose-heading = Propose a theme
survey-field-title = Theme
survey-field-want = What do you want to learn?
survey-field-why_now = Why does this matter now?
survey-field-author-email = Your email address
survey-field-author-email-help = So the organiser can let you know what happens to your proposal.
survey-propose-button = Propose theme

survey-notice-proposed = Thank you. Your theme is on the list.
survey-notice-voted = Your vote has been counted.
survey-notice-check-mail = Almost done. We have sent you an email. Click the link in that email and your vote counts.
survey-notice-confirmed = Thank you. Your vote has been counted.

survey-confirm-heading = Confirm your vote
survey-confirm-text = Click the button to have your vote counted.
survey-confirm-button = Confirm my vote
survey-confirm-used = This link has already been used. Your vote was already counted. Want to change your vote? Vote again on the inventory's page.
survey-confirm-expired = This link has expired. Vote again on the inventory's page and you will get a new link.
survey-confirm-unknown = We do not know this link. Check that you copied the whole link.
survey-confirm-stale = The page was open too long. Your vote has not been counted yet. Open the page again and press the button once more.
survey-confirm-again = Try again
survey-confirm-back = To the inventory
survey-confirm-back-to = To the inventory: { $round }

# On the home page: the inventories open now
survey-home-heading = Have your say: what do you want to learn more about?
survey-home-intro = These inventories are open now. Propose a theme or vote for themes. You do not need an account.
survey-home-item = { $organisation }, open until { $closes }

survey-role-opbouwwerker = Community worker
survey-role-sociaalwerker = Social worker
survey-role-coordinator = Coordinator or manager
survey-role-beleid = Policy or research
survey-role-student = Student
survey-role-anders = Something else
survey-region-groningen = Groningen
survey-region-friesland = Friesland
survey-region-drenthe = Drenthe
survey-region-overijssel = Overijssel
survey-region-flevoland = Flevoland
survey-region-gelderland = Gelderland
survey-region-utrecht = Utrecht
survey-region-noord-holland = North Holland
survey-region-zuid-holland = South Holland
survey-region-zeeland = Zeeland
survey-region-noord-brabant = North Brabant
survey-region-limburg = Limburg
survey-band = { $band } years
survey-unanswered = Not answered

survey-results-heading = Results
survey-results-voters = { $voters } { $voters ->
    [one] person has
   *[other] people have
} voted.
survey-results-threshold = We only show a number per group when it is about at least { $threshold } people. Does it say "fewer than { $threshold }"? Then we do not show the number, so nobody can be recognised.
survey-results-hidden = fewer than { $threshold }
survey-results-themes = Votes per theme
survey-results-by-role = By kind of work
survey-results-by-region = By province
survey-results-by-band = By years in the field
survey-results-table-note = The same figures are in the table below.
survey-results-theme = Theme
survey-results-count = Votes
survey-decision-heading = Decision
survey-chosen-heading = Chosen themes
survey-chosen-activity = Activity: { $title }

survey-error-title-required = Enter a title.
survey-error-why-required = Write why you hold this inventory.
survey-error-audience-required = Enter who this inventory is for.
survey-error-closes-before-opens = The last day must be after the first day.
survey-error-votes-per-person = Choose a number of votes from 1 to 10.
survey-error-proposal-title = Give your theme a title.
survey-error-proposal-want = Write what you want to learn.
survey-error-proposal-why-now = Write why this matters now.
survey-error-reason-required = Write why you do not take this proposal up. The proposer sees this reason.
survey-error-decision-required = Write down the decision.
survey-error-email-required = Enter your email address.
survey-error-email-invalid = This email address is not right. Check how you typed it.
survey-error-choose-one = Choose at least one theme.
survey-error-too-many-votes = You chose too many themes. Choose fewer.
survey-error-proposal-merged = A theme you chose was merged with another theme. Choose again.
survey-error-proposal-declined = A theme you chose was not taken up. Choose another theme.
survey-error-unknown-proposal = We do not know this theme. Choose a theme from the list.
survey-error-role = Choose a kind of work from the list.
survey-error-region = Choose a province from the list.
survey-error-years = Enter a whole number of years, from 0 to 60.
survey-error-merge-self = Choose another proposal to merge with.
survey-error-merge-not-open = This only works with proposals that are still open.
survey-error-closed = This inventory is closed. You can no longer vote or propose.

# Back office
survey-bo-new-heading = New inventory for { $organisation }
survey-bo-field-title = Title
survey-bo-field-why = Why do you hold this inventory?
survey-bo-field-audience = Who is this inventory for?
survey-bo-field-opens_on = First day
survey-bo-field-closes_on = Last day
survey-bo-field-votes_per_person = Votes per person
survey-bo-field-results_public = Make the results public once the inventory is closed
survey-bo-create = Create inventory
survey-bo-save = Save
survey-bo-open = Open
survey-bo-close = Close
survey-bo-public-page = Public page
survey-bo-status = Status: { $status }
survey-bo-status-heading = Opening and closing
survey-bo-moderation-heading = Reviewing proposals
survey-bo-merge = Merge into
survey-bo-merge-button = Merge
survey-bo-reword = Reword
survey-bo-reword-button = Save wording
survey-bo-decline-reason = Reason (the proposer sees it)
survey-bo-decline-button = Decline
survey-bo-export-csv = Results as CSV
survey-bo-export-xlsx = Results as an Excel file
survey-bo-decision-heading = Decision and chosen themes
survey-bo-field-decision = Decision (for example: discussed with 20 community workers on 15 March)
survey-bo-field-chosen = Chosen themes
survey-bo-decide-button = Save decision
survey-bo-make-activity = Make a learning café of this theme
survey-bo-made-activity = Learning café: { $title } ({ $status })
survey-bo-notice-created = The inventory has been created. Open it when you are ready.
survey-bo-notice-saved = Saved.
survey-bo-notice-opened = The inventory is open.
survey-bo-notice-closed = The inventory is closed.
survey-bo-notice-merged = The proposals have been merged. The votes now count for one theme.
survey-bo-notice-reworded = The new wording has been saved. The proposer's text is kept.
survey-bo-notice-declined = The proposal was declined. The proposer sees the reason.
survey-bo-notice-decided = The decision has been saved.
survey-bo-refused = This is not possible.
survey-activity-origin = Chosen in the inventory of { $round }
survey-activity-origin-link = See the results of the inventory

mail-subject-survey_confirm = Confirm your vote for { $round }
mail-body-survey_confirm = You voted in the inventory { $round }. Click the button to have your vote counted. The link works for { $days } days.
mail-action-survey_confirm = Confirm my vote
mail-subject-survey_chosen = There is an activity about a theme you voted for
mail-body-survey_chosen = You voted in the inventory { $round }. An activity has now been made from a theme you voted for: { $title }.
mail-action-survey_chosen = See the activity
mail-survey-themes = You chose
mail-survey-activity = Activity
mail-footer-survey = You get this email because you took part in an inventory in Samenleren.

audit-action-survey_created = Inventory created
audit-action-survey_changed = Inventory changed
audit-action-survey_status = Inventory opened or closed
audit-action-survey_proposal_reworded = Proposal reworded
audit-action-survey_proposal_declined = Proposal declined
audit-action-survey_proposals_merged = Proposals merged
audit-action-survey_chosen = Themes chosen
audit-action-survey_decided = Inventory decision recorded
audit-action-survey_anonymised = Voters' addresses removed (retention period over)
