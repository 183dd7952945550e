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
