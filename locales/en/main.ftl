# Samenleren — English texts (plain English, short sentences).

## Frame of every page
skip-to-content = Skip to content
language-label = Language
nav-label = Main menu
nav-home = Home
nav-catalog = Activities
nav-themes = Themes
nav-organisations = Organisations
nav-accessibility = Accessibility
switch-language = Nederlands
footer-about = Samenleren: learning together about community building. Learning cafés, learning studios and elective modules in one place.
footer-calendar = Calendar (iCalendar)
footer-api = API for integrations
breadcrumb-label = Breadcrumb

## Kinds of activity
kind-cafe = Learning café
kind-atelier = Learning studio
kind-module = Elective module

## Home
home-title = Learning together about community building
home-lead = For everyone who works on community building: community workers, neighbourhood teams, municipalities, housing corporations, lecturers and students. Pick a learning café, join a learning studio or take an elective module.
home-none = Nothing is planned right now.
home-heading-cafe = Learning cafés
home-heading-atelier = Learning studios
home-heading-module = Elective modules
home-intro-cafe = An afternoon with speakers, examples from practice and talks in small groups.
home-intro-atelier = A group of peers who meet every two months. You bring knowledge and you take knowledge home.
home-intro-module = Short trainings on one subject. You choose which ones you take.
home-more-cafe = { $count ->
    [one] See the learning café
   *[other] See all { $count } learning cafés
}
home-more-atelier = { $count ->
    [one] See the learning studio
   *[other] See all { $count } learning studios
}
home-more-module = { $count ->
    [one] See the elective module
   *[other] See all { $count } elective modules
}

## Finding activities
catalog-title = All activities
catalog-count = { $count ->
    [0] No activities found
    [one] 1 activity found
   *[other] { $count } activities found
}
catalog-empty = No activities match your choice. Choose fewer filters.
filter-label = Filter activities
filter-kind = Kind
filter-kind-all = All kinds
filter-theme = Theme
filter-theme-all = All themes
filter-audience = For whom
filter-audience-all = Everyone
filter-region = Region
filter-region-all = All regions
filter-month = Month
filter-month-all = All months
filter-submit = Show activities
filter-reset = Remove all filters
filter-ignored-intro = We could not use everything in your search. We skipped this:
filter-ignored-kind = We don't know the kind “{ $value }”.
filter-ignored-theme = We don't know the theme “{ $value }”.
filter-ignored-audience = We don't know the audience “{ $value }”.
filter-ignored-region = We don't know the region “{ $value }”.
filter-ignored-month = “{ $value }” is not a month. Use year and month, for example 2026-12.
filter-ignored-page = Page “{ $value }” does not exist. We show the first page.
pagination-label = Pages
pagination-page = Page { $number }
card-when-none = Date to follow
card-when-series = { $date } (then { $count } more times)

## Facts
fact-when = When
fact-region = Region
fact-date = Date
fact-time = Time
fact-recurrence = How often
fact-venue = Location
fact-venue-unknown = To follow
fact-cost = Cost
cost-unknown = Not known yet
cost-free = Free
fact-time-investment = Time it takes
fact-capacity = Places
fact-capacity-value = { $count } places
session-capacity = { $count } places at this meeting
fact-audience = For whom
fact-themes = Themes
fact-organisations = Organisation
fact-contact = Contact
time-range = { $from }–{ $to }

## Registration status
status-open = Registration open
places-left = { $count ->
    [one] 1 place left
   *[other] { $count } places left
}
status-full = Full
status-full-waitlist = Full, waiting list open
status-opens = Registration opens { $date }
status-message-opens = You can register from { $date } at { $time }.
status-closed = Registration closed
status-cancelled = Cancelled
status-ended = Over
status-message-open-cafe = There are places left. You register separately for each learning café.
status-message-open-atelier = You can join this learning studio. You take part in the way that suits you.
status-message-open-module = There are places left in this module.
status-message-full = This meeting is full. Sadly, you can no longer register.
status-message-full-waitlist = All places are taken. You can still join the waiting list. If a place becomes free, we will let you know.
status-message-closed = Registration is not possible now.
status-message-cancelled = This activity has been cancelled.
status-message-ended = This activity is over.

