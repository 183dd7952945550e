# Prerequisites that hold: what a module requires first, the statement "followed
# elsewhere", the organiser's check.

## Registration form
form-requires-heading = Take first
form-requires-one = For this activity you must first have taken this module:
form-requires-all = For this activity you must first have taken all of these modules:
form-requires-any = For this activity you must first have taken one of these modules:
form-requires-how = If you took it here, you get a place at once. If not, you get an email. In it you can tell us where you took it. The organiser checks that.

## Page behind the link in the email
prereq-title = Check of prior learning
prereq-intro = This activity asks for prior learning first. Did you take a module somewhere else? Tell us below. The organiser checks it and you get an email.
prereq-modules-heading = What we ask
prereq-rule-one = You must first have taken this module:
prereq-rule-all = You must first have taken all of these modules:
prereq-rule-any = You must first have taken one of these modules:
prereq-state-met = taken
prereq-state-pending = the organiser is checking your statement
prereq-state-declined = not accepted
prereq-state-open = not known yet
prereq-form-heading = Taken elsewhere
prereq-form-legend = Your statement
prereq-field-required = Which module
prereq-field-provider = Where did you take it?
prereq-help-provider = For example the name of the organisation and the town.
prereq-field-followed_on = When (date)
prereq-field-note = What would you like to add?
prereq-help-note = For example how long it took or what you learned. Optional.
prereq-submit = Send statement
prereq-notice-received = Thank you. The organiser will check your statement. You will get an email about it.
prereq-waiting-text = You need not do anything now. The organiser checks it and you get an email.
prereq-not-waiting = Your registration no longer waits for a check. You cannot send anything here any more.
prereq-declined-heading = Not accepted
prereq-declined-text = The organiser did not accept your statement. You have no place. The organiser wrote:
prereq-error-required = Choose the module you took elsewhere.
prereq-error-provider = Fill in where you took it.
prereq-error-future = This date is in the future. Fill in the date on which you took it.
prereq-error-already-stated = Your statement for this module is already waiting for the organiser.

## Back office
prereq-bo-title = Check prior learning
prereq-bo-rule-none = This activity asks for no prior learning.
prereq-bo-waiting = Waiting for a check
prereq-bo-waiting-none = Nobody is waiting for a check.
prereq-bo-since = registered on { $date }
prereq-bo-no-statement = No statement yet. This person got an email with a link to tell where they took the module.
prereq-bo-statement-about = Statement: { $module }
prereq-bo-state = State
prereq-bo-state-stated = statement waits for you
prereq-statement-pending = waits for your decision
prereq-statement-approved = approved
prereq-statement-declined = declined
prereq-field-message = Message to this person
prereq-help-message = Goes with the email. Required when you decline.
prereq-approve = Approve
prereq-decline = Decline
prereq-error-decline-message = Write why you decline. This message goes to the person.
prereq-bo-completion = Record a completion
prereq-bo-completion-text = Did someone complete a required module, but it is not shown here? Record it. If that person waits for a check, a place or the waitlist follows at once.
prereq-field-completed-module = Completed module
prereq-field-name = Name
prereq-field-email = Email address
prereq-error-name = Fill in the name.
prereq-bo-completion-save = Record completion
prereq-bo-notice-approved = Approved. A module is still missing, so no place yet.
prereq-bo-notice-placed = Approved. This person now has a place and gets a confirmation.
prereq-bo-notice-waitlisted = Approved. The activity is full: this person is on the waitlist and gets an email.
prereq-bo-notice-not-placed = Approved, but registering is not possible now (closed, or full without a waitlist). No place was given.
prereq-bo-notice-declined = Declined. This person gets your message by email.
prereq-bo-notice-completed = Recorded as completed.
prereq-bo-notice-already = This statement was decided on already.
audit-action-prerequisite_approved = Prior learning statement approved
audit-action-prerequisite_declined = Prior learning statement declined
audit-action-prerequisite_completed = Module completion recorded

## Editor
bo-field-prerequisite_rule = What must be taken first?
bo-prerequisite-rule-all = All chosen modules
bo-prerequisite-rule-any = One of the chosen modules
editor-error-prerequisite-cycle = This cannot be: a module would then require itself through others ({ $path }). Remove one of these modules.

## Email
mail-subject-prerequisite_check = First your prior learning for { $title }
mail-body-prerequisite_check = Thank you for registering for { $title }. We first need to check your prior learning: { $modules }. You have no place yet.
mail-prerequisite-how = Did you take this somewhere else? Tell us with the button below. The organiser checks it. Then you get a place, or a place on the waitlist if it is full.
mail-action-prerequisite_check = Tell us what you took
mail-subject-prerequisite_declined = Your registration for { $title }
mail-body-prerequisite_declined = The organiser of { $title } did not accept your statement about your prior learning. You have no place.
mail-prerequisite-message = The organiser wrote:
mail-prerequisite-activity = Activity
mail-footer-prerequisite = You get this email because you registered for an activity in Samenleren.
