# The operator's own texts: the privacy statement (GDPR article 13) and the
# accessibility statement (model of the Dutch government), with its back-office form.

## Privacy statement (/privacy)
privacy-title = Privacy statement
avg-lead = On this website you can register for activities and make an account. For that we use your details. Here you can read who is responsible, which details we keep, why and for how long, and what your rights are.
avg-placeholder = Please note: these are example details. The administrator of this website has not yet filled in the name and address of the organisation.
avg-controller-heading = Who is responsible?
avg-controller = { $operator } runs this website. { $operator } is responsible for what happens to your details (the GDPR calls this the controller).
avg-name = Name
avg-address = Address
avg-email = Email
avg-website = Website
avg-contact-heading = Questions about privacy
avg-contact = Do you have a question about your details? Or do you want us to do something with them? Email our privacy contact:
avg-what-heading = Which details do we keep?
avg-what-registration = When you register: your name, email address, organisation, role, region (if you fill it in) and your answers to the activity's questions.
avg-what-attendance = Whether you were at a session (when the organiser checks you in).
avg-what-account = When you have an account: your email address, your name, your language, an encrypted password (if you choose one) and when you signed in.
avg-what-mail = The emails we send you about your registration.
avg-what-log = When you are an organiser: what you change in the back office (a log).
avg-what-required = Without a name and email address we cannot register you. You only need to answer the other questions when they are not marked "optional".
avg-why-heading = What do we use them for, and why are we allowed to?
avg-why-register = To register you and send you emails about the activity: a confirmation, a reminder and changes. We may do this because you give your consent with the tick box on the form (GDPR article 6(1)(a)). You can always withdraw your consent: cancel your registration, or ask us to delete your details.
avg-why-organise = To let the organisers know who is coming and who was there. We may do this because an organiser must be able to run an activity well and account for it (legitimate interest, GDPR article 6(1)(f)).
avg-why-account = To let you sign in and to keep your registrations together. We may do this because you make the account yourself (consent, GDPR article 6(1)(a)).
avg-why-log = To keep track of who changed something in the back office. We may do this because it keeps the details secure and lets us fix mistakes (legitimate interest, GDPR article 6(1)(f)).
avg-why-not = We do not use your details for advertising and we do not sell them. No computer takes decisions about you automatically.
avg-who-heading = Who receives your details?
avg-who = The organisers and kartrekkers of the activity you register for. Emails go through the mail server { $operator } uses for this. Apart from that we give your details to nobody, unless the law requires it.
avg-how-long-heading = How long do we keep them?
avg-how-long = { $months ->
    [one] One month
   *[other] { $months } months
} after an activity's last session we remove the name, email address, organisation and answers of every registration. This happens automatically. What remains (numbers, roles, attendance) no longer says who it was.
avg-how-long-same = Every organisation on this website keeps to this period.
avg-how-long-other = These organisations chose another period:
avg-term = { $organisation }: { $months ->
    [one] 1 month
   *[other] { $months } months
}
avg-how-long-shortest = Does an activity have more organisations? Then the shortest period counts.
avg-how-long-account = We keep your account until you delete it yourself. Sign-in links and invitations that have expired are removed a day later.
avg-cookies-heading = Cookies
avg-cookies = We only use cookies that are needed: one to keep you signed in and one to protect forms. We use no cookies for statistics or advertising.
avg-rights-heading = Your rights
avg-rights-intro = These are your details. That is why you may:
avg-right-access = see your details. Open the link in the email about your registration, or sign in and download your details on your account page.
avg-right-correct = have your details corrected. You can do this yourself with the link in your email or on your account page.
avg-right-erase = have your details deleted. Cancel your registration, delete your account on your account page, or ask us.
avg-right-object = object to what we do on the basis of legitimate interest, or ask us to do less with your details.
avg-right-portable = take your details with you. The download on your account page is a file (JSON) that other programs can read.
avg-right-withdraw = withdraw your consent. What we did with your consent before remains valid.
avg-rights-account = To your account page
avg-rights-how = Do you want to ask or request something? Email { $email }. We answer within one month.
avg-complaint-heading = A complaint
avg-complaint = Do you disagree with how we handle your details? Please tell us first. You may also file a complaint with the Autoriteit Persoonsgegevens, the Dutch Data Protection Authority.
avg-complaint-link = File a complaint with the Autoriteit Persoonsgegevens

## Accessibility statement (/toegankelijkheid)
a11y-title = Accessibility statement
a11y-lead = { $operator } wants everyone to be able to use this website. Also if you see poorly, use a screen reader or only a keyboard. Here you can read how accessible the website is now. The statement follows the model of the Dutch government.
a11y-facts-heading = About this statement
a11y-organisation = Organisation
a11y-website = Website
a11y-standard = Standard
a11y-standard-value = WCAG 2.1 level A and AA (EN 301 549). We test against WCAG 2.2 level A and AA.
a11y-status = Status
a11y-date = Date of the statement
a11y-status-A = A: fully compliant
a11y-status-B = B: partially compliant
a11y-status-C = C: first measures taken
a11y-status-D = D: not compliant
a11y-status-E = E: no insight
a11y-status-explain-A = The website meets all requirements.
a11y-status-explain-B = The website meets some of the requirements. Below you can read what does not work well yet.
a11y-status-explain-C = We have taken the first steps. The website does not meet the requirements yet.
a11y-status-explain-D = The website does not meet the requirements yet.
a11y-status-explain-E = We do not know yet how accessible the website is.
a11y-method-heading = How did we examine this?
a11y-method-default = Our own examination. With every change we check the pages automatically with axe-core in Chromium, against WCAG 2.2 level A and AA. We also check by hand: on a screen 320 pixels wide, with only the keyboard and without JavaScript. No independent examination has been done yet.
a11y-known-heading = What does not work well yet?
a11y-known-default = The automatic checks find no problems now. But not everything has been examined by hand and with a screen reader. That is why the status is "partially compliant".
a11y-known-none = We know of no problems now.
a11y-issue-fix = We will fix this before { $date }.
a11y-contact-heading = Does something not work for you?
a11y-contact = Let us know. Say on which page it was and what did not work. Then we will look for a solution together. Email:

## Back office: accessibility statement (/beheer/toegankelijkheid)
statement-heading = Accessibility statement
statement-intro = Fill in this website's accessibility statement here, following the model of the Dutch government. Everyone can read it on the Accessibility page.
statement-status = Status
statement-status-help = How far does the website meet the requirements?
statement-date = Date of the statement
statement-date-help = For example 01-05-2026.
statement-method = How was the website examined?
statement-method-help = For example: own examination with axe-core in Chromium and a check by hand at 320 pixels wide.
statement-issues = Known problems
statement-issues-help = One problem per line. First write what is wrong, then a |, then the date by which it is fixed. For example: De kaart heeft geen tekst | 01-07-2026
statement-save = Save statement
statement-saved = The accessibility statement has been saved.
statement-error-date = Fill in a valid date, for example 01-05-2026.
statement-error-issue = Put each problem on a line of its own: first what is wrong, then a |, then a valid date. For example: De kaart heeft geen tekst | 01-07-2026
statement-link = Edit the accessibility statement
audit-action-accessibility_statement_changed = Accessibility statement changed