## Activity page
activity-registration = Registration
activity-practical = Practical information
activity-about = About this activity
activity-program = Programme
activity-speakers = Speakers
activity-facilitators = Facilitators
activity-participation = How to take part
activity-venue = Location and route
activity-sessions = All dates
activity-prerequisites = Prior knowledge and follow-up
activity-requires = Take this first:
activity-followed-by = Afterwards you can continue with:
activity-links = Further reading
activity-add-to-calendar = Add to your calendar (.ics)
activity-count = { $count ->
    [one] 1 activity
   *[other] { $count } activities
}
program-time = Time
program-item = Item
program-no-time = Time to follow
venue-route-car = By car
venue-route-transit = By public transport
venue-accessibility = Accessibility
venue-accessibility-unknown = Not known yet. Ask the organisation.

## Themes, organisations, people
themes-title = Themes
themes-intro = Subjects professionals want to learn more about. Pick a theme to see its activities.
theme-kicker = Theme
theme-activities = Activities on this theme
theme-calendar = Calendar
theme-calendar-link = All dates of this theme in your calendar (.ics)
organisations-title = Organisations
organisations-intro = These organisations offer activities.
organisation-kind-kennisinstituut = Knowledge institute
organisation-kind-welzijnsorganisatie = Welfare organisation
organisation-kind-lectoraat = University research group
organisation-kind-anders = Organisation
organisation-city = City
organisation-website = Website
organisation-activities = Activities of this organisation
person-kicker = Person
person-affiliation = Works at
person-email = Email
person-phone = Phone
person-activities = Activities

## Accessibility
a11y-title = Accessibility
a11y-lead = Everyone must be able to use Samenleren. Also if you see poorly, use a screen reader or only a keyboard.
a11y-standard-heading = Which standard do we meet?
a11y-standard = We build Samenleren to WCAG 2.2, level AA. That is the requirement for Dutch government websites. With every change, we test the pages automatically with axe in a real browser.
a11y-how-heading = What have we done?
a11y-how-1 = All pages work without JavaScript.
a11y-how-2 = You can do everything with the keyboard. "Skip to content" skips the menu.
a11y-how-3 = Texts and buttons have enough contrast. You can enlarge the text without losing anything.
a11y-how-4 = We write in plain language.
a11y-known-heading = What does not work well yet?
a11y-known = We know of no problems now. Did you find one? Let us know.
a11y-contact-heading = Found something?
a11y-contact = Does something not work for you? Contact the organisation of the activity. They pass it on to us, and we fix it as soon as we can.

## Error pages
error-go-home = Go to the home page
error-go-catalog = See all activities
error-404-title = This page does not exist
error-404-message = We cannot find this page. Maybe the activity has moved or the link is wrong.
error-405-title = This is not possible
error-405-message = This page does not work this way. Go back and try again.
error-414-title = The address is too long
error-414-message = The address of this page is too long. Choose fewer filters or start again.
error-400-title = We don't understand this
error-400-message = We could not read your request. Go back and try again.
error-413-title = This is too much
error-413-message = What you filled in is too long. Go back, make your text shorter and try again.
error-500-title = Something went wrong
error-500-message = Something went wrong on our side. It is not your fault. Please try again later.
error-503-title = Briefly unavailable
error-503-message = It is too busy right now or we are doing maintenance. Try again in a few minutes.

## Days and months
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec

