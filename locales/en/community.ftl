# Learning studios (leerateliers): membership, the member area and managing members.

## The activity block and the member area
community-become-member = Become a member
community-already-member = Already a member?
community-to-atelier = Go to the studio
community-public-page = The studio's public page
community-my-membership = Your membership
community-manage-members = Manage members
community-manage-research = Keep the practice research up to date
community-meeting-heading = Meeting on { $when }
community-standing-member = You have been a member since { $since }. You take part in: { $level }.
community-standing-runs-kartrekker = You lead this studio.
community-standing-runs-organiser = You organise this studio.
community-members-heading = Who takes part
community-members-consent = You see the leads and the members who want to be listed.
community-members-none = Nobody is listed yet.
community-members-all = All members
community-notice-welcome = Welcome! You are now a member of the studio.

## Levels and roles
community-level-meetings = Meetings
community-level-meetings-help = you come to the meetings and take part online
community-level-public_only = Public meetings only
community-level-public_only-help = you only come to the open meetings and take part online
community-level-online_only = Online only
community-level-online_only-help = you take part on the online platform
community-role-member = Member
community-role-expert = Expert
community-role-contact = Contact person
community-role-kartrekker = Lead

## Joining and your membership
community-join-heading = Become a member of { $title }
community-join-intro = In a learning studio you both take and bring knowledge. Choose how you take part and say in one sentence what you bring.
community-join-open = You are a member at once.
community-join-decides = The lead reads your request and tells you by email whether you are a member.
community-join-invited = You were invited to this studio. You are a member at once.
community-join = Become a member
community-join-ask = Ask to become a member
community-declined-before = The lead said no to your earlier request. You may ask again.
community-request-heading = Your request for { $title }
community-request-waiting = Your request is waiting for the lead. You will get an email when there is a decision. You can still change your request below.
community-request-update = Change request
community-request-withdraw = Withdraw request
community-membership-heading = Your membership of { $title }
community-membership-intro = Change how you take part and what you bring here.
community-save = Save
community-leave = End membership
community-field-name = Your name
community-field-name-help = The lead and, if you want, the other members see this name.
community-error-name-required = Fill in your name.
community-field-level = How do you take part?
community-field-brings = What do you bring?
community-field-brings-help = For example your experience, a question from your work or a method you know. At most { $max } characters.
community-field-listed = Other members may see me in the member list
community-field-listed-help = They then see your name and what you bring. They never see your email address.
community-notice-requested = Your request was sent. The lead decides and you will get an email.
community-notice-saved = Your membership was saved.
community-conflict = Your membership just changed, for example in another window. Nothing was saved. Check whether this is still right and send it again.
community-error-level = Choose how you take part.
community-error-brings-required = Say in one sentence what you bring.
community-error-decision = Choose: accept or decline.
community-error-decline-message = Write why you decline the request. The person reads this.

## Leaving
community-leave-heading = End your membership of { $title }
community-leave-text = You will no longer be a member. What you wrote stays, marked "former member". You can become a member again later.
community-withdraw-heading = Withdraw your request for { $title }
community-withdraw-text = The lead will no longer see your request. You can ask again later.
community-stay = Back, I stay
account-ateliers = Your learning studios
account-atelier-active = member
account-atelier-requested = your request is waiting
account-atelier-invited = invited
account-notice-atelier-left = You are no longer a member of the studio.

