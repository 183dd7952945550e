# Certificates of attendance: the PDF, the verification page, the back office and mail.

## The PDF
certificate-title = Certificate of attendance
certificate-declares = This is to certify that
certificate-took-part = took part in
certificate-dates = Date
certificate-net-hours = Net learning time
certificate-hours-value = { $hours } hours
certificate-organiser = Organiser
certificate-signed-for = On behalf of { $organiser }
certificate-issued-on = Issued on { $date }
certificate-verify = Check this certificate
certificate-number = Number { $code }
certificate-accreditation = Accreditation
certificate-register = Register
certificate-category = Category
certificate-id-number = ID number
certificate-points = Points
certificate-anonymised = No longer in anyone's name

## The email
mail-subject-certificate = Your certificate of attendance: { $title }
mail-body-certificate = You were there: { $title }. Your certificate of attendance is ready to download as a PDF. It carries a link anyone can use to check that it is genuine.
mail-certificate-download = Download your certificate (PDF)

## The verification page
verify-title = Check a certificate of attendance
verify-valid = This certificate is valid.
verify-valid-anonymised = This certificate is valid, but no longer in anyone's name. The participant's details have been removed.
verify-revoked = This certificate was revoked on { $date }. It is no longer valid.
verify-not-found-title = Certificate not found
verify-not-found-text = There is no certificate of attendance at this link. Check that the link was copied correctly, or ask the organiser for a new one.
verify-what-it-says = What the certificate says
verify-name = Name
verify-activity = Activity
verify-issued = Issued on
verify-number = Number
verify-badge = Open Badge (for a digital badge collection)

## The manage page and the account
certificate-yours = Your certificate of attendance
certificate-download = Download your certificate (PDF)
certificate-revoked-note = Your certificate of attendance was revoked on { $date }.
certificate-gone-title = No certificate of attendance
certificate-gone-text = There is no valid certificate of attendance for this registration.

## The back office
certificates-heading = Certificates of attendance
certificates-intro = Everyone who was checked in gets a certificate of attendance by email after the activity. You can also issue them all now in one go. What a certificate says is fixed when it is issued.
certificates-due = { $count ->
    [0] Every checked-in participant has a certificate.
    [one] 1 checked-in participant has no certificate yet.
   *[other] { $count } checked-in participants have no certificate yet.
}
certificates-issue = Issue certificates
certificates-issued = { $count ->
    [0] There were no new certificates to issue.
    [one] 1 certificate issued and emailed.
   *[other] { $count } certificates issued and emailed.
}
certificates-list = Issued certificates
certificates-none = No certificates have been issued yet.
certificates-col-name = Name
certificates-col-number = Number
certificates-col-issued = Issued
certificates-col-status = Status
certificates-col-action = Action
certificates-status-valid = Valid
certificates-status-revoked = Revoked on { $date }
certificates-status-anonymised = Anonymised
certificates-check = Check
certificates-revoke = Revoke
certificates-revoke-heading = Revoke a certificate
certificates-revoke-intro = You are revoking the certificate of attendance of { $name } (number { $number }). Anyone who checks it will see that it was revoked, and when. Only the organisers see the reason.
certificates-reason = Reason
certificates-reason-help = For example: not present for the whole meeting. At most 500 characters.
certificates-reason-missing = Please give a reason.
certificates-reason-too-long = The reason is too long. Use at most 500 characters.
certificates-revoke-button = Revoke certificate
certificates-revoked = The certificate has been revoked.
certificates-already-revoked = This certificate was already revoked on { $date }. Nothing has changed.
audit-action-certificates_issued = Certificates of attendance issued
audit-action-certificate_revoked = Certificate of attendance revoked
certificates-back = Back to the certificates