## Email
mail-greeting = Dear { $name },
mail-greeting-organiser = Dear organiser,
mail-when = When
mail-where = Where
mail-manage = View or change your registration
mail-accept = Confirm your place
mail-open-activity = View the activity
mail-calendar-attached = A calendar file is attached. Open it to add the event to your calendar.
mail-footer = This email is from Samenleren about { $title }.
mail-subject-confirmation = You are registered: { $title }
mail-body-confirmation = You have a place at { $title }. We look forward to seeing you!
mail-subject-waitlisted = You are on the waiting list: { $title }
mail-body-waitlisted = { $title } is full. You are on the waiting list, at place { $position }. If a place becomes free, we will let you know right away.
mail-subject-promoted = A place has become free for you: { $title }
mail-body-promoted = Good news: a place has become free at { $title }. You are now registered.
mail-subject-offer = There is a place for you: { $title }
mail-body-offer = A place has become free at { $title }. We are keeping it for you until { $until }. Do you want to come? Then confirm your place with the button below. If you do nothing, the place goes to the next person on the waiting list.
mail-subject-offer_expired = Your place has lapsed: { $title }
mail-body-offer_expired = You did not confirm your place at { $title } in time, so it has gone to the next person on the waiting list.
mail-subject-cancelled = Your registration is cancelled: { $title }
mail-body-cancelled = Your registration for { $title } is cancelled. We are sorry you cannot come. Changed your mind? Register again while places are left.
mail-subject-manage_link = You were already registered: { $title }
mail-body-manage_link = Someone registered again for { $title } with this email address. You were already registered, so nothing has changed. Use the link below to view or change your registration. If this was not you, you can ignore this email.
mail-subject-reminder = Reminder: { $title } on { $date }
mail-body-reminder = { $title } is only a few days away. The time and place are below. Can't make it after all? Please cancel, so someone else can have your place.
mail-subject-organiser_full = Full: { $title }
mail-body-organiser_full = All { $capacity } places of { $title } are taken. New registrations go on the waiting list, if it is switched on.

## Registration
activity-register = Register
activity-register-waitlist = Join the waiting list
form-title = Register: { $title }
form-heading = Register for
form-breadcrumb = Register
form-intro = Fill in your details. Fields without “(optional)” are required. We will then send you an email with all the information.
form-legend = Your details
form-optional = optional
form-choose = Choose one
form-name = Name
form-email = Email address
form-email-help = We send the confirmation and a link to change your registration here.
form-organisation = Organisation
form-role = Role
form-role-other-option = Other
form-role-other = Other role
form-role-other-help = Fill this in if you choose “Other” as your role.
form-region = Region
form-region-none = No region
form-honeypot = Leave this field empty
form-consent = I agree that my details are used for this registration.
form-privacy-link = Read how we handle your details (privacy statement)
form-submit = Register
form-back = Back to the activity
form-errors-heading = Please check the form
form-expired = The form had expired. Your details are still there. Check them and send the form again.
form-unavailable = Registration is not possible right now. See the activity for more information.
error-required = Please fill in this field.
error-name-required = Please fill in your name.
error-email-required = Please fill in your email address.
error-email = Please fill in a valid email address, for example name@example.org.
error-too-long = This is too long. Please shorten the text.
error-control-characters = This contains characters we cannot use. Please type the text again.
error-choice = Please choose one of the options in the list.
error-role-required = Please choose your role.
error-consent = Please agree to the use of your details. Otherwise we cannot register you.
registered-title = Thank you for registering
registered-received = We have received your registration for
registered-email = We are sending an email to { $email }. It says whether you have a place or are on the waiting list. It also has a link to view, change or cancel your registration.
registered-no-email = No email? Please check your spam folder too.
rate-text = Please wait: many registrations were sent from your address at once. Your details are still here. Send the form again in { $seconds } seconds.
manage-title = Your registration
manage-confirmed = You are registered
manage-confirmed-text = You have a place at { $title }.
manage-waitlisted = You are on the waiting list
manage-waitlisted-text = You are number { $position } on the waiting list for { $title }. If a place becomes free, we will email you.
manage-offered = There is a place for you
manage-offered-text = A place is free at { $title }. We are keeping it for you until { $until }. Confirm your place with the button below.
manage-cancelled = Your registration is cancelled
manage-cancelled-text = Your registration for { $title } is cancelled.
manage-no-show = You did not attend
manage-no-show-text = You were registered for { $title }, but did not attend.
manage-accept = Yes, I will come: confirm my place
manage-change-heading = Change your details
manage-save = Save changes
manage-cancel-text = Can't come? Please cancel, so someone else can have your place.
manage-cancel = Cancel registration
manage-not-editable = This registration can no longer be changed.
manage-notice-saved = Your changes have been saved.
manage-notice-cancelled = Your registration is cancelled. We have sent you an email.
manage-notice-accepted = Your place is confirmed. We have sent you an email.
manage-notice-expired = The offer had expired. The place has gone to the next person on the waiting list.
cancel-title = Cancel registration
cancel-question = Do you really want to cancel your registration for
cancel-consequence = Your place will go to someone else. This cannot be undone.
cancel-confirm = Yes, cancel my registration
cancel-keep = No, keep my registration
privacy-title = Privacy statement
privacy-lead = When you register for an activity, we use your details. Here you can read which details, what for and for how long.
privacy-what-heading = Which details
privacy-what = Your name, email address, organisation, role, region (if you fill it in) and your answers to the activity's questions.
privacy-why-heading = What for
privacy-why = To register you, to send you emails about the activity and to let the organiser know who is coming. We do not use your details for advertising.
privacy-who-heading = Who sees them
privacy-who = Only the organisers of the activity. We do not give your details to anyone else.
privacy-how-long-heading = How long
privacy-how-long = Until one year after the activity. After that we make your details anonymous.
privacy-rights-heading = Your rights
privacy-rights = You can always view and change your details with the link in your email. Do you want us to delete your details? Please contact the organiser of the activity.
footer-privacy = Privacy