## Back office: members
members-heading = Members
members-requests = Requests
members-requests-none = There are no requests.
members-asked-on = asked on { $date }
members-active = Members ({ $count })
members-none = There are no members yet.
members-col-name = Name
members-col-email = Email address
members-col-since = Member since
members-col-level = Takes part in
members-col-brings = Brings
members-col-state = Standing
members-role = Role
members-invited = Invited
members-invited-choosing = still choosing how to take part
members-former = Former members and declined requests
members-invite = Invite someone
members-invite-email = Email address
members-invite-help = They get an email with a link. With that link they are a member at once, also without an account.
members-invite-button = Send invitation
members-settings = Settings
members-open-joining = Anyone may become a member at once
members-open-joining-help = Without the tick you decide on every request.
members-settings-save = Save settings
members-state-requested = Asks to become a member
members-state-invited = Invited
members-state-active = Member
members-state-declined = Declined
members-state-left = Former member
members-decision-heading = Decision
members-decision = What is your decision?
members-decision-accept = Accept
members-decision-decline = Decline
members-decision-message = Message
members-decision-message-help = This message goes into the email. Required when you decline. At most { $max } characters.
members-decision-send = Send decision
members-role-heading = Role in the studio
members-role-save = Save role
members-not-waiting = This request was already decided or withdrawn. Nothing was saved.
members-not-active = This person is no longer a member. Nothing was saved.
members-notice-invited = The invitation was sent.
members-notice-already = This person is already a member.
members-notice-saved = The settings were saved.
members-notice-accepted = The request was accepted. The new member gets an email.
members-notice-declined = The request was declined. The person gets an email with your message.
members-notice-role = The role was saved.

## Invitation
invitation-title-member = Invitation to become a member
invitation-text-member = { $organisation } invites you to become a member of the learning studio { $title }. Click the button. You are then signed in and choose how you take part.

## Emails
mail-subject-atelier_invitation = Invitation: become a member of { $title }
mail-body-atelier_invitation = { $organisation } invites you to become a member of the learning studio { $title }. The link below makes you a member. You then choose how you take part. The link works for { $days } days.
mail-action-atelier_invitation = Become a member
mail-subject-membership_requested = { $name } wants to join { $title }
mail-body-membership_requested = { $name } asks to become a member of { $title }. You decide: accept or decline.
mail-action-membership_requested = See the request
mail-subject-membership_accepted = You are a member of { $title }
mail-body-membership_accepted = Welcome! You are now a member of the learning studio { $title }.
mail-action-membership_accepted = Go to the studio
mail-subject-membership_declined = Your request for { $title }
mail-body-membership_declined = The lead of { $title } did not accept your request.
mail-membership-message = The lead's message:
mail-footer-community = You get this email because you are or want to be a member of a learning studio in Samenleren.

## Audit log
audit-action-member_requested = Asked to become a member
audit-action-member_joined = Became a member
audit-action-member_settings_changed = Membership changed
audit-action-member_left = Membership ended
audit-action-member_accepted = Request accepted
audit-action-member_declined = Request declined
audit-action-member_role_changed = Member's role changed
audit-action-member_invited = Invited as a member
audit-action-member_invitation_used = Member invitation used
audit-action-atelier_opened = Anyone may join at once
audit-action-atelier_closed = The lead decides on requests

## Meeting series
series-error-interval = Choose every how many months (1 to 12).
series-error-weekday = Choose a day of the week.
series-error-week = Choose which week of the month.
series-error-time-required = Fill in a time.
series-error-time = Write the time as hh:mm, for example 19:30.
series-error-end-before-start = The end time must be after the start time.
series-error-until-before-start = The end date must be after the first meeting.
series-error-nonexistent-time = That time does not exist on one of the days: the clocks go forward an hour. Choose another time.

## Cases and the agenda
case-error-title-required = Give your case a title.
case-error-situation-required = Say what is going on.
case-error-question-required = Say what you want to learn.
case-error-meeting-past = This meeting has already taken place. Choose a later one.
case-error-meeting-cancelled = This meeting will not take place. Choose another.
case-error-step-unchanged = Nothing changes.
case-error-step-not-scheduled = This case is not on an agenda.
case-error-step-finished = This case was already discussed and finished.
case-error-step-not-on-agenda = Put the case on an agenda first.
case-error-agenda-case-required = Choose a case.
case-error-agenda-title-required = Give the item a title.
case-error-agenda-length-required = Fill in an end time or a duration.
case-error-agenda-end-duration = The end time and the duration do not match.
case-error-agenda-outside = This item falls outside the meeting's time.
case-error-agenda-overlap = This item overlaps another item.
case-error-expert-both = Choose a member as expert or fill in an outside speaker, not both.
case-error-speaker-name-required = Fill in the speaker's name.
case-error-outcome-choice = Choose: finished or on to a next meeting.
case-error-learned-required = Write what was learned.
case-error-public-empty = A public outcome needs text.

