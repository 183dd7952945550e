# Learning time, registers and accreditation: net learning time from the program,
# points per register, an accreditation's ID number, registration numbers and PE-online.

## Program in the editor
bo-program-learning = Counts as learning time (part { $n })
bo-help-program-learning = Walk-in, welcome, break, drinks and end do not count as learning time. The other parts do. Only choose otherwise when this part is different.
bo-learning-by-kind-yes = By its kind (counts)
bo-learning-by-kind-no = By its kind (does not count)
bo-learning-yes = Yes, counts
bo-learning-no = No, does not count

## Why there is no learning time
learning-problem-no-program = There is no program with times yet. The learning time is therefore 0 points.
learning-problem-untimed = Not every part of the program has a time. So we cannot work out the learning time: 0 points.
learning-problem-overlap = Two parts start at the same time or are out of order. So: 0 points.
learning-problem-outside = A part falls outside the time of the session. So: 0 points.
learning-problem-no-net-time = No part counts as learning time (only walk-in, breaks or drinks). So: 0 points.

## Errors
learning-error-points = Enter the points as a number from 0 to 1000, for example 2 or 2.5. Or leave the field empty.
learning-error-points-half = Points go by half points. Enter for example 2 or 2.5.
learning-error-category = Choose a register and a category from the list.
learning-error-id-number = An ID number has only letters, digits, spaces and the signs - / . (at most 40 characters).
learning-error-id-missing = Enter the accreditation's ID number.
learning-error-session-id-missing = Enter the ID number of this session. Or empty the points too.
learning-error-per-session-empty = Enter an ID number for at least one session.
learning-error-register-taken = This activity already has an accreditation by this register. Change that one instead of adding a new one.
learning-error-session-gone = The sessions have changed in the meantime. Check them and save again.
learning-error-register = Choose a register from the list.
learning-error-number-missing = Enter your registration number.
learning-error-number-digits = A registration number has only digits.
learning-error-number-prefix = This number does not start like the numbers of this register. Check it on your proof of registration.
learning-error-number-length = This number does not have the right number of digits. Check it on your proof of registration.

## An activity's page
learning-heading = Learning time and accreditation
learning-intro = Only the content counts as learning time. Walk-in, welcome, breaks and drinks do not. One hour is one point, rounded down to half points.
learning-net-label = Net learning time
learning-points-label = Points
learning-time = { $minutes ->
    [0] { $hours } h
   *[other] { $hours } h { $minutes } min
}
learning-points = { $points } points
learning-register-label = Accreditation
learning-accreditation = { $register }, { $category }: ID number { $id }, { $points } points
learning-accreditation-session = { $register }, { $category }, { $date }: ID number { $id }, { $points } points
learning-enter-id = Enter the ID number in your own file with the register.

## Back office: accreditation
accr-heading = Accreditation and learning time
accr-intro = Has a register accredited this activity? Enter the ID number, the category and the points here. Leave the points empty and we work them out from the program: one hour of net learning time is one point, rounded down to half points.
accr-net-heading = Net learning time per session
accr-col-session = Session
accr-col-net = Net learning time
accr-col-points = Points
accr-col-register = Register
accr-col-id = ID number
accr-col-category = Category
accr-col-action = What you can do
accr-list-heading = Accreditations
accr-none = This activity has no accreditation yet.
accr-add = Add an accreditation
accr-edit = Change the accreditation
accr-edit-link = Change
accr-remove = Remove
accr-per-session = per session
accr-by-hand = entered by hand
accr-computed = worked out from the program
accr-to-check = check the regulations
accr-field-category = Register and category
accr-field-id_number = ID number
accr-field-id_number-help = The number the register gave this activity. Participants enter it in their file. Leave empty when accredited per session.
accr-field-points = Points (empty: worked out)
accr-field-points-help = Worked out from the program: { $points } points. Only enter a number when the register granted a different one.
accr-field-per_session = Accredited per session
accr-field-per_session-help = Each session then has its own ID number. Enter them below. A session without an ID number does not count.
accr-session-group = Session of { $date }
accr-session-id = ID number of { $date }
accr-session-points = Points of { $date } (empty: worked out)
accr-save = Save
accr-back = Back to accreditation and learning time
accr-notice-saved = The accreditation has been saved.
accr-notice-removed = The accreditation has been removed.
audit-action-accreditation_added = Accreditation added
audit-action-accreditation_changed = Accreditation changed
audit-action-accreditation_removed = Accreditation removed

## Back office: PE-online
pe-heading = Attendance for PE-online
pe-intro = The register wants to know who was there. Enter the attendees with their registration number in PE-online. Download the list and paste it into PE-online under Import. Each number is on a line of its own, with a # in front.
pe-run-whole = Whole activity, ID number { $id }
pe-run-session = Session of { $date }, ID number { $id }
pe-deadline = Enter the attendance in PE-online by { $date } at the latest. That is two months after the end.
pe-deadline-passed = Note: the deadline passed on { $date }. Contact the register.
pe-count = { $count ->
    [one] 1 attendee with a registration number.
   *[other] { $count } attendees with a registration number.
}
pe-download = Download the list (text file)
pe-download-hidden = : { $run }
pe-without = These attendees have no registration number for { $register } in their account. Ask them to add it under My registers. Or enter them in PE-online yourself:
pe-none = Nobody has been checked in yet.

## Account: My registers
registers-heading = My registers
registers-intro = Are you in a professional register, such as Register Sociaal Werker or SKJ? Enter your registration number here. The organiser can then pass your attendance on to the register.
registers-list = My registration numbers
registers-none = You have not added a register yet.
registers-col-register = Register
registers-col-number = Registration number
registers-col-action = What you can do
registers-remove = Remove
registers-add = Add a register or change a number
registers-field-register = Register
registers-field-number = Registration number
registers-field-number-help = Digits only. A Register Sociaal Werker number starts with 4610.
registers-save = Save
registers-notice-saved = Your registration number has been saved.
registers-notice-removed = The register has been removed.
registers-format-to-check = The exact number format is not on the register's website: check the regulations.
account-registers-link = My registers (registration numbers)
