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
certificate-anonymised = Niet meer op naam

## The email
mail-subject-certificate = Je bewijs van deelname: { $title }
mail-body-certificate = Je was erbij: { $title }. Je bewijs van deelname staat klaar. Je kunt het downloaden als pdf. Op het bewijs staat een link waarmee iedereen kan controleren of het echt is.
mail-certificate-download = Download je bewijs (pdf)

## The verification page
verify-title = Bewijs van deelname controleren
verify-valid = Dit bewijs is geldig.
verify-valid-anonymised = Dit bewijs is geldig, maar staat niet meer op naam. De gegevens van de deelnemer zijn verwijderd.
verify-revoked = Dit bewijs is ingetrokken op { $date }. Het geldt niet meer.
verify-not-found-title = Bewijs niet gevonden
verify-not-found-text = Er is geen bewijs van deelname met deze link. Kijk of de link goed is overgenomen, of vraag de organisatie om een nieuwe link.
verify-what-it-says = Wat er op het bewijs staat
verify-name = Naam
verify-activity = Activiteit
verify-issued = Uitgegeven op
verify-number = Nummer
verify-badge = Open Badge (voor een digitale badge-verzameling)

## The manage page and the account
certificate-yours = Je bewijs van deelname
certificate-download = Download je bewijs (pdf)
certificate-revoked-note = Je bewijs van deelname is ingetrokken op { $date }.
certificate-gone-title = Geen bewijs van deelname
certificate-gone-text = Bij deze aanmelding hoort geen geldig bewijs van deelname.

## The back office
certificates-heading = Bewijzen van deelname
certificates-intro = Wie is ingecheckt, krijgt na afloop vanzelf een bewijs van deelname per e-mail. Je kunt de bewijzen ook nu in één keer uitgeven. De gegevens op een bewijs liggen vast op het moment van uitgeven.
certificates-due = { $count ->
    [0] Alle ingecheckte deelnemers hebben een bewijs.
    [one] 1 ingecheckte deelnemer heeft nog geen bewijs.
   *[other] { $count } ingecheckte deelnemers hebben nog geen bewijs.
}
certificates-issue = Bewijzen uitgeven
certificates-issued = { $count ->
    [0] Er waren geen nieuwe bewijzen uit te geven.
    [one] 1 bewijs uitgegeven en gemaild.
   *[other] { $count } bewijzen uitgegeven en gemaild.
}
certificates-list = Uitgegeven bewijzen
certificates-none = Er zijn nog geen bewijzen uitgegeven.
certificates-col-name = Naam
certificates-col-number = Nummer
certificates-col-issued = Uitgegeven
certificates-col-status = Status
certificates-col-action = Actie
certificates-status-valid = Geldig
certificates-status-revoked = Ingetrokken op { $date }
certificates-status-anonymised = Geanonimiseerd
certificates-check = Controleren
certificates-revoke = Intrekken
certificates-revoke-heading = Bewijs intrekken
certificates-revoke-intro = Je trekt het bewijs van deelname van { $name } in (nummer { $number }). Wie het bewijs controleert, ziet dan dat het is ingetrokken, met de datum. De reden ziet alleen de organisatie.
certificates-reason = Reden
certificates-reason-help = Bijvoorbeeld: niet de hele bijeenkomst aanwezig. Hoogstens 500 tekens.
certificates-reason-missing = Vul een reden in.
certificates-reason-too-long = De reden is te lang. Gebruik hoogstens 500 tekens.
certificates-revoke-button = Bewijs intrekken
certificates-revoked = Het bewijs is ingetrokken.
certificates-already-revoked = Dit bewijs is al ingetrokken op { $date }. Er is niets veranderd.
audit-action-certificates_issued = Bewijzen van deelname uitgegeven
audit-action-certificate_revoked = Bewijs van deelname ingetrokken
certificates-back = Terug naar de bewijzen
