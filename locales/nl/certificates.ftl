# Certificates of attendance: the PDF, the verification page, the back office and mail.

## The PDF
certificate-title = Bewijs van deelname
certificate-declares = Hierbij verklaren wij dat
certificate-took-part = heeft deelgenomen aan
certificate-dates = Datum
certificate-net-hours = Netto leertijd
certificate-hours-value = { $hours } uur
certificate-organiser = Organisatie
certificate-signed-for = Namens { $organiser }
certificate-issued-on = Uitgegeven op { $date }
certificate-verify = Controleer dit bewijs
certificate-number = Nummer { $code }
certificate-accreditation = Accreditatie
certificate-register = Register
certificate-category = Categorie
certificate-id-number = ID-nummer
certificate-points = Punten