link-unknown-title = This link does not work
link-unknown-text = We cannot find a registration for this link. Perhaps the link was not copied completely from the email. Open it again from the email, or register again.
link-unknown-back = To all activities

## Accounts and sign-in
nav-account = My account
account-nav-label = Account and language
error-403-title = Not allowed
error-403-message = You have no access to this page, or the form had expired. Go back, reload the page and try again.
sign-in-title = Sign in
sign-in-intro = Enter your email address. We will send you a link to sign in. You do not need a password.
sign-in-email = Email address
sign-in-email-help = No account yet? We will make one for you when you click the link.
sign-in-send-link = Send me a link
sign-in-password-heading = Sign in with a password
sign-in-password-intro = If you have set a password in your account, you can also sign in with it here.
sign-in-password = Password
sign-in-button = Sign in
sign-in-wrong = Signing in did not work. The email address or the password is not right, or a wrong password was used too often. Then you can try again after 15 minutes. Signing in with a link works right away.
sign-in-sent-title = Check your email
sign-in-sent-text = If { $email } is a valid address, you will get an email with a sign-in link within a few minutes. The link works once, for half an hour.
sign-in-sent-help = No email? Look in your junk mail folder too. You can ask for three links within half an hour.
sign-in-link-title = Sign in to Samenleren
sign-in-link-text = Click the button to sign in. The link works only once.
sign-in-link-gone-title = This link no longer works
sign-in-link-gone-text = The link has been used already or is too old. Ask for a new link.
sign-in-again = Go to sign in
sign-in-notice-signed-out = You are signed out.
sign-in-notice-signed-out-everywhere = You are signed out on all devices.
sign-in-notice-deleted = Your account has been deleted.
invitation-title = Invitation to organise
invitation-text = You have been invited to organise activities on Samenleren. Click the button to accept. You will be signed in right away.
invitation-button = Accept invitation
invitation-gone-title = This invitation no longer works
invitation-gone-text = The invitation has been used already or is too old. Ask the organiser for a new one.
password-too-short = Choose a password of at least 12 characters.
password-too-long = This password is too long. Choose a shorter one.
password-mismatch = The two passwords are not the same. Type them again.
account-title = My account
account-signed-in-as = You are signed in as { $email }.
account-to-back-office = Go to the back office
account-registrations = My registrations
account-no-registrations = You have no registrations with this email address yet.
account-col-activity = Activity
account-col-when = When
account-col-state = Status
account-col-manage = View or change
account-manage = View or change
account-state-confirmed = Registered
account-state-waitlisted = Waiting list, number { $position }
account-state-offered = Place offered
account-state-cancelled = Cancelled
account-state-attended = Attended
account-state-no_show = Did not come
account-profile = My details
account-name = Name
account-lang = Preferred language
account-save = Save
account-notice-saved = Your details have been saved.
account-password-heading = Password
account-password-set = You have a password. You can change it here.
account-password-none = You sign in with a link by email. Would you like to sign in with a password as well? Set one here.
account-password = New password
account-password-help = At least 12 characters. A sentence of a few words is easy to remember.
account-password-repeat = Type the password again
account-password-save = Save password
account-password-remove = Remove password
account-notice-password = Your password has been saved.
account-notice-password-removed = Your password has been removed. You now sign in with a link.
account-sign-out-heading = Sign out
account-sign-out = Sign out
account-sign-out-everywhere = Sign out on all devices
account-data-heading = Your data
account-data-text = You can download everything we keep about you. You can also delete your account.
account-data-download = Download my data (JSON)
account-delete = Delete my account
delete-title = Delete account
delete-text = Are you sure? Your account will be deleted at once, and you will be signed out everywhere.
delete-registrations = Your registrations stay. You can still view and cancel them with the link in your confirmation email.
delete-button = Yes, delete my account
delete-back = No, go back
mail-greeting-plain = Hello,
mail-not-you = Did you not ask for this? Then you can ignore this email.
mail-footer-account = You receive this email from Samenleren.
mail-subject-sign_in = Your link to sign in to Samenleren
mail-body-sign_in = Use the link below to sign in. The link works once, for { $minutes } minutes.
mail-action-sign_in = Sign in
mail-subject-invitation = Invitation: organise with { $organisation }
mail-body-invitation = You have been invited to organise activities of { $organisation } on Samenleren. Use the link below to accept. The invitation works for { $days } days.
mail-action-invitation = Accept invitation