## Take and bring
ledger-error-date-future = This date is in the future.
ledger-error-expected-too-much = That is more than 40 hours a month.

## Bijeenkomsten
community-meetings-heading = Meetings
community-meetings-none = No meetings are planned yet.
community-meeting-online = Online
community-meeting-join-online = Join online
community-meeting-members-only = members only
community-meeting-public = public
community-meeting-coming = { $count ->
    [0] nobody has said yes yet
    [one] 1 person is coming
   *[other] { $count } people are coming
}
community-meeting-not-invited = You take part in a way without this meeting. Want to come anyway? Change how you take part in your membership.
community-answer-legend = Will you come on { $when }?
community-answer-yes = Yes
community-answer-no = No
community-answer-maybe = Maybe
community-answer-save = Save answer
community-notice-answered = Your answer was saved.
community-error-answer = Choose yes, no or maybe.
community-error-answer-past = This meeting has started or is over. You can no longer answer.
community-error-answer-not-invited = You are not invited to this meeting: it does not fit how you take part.
community-feed-text = Put the meetings in your own calendar with this personal link. Do not share it: it is for you only.
community-feed-link = My meetings in my calendar (.ics)
mail-meeting-online = Online
mail-subject-meeting_invitation = Meeting of { $title }: will you come?
mail-body-meeting_invitation = The learning studio { $title } meets again. Will you let us know whether you come? The calendar file is attached.
mail-action-meeting_invitation = Answer
mail-subject-meeting_reminder = Coming to { $title }? Please let us know
mail-body-meeting_reminder = The meeting of { $title } is in a week. You have not said yet whether you come.
mail-action-meeting_reminder = Answer
audit-action-series_saved = Meeting series saved

## Reeks (beheer)
series-heading = Meeting series
series-intro = The studio meets in a fixed rhythm. Samenleren prepares the meetings of the coming months. After that you can move or cancel each meeting on its own.
series-field-interval_months = How often?
series-every-months = { $count ->
    [one] Every month
   *[other] Every { $count } months
}
series-field-week = Which week of the month?
series-week-first = The first
series-week-second = The second
series-week-third = The third
series-week-fourth = The fourth
series-week-last = The last
series-field-weekday = Which day?
series-weekday-1 = Monday
series-weekday-2 = Tuesday
series-weekday-3 = Wednesday
series-weekday-4 = Thursday
series-weekday-5 = Friday
series-weekday-6 = Saturday
series-weekday-7 = Sunday
series-field-start_time = Start time
series-field-end_time = End time
series-field-first_date = From
series-field-first_date-help = The first meeting is the first fitting day on or after this date.
series-field-until = Until
series-field-venue = Venue
series-field-venue-none = No fixed venue
series-field-online_url = Link to join online
series-field-online_url-help = For example a Teams or Zoom link. Starts with https://.
series-field-public = New meetings are public
series-field-public-help = Public: people who are not members may come too. Members who only come to public meetings are then invited as well.
series-save = Save series
series-coming = Coming meetings
series-coming-help = Choose a meeting to move it, give it another venue or cancel it.
series-notice-saved = The series was saved. The meetings of the coming months are ready.

