# Samenleren — home, finding activities, activity pages, themes. English texts (plain English, short sentences).

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
status-open-atelier = New members welcome
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
activity-registration-atelier = Taking part
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