## Back office
bo-title = Back office
bo-intro = Here you manage the activities of your organisation.
bo-organisations = Organisations
bo-no-organisations = There are no organisations yet.
bo-to-account = Go to my account
bo-activities = Activities
bo-no-activities = This organisation has no activities yet.
bo-col-title = Title
bo-col-kind = Kind
bo-col-when = When
bo-col-status = Status
bo-col-places = Places
bo-no-date = No date yet
bo-places-of = { $confirmed } of { $capacity } taken, { $waitlist } on the waiting list
bo-places-open = { $confirmed } registered, { $waitlist } on the waiting list
bo-status-draft = Draft
bo-status-published = Published
bo-status-cancelled = Cancelled
bo-status-archived = Archived
bo-organisers = Organisers
bo-no-organisers = There are no organisers yet.
bo-open-invitations = Invitations still open
bo-invitation-until = { $email } (valid until { $date })
bo-invite-heading = Invite an organiser
bo-invite-email = Email address
bo-invite-help = This person gets an email with a link. With that link they become an organiser of this organisation.
bo-invite-button = Send invitation
bo-notice-invited = The invitation has been sent.
bo-notice-already-member = This person is already an organiser of this organisation.
bo-notice-organisation-created = The organisation has been created. Now invite an organiser.
bo-org-new-title = New organisation
bo-org-name = Name
bo-org-name-letters = Use letters or digits in the name.
bo-org-name-taken = There already is an organisation with this name.
bo-org-kind = Kind of organisation
bo-org-kind-kennisinstituut = Knowledge institute
bo-org-kind-welzijnsorganisatie = Welfare organisation
bo-org-kind-lectoraat = University research group
bo-org-kind-anders = Other
bo-org-city = Town or city
bo-org-website = Website
bo-org-website-help = Start with https:// or http://
bo-org-website-invalid = Enter a web address that starts with https:// or http://
bo-org-create = Create organisation

## Activity editor
editor-error-title-required = Enter a title.
editor-error-summary-required = Enter a short description.
editor-error-cost = Enter an amount in euros, for example 12.50. Leave it empty if you do not know. Enter 0 if it is free.
editor-error-number = Enter a whole number, 1 or more.
editor-error-datetime = Enter a date and time, for example 3 December 2026 at 13:30.
editor-error-time-gap = This time does not exist: the clocks go forward an hour then. Choose another time.
editor-error-closes-before-opens = Registration must close later than it opens.
editor-error-date-required = Enter a date.
editor-error-date = Enter a valid date, for example 03-12-2026.
editor-error-time-required = Enter a time.
editor-error-time = Enter a valid time, for example 13:30.
editor-error-end-before-start = The end time must be after the start time.