## Kwesties en agenda
case-list-heading = Cases
case-list-intro = A case is a question from your work you want to discuss with the studio. The lead puts cases on a meeting's agenda.
case-list-none = There are no cases yet.
case-new-heading = Bring in a case
case-new-intro = Say what is going on and what you want to learn. The members of { $title } can read your case.
case-new-button = Bring in the case
case-field-title = Title
case-field-situation = What is going on?
case-field-situation-help = Describe the situation. Do not name clients or residents.
case-field-question = What do you want to learn?
case-field-question-help = What do you want to know or be able to do after the discussion?
case-field-themes = Themes
case-field-meeting = For which meeting?
case-field-meeting-help = Not sure yet? Leave this empty. The lead chooses.
case-field-meeting-none = Not sure yet
case-field-state = Stage
case-field-meeting-short = Meeting
case-field-by = Brought in by
case-brought-by = brought in by { $name }
case-state-submitted = brought in
case-state-scheduled = on the agenda
case-state-discussed = discussed
case-state-carried_over = carried over
case-outcomes = What we learned
case-outcome-public = public
case-outcome-heading = Record the outcome
case-outcome-save = Save outcome
case-field-finished = Is the case finished?
case-finished-finished = Finished: discussed
case-finished-carry_over = Not finished: on to a next meeting
case-field-learned = What did we learn?
case-field-next_steps = Next steps
case-field-links = Links
case-field-links-help = One link per line: a title, a vertical bar (|) and the address. For example: Report | https://…
case-field-public = Show this outcome on the studio's public page
case-field-public-help = Anyone can then read it. Leave out names and private details.
case-error-outcome-too-early = The meeting has not begun. Record the outcome after the meeting.
community-former-member = former member
agenda-heading = Agenda
agenda-empty = Nothing is on the agenda yet.
agenda-not-yet = The lead is still making the agenda. You will get it by email when it is ready.
agenda-manage = Edit agenda
agenda-kind-case = Case
agenda-kind-contribution = Contribution
agenda-kind-other = Other
agenda-bo-heading = Agenda of { $when }
agenda-published-on = The agenda was sent on { $date }.
agenda-not-published = The agenda has not been sent. Members see it once you send it.
agenda-publish = Send the agenda to the members
agenda-publish-again = Send the agenda to the members again
agenda-items-heading = On the agenda
agenda-add = Add an item
agenda-add-button = Add
agenda-remove = Remove
agenda-field-kind = Kind
agenda-field-case = Case
agenda-field-case-help = Only for a case: choose a case that was brought in.
agenda-field-case-none = No case
agenda-field-title = Title
agenda-field-title-help = For a case you may leave this empty: the case's title is used.
agenda-field-start = Start time
agenda-field-duration = Length in minutes
agenda-field-duration-help = Or fill in an end time below.
agenda-field-end = End time
agenda-field-expert = Expert from the studio
agenda-field-expert-none = No expert from the studio
agenda-field-speaker_name = Or: a speaker from outside
agenda-field-speaker_name-help = The name of an expert who is not a member.
agenda-field-speaker_affiliation = The speaker's organisation
agenda-stale = Someone else just changed the agenda. Nothing was saved. Look at the agenda as it is now and send your item again.
agenda-notice-added = The item is on the agenda.
agenda-notice-removed = The item was taken off the agenda.
agenda-notice-published = The agenda was sent to the members.
mail-subject-agenda_published = Agenda: { $title }
mail-body-agenda_published = The agenda of the next meeting of { $title } is ready:
mail-action-agenda_published = See the agenda
audit-action-case_brought = Case brought
audit-action-case_discussed = Case discussed
audit-action-case_carried_over = Case carried over
audit-action-agenda_item_added = Agenda item added
audit-action-agenda_item_removed = Agenda item removed
audit-action-agenda_published = Agenda sent

