# Samenleren — emails. English texts (plain English, short sentences).

## Email
mail-greeting = Dear { $name },
mail-greeting-organiser = Dear organiser,
mail-when = When
mail-where = Where
mail-manage = View or change your registration
mail-accept = Confirm your place
mail-open-activity = View the activity
mail-calendar-attached = A calendar file is attached. Open it to add the event to your calendar.
mail-check-in = At the entrance, show the QR code below. That way the organisers know you are there. You can also give your name.
mail-check-in-alt = QR code to check in at the entrance
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