## Halen en brengen
ledger-heading = Give and take
ledger-intro = In a learning studio you both take and give knowledge. Here you see what you attended and what you contributed. Only you and the lead see this.
ledger-summary = You were at { $attended ->
    [one] 1 meeting
   *[other] { $attended } meetings
} ({ $taken }) and contributed { $contributions ->
    [one] once
   *[other] { $contributions } times
} ({ $brought }).
ledger-hours = { $hours } hours
ledger-months-heading = Your hours per month
ledger-col-month = Month
ledger-col-hours = Hours
ledger-col-expected = Expected
ledger-history = Everything so far
ledger-history-none = Nothing yet.
ledger-add = Add a contribution
ledger-add-button = Save contribution
ledger-field-kind = What did you bring?
ledger-field-date = Date
ledger-field-minutes = Time in minutes
ledger-field-minutes-help = Leave empty: we count the usual time for this kind of contribution.
ledger-field-note = What was it?
ledger-notice-saved = Your contribution was saved.
ledger-kind-attended = attended a meeting
ledger-kind-case = brought a case
ledger-kind-expert = contribution as an expert
ledger-kind-presentation = presentation
ledger-kind-resource = shared a tool or source
ledger-kind-research = research
ledger-kind-hosting = hosted a meeting
ledger-kind-helpful_post = a post that helped others
ledger-overview-heading = Give and take
ledger-overview-intro = For each member: how many meetings they attended and how often they contributed, with the hours. Only you see this overview. Members see only their own.
ledger-signal-explained = A signal means: fewer than { $contributions } contribution per { $meetings } meetings. It is a reason for a conversation, nothing more.
ledger-col-attended = Attended (hours)
ledger-col-contributions = Contributed (hours)
ledger-col-signal = Signal
ledger-signal-only-takes = mostly takes
ledger-field-expected_hours = Expected time per month: hours
ledger-field-expected_hours-help = How much time do you ask of a member each month? For example 2 hours. Leave empty if you expect no time.
ledger-field-expected_minutes = Expected time per month: minutes
ledger-field-signal_contributions = Signal: number of contributions
ledger-field-signal_meetings = Signal: per number of meetings
ledger-field-signal_meetings-help = For example 1 contribution per 3 meetings. If a member contributes less, you see a signal. No signal wanted? Fill in 0 contributions.
ledger-notice-settings = The settings were saved.
ledger-settings-heading = Expected time and signal
ledger-settings-intro = How much time do you ask of the members? And when do you want to see a signal that someone mostly takes and brings little?
agenda-attendance = Who was there?
agenda-field-present = Members present
agenda-attendance-save = Save attendance
agenda-attendance-too-early = The meeting has not started yet.
agenda-notice-attendance = The attendance was saved.
audit-action-attendance_recorded = Meeting attendance saved
audit-action-member_attendance_marked = Member marked present at a meeting
audit-action-member_attendance_undone = Member no longer present at a meeting
audit-action-time_settings_saved = The studio's time and signal saved

## De openbare pagina
activity-outcomes = What the studio learned

## Praktijkonderzoek
research-heading = Practice research
research-intro = Students and lecturer-researchers do small studies in practice, often about cases from the studio.
research-none = There is no research yet.
research-list-heading = Research in this studio
research-status-label = Stage
research-outputs = Outputs
research-new = New research
research-add = Add research
research-save = Save research
research-field-title = Title
research-field-question = Research question
research-field-status = How far is the research?
research-status-idea = idea
research-status-running = ongoing
research-status-finished = finished
research-field-researchers = Researchers
research-field-researchers-help = One researcher per line: the name, a vertical bar (|) and the role (student, docent-onderzoeker or lector). For example: Lisa de Boer | student. At most { $max }.
research-role-student = student
research-role-lecturer = lecturer-researcher
research-role-lector = professor (lector)
research-field-outputs = Outputs (reports, tools, links)
research-field-cases = Cases
research-field-themes = Themes
research-field-public = Show this research on the studio's public page
research-field-public-help = Anyone can then read it, with the researchers' names.
research-error-title-required = Give the research a title.
research-error-question-required = Write down the research question.
research-error-researcher = Write each researcher as: name | role. The role is student, docent-onderzoeker or lector.
research-notice-added = The research was added.
research-notice-saved = The research was saved.
audit-action-research_added = Research added
audit-action-research_changed = Research changed
