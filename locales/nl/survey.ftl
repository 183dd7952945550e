# De inventarisatie van thema's: een ronde, voorstellen, stemmen, uitslag en besluit.

survey-heading = Inventarisatie
survey-rounds-heading = Inventarisaties
survey-rounds-none = Er zijn nog geen inventarisaties.
survey-new = Nieuwe inventarisatie
survey-for = Voor wie
survey-why = Waarom deze inventarisatie
survey-dates = Open van { $opens } tot en met { $closes }
survey-votes-per-person = Iedereen mag { $votes } { $votes ->
    [one] stem
   *[other] stemmen
} uitbrengen.
survey-organiser = Georganiseerd door { $organisation }
survey-phase-not-yet = Deze inventarisatie is nog niet open.
survey-phase-open = Deze inventarisatie is open. Stel een thema voor of stem op thema's.
survey-phase-closed = Deze inventarisatie is gesloten.
survey-results-later = De uitslag komt hier als de organisator die openbaar maakt.
survey-status-draft = Nog niet open
survey-status-open = Open
survey-status-closed = Gesloten

survey-proposals-heading = Voorgestelde thema's
survey-proposals-none = Er zijn nog geen thema's voorgesteld.
survey-proposal-want = Wat ik wil leren
survey-proposal-why-now = Waarom nu
survey-proposal-votes = { $votes } { $votes ->
    [one] stem
   *[other] stemmen
}
survey-proposal-merged = Samengevoegd met "{ $title }". Stemmen tellen mee voor dat thema.
survey-proposal-declined = Niet meegenomen. Reden: { $reason }
survey-proposal-reworded = De organisator heeft dit voorstel anders verwoord. De oorspronkelijke tekst:
survey-proposal-chosen = Gekozen
survey-other-heading = Samengevoegde en niet meegenomen voorstellen

survey-vote-heading = Stemmen
survey-vote-intro = Kies de thema's waar je meer over wilt leren. Je kunt je stemmen veranderen tot de inventarisatie sluit.
survey-vote-as = Je stemt met je account ({ $email }). Je stem telt meteen.
survey-vote-by-email = Je krijgt een e-mail met een link. Je stem telt als je op die link klikt.
survey-your-votes = Je hebt nu gestemd op: { $themes }
survey-field-proposals = Thema's (hoogstens { $votes })
survey-field-email = E-mailadres
survey-field-email-help = We gebruiken je e-mailadres alleen voor deze inventarisatie.
survey-about-you = Over jezelf (niet verplicht)
survey-about-you-help = Deze antwoorden bewaren we zoals ze nu zijn. We laten ze alleen zien in groepen van minstens { $threshold } mensen.
survey-field-role = Wat voor werk doe je?
survey-field-region = In welke provincie werk je?
survey-field-years = Hoeveel jaar werk je in het vak?
survey-field-notify = Stuur mij één e-mail als er een activiteit komt over een thema waarop ik stem.
survey-vote-button = Stem uitbrengen

survey-propose-heading = Een thema voorstellen
survey-field-title = Thema
survey-field-want = Wat wil je leren?
survey-field-why_now = Waarom is dit nu belangrijk?
survey-field-author-email = Je e-mailadres
survey-field-author-email-help = Zo kan de organisator je laten weten wat er met je voorstel gebeurt.
survey-propose-button = Thema voorstellen

survey-notice-proposed = Dank je. Je thema staat erbij.
survey-notice-voted = Je stem is geteld.
survey-notice-check-mail = Bijna klaar. We hebben je een e-mail gestuurd. Klik op de link in die e-mail, dan telt je stem.
survey-notice-confirmed = Dank je. Je stem is geteld.

survey-confirm-heading = Je stem bevestigen
survey-confirm-text = Klik op de knop om je stem te laten tellen.
survey-confirm-button = Mijn stem bevestigen
survey-confirm-used = Deze link is al gebruikt. Je stem was al geteld. Wil je je stem veranderen? Stem dan opnieuw op de pagina van de inventarisatie.
survey-confirm-expired = Deze link is verlopen. Stem opnieuw op de pagina van de inventarisatie, dan krijg je een nieuwe link.
survey-confirm-unknown = Deze link kennen we niet. Kijk of je de hele link hebt gekopieerd.
survey-confirm-stale = De pagina was te lang open. Je stem is nog niet geteld. Open de pagina opnieuw en druk nog een keer op de knop.
survey-confirm-again = Opnieuw proberen
survey-confirm-back = Naar de inventarisatie
survey-confirm-back-to = Naar de inventarisatie: { $round }

# Op de startpagina: de inventarisaties die nu open zijn
survey-home-heading = Denk mee: waar wil jij meer over leren?
survey-home-intro = Deze inventarisaties zijn nu open. Stel een thema voor of stem op thema's. Je hebt er geen account voor nodig.
survey-home-item = { $organisation }, open tot en met { $closes }

survey-role-opbouwwerker = Opbouwwerker
survey-role-sociaalwerker = Sociaal werker
survey-role-coordinator = Coördinator of leidinggevende
survey-role-beleid = Beleid of onderzoek
survey-role-student = Student
survey-role-anders = Iets anders
survey-region-groningen = Groningen
survey-region-friesland = Friesland
survey-region-drenthe = Drenthe
survey-region-overijssel = Overijssel
survey-region-flevoland = Flevoland
survey-region-gelderland = Gelderland
survey-region-utrecht = Utrecht
survey-region-noord-holland = Noord-Holland
survey-region-zuid-holland = Zuid-Holland
survey-region-zeeland = Zeeland
survey-region-noord-brabant = Noord-Brabant
survey-region-limburg = Limburg
survey-band = { $band } jaar
survey-unanswered = Niet ingevuld

survey-results-heading = Uitslag
survey-results-voters = { $voters } { $voters ->
    [one] persoon heeft
   *[other] mensen hebben
} gestemd.
survey-results-threshold = We laten een aantal per groep alleen zien als het om minstens { $threshold } mensen gaat. Staat er "minder dan { $threshold }"? Dan tonen we het aantal niet, zodat niemand te herkennen is.
survey-results-hidden = minder dan { $threshold }
survey-results-themes = Stemmen per thema
survey-results-by-role = Per soort werk
survey-results-by-region = Per provincie
survey-results-by-band = Per aantal jaren in het vak
survey-results-table-note = Dezelfde cijfers staan in de tabel hieronder.
survey-results-theme = Thema
survey-results-count = Stemmen
survey-decision-heading = Besluit
survey-chosen-heading = Gekozen thema's
survey-chosen-activity = Activiteit: { $title }

survey-error-title-required = Vul een titel in.
survey-error-why-required = Schrijf waarom je deze inventarisatie houdt.
survey-error-audience-required = Vul in voor wie deze inventarisatie is.
survey-error-closes-before-opens = De einddatum moet na de begindatum liggen.
survey-error-votes-per-person = Kies een aantal stemmen van 1 tot en met 10.
survey-error-proposal-title = Geef je thema een titel.
survey-error-proposal-want = Schrijf wat je wilt leren.
survey-error-proposal-why-now = Schrijf waarom dit nu belangrijk is.
survey-error-reason-required = Schrijf waarom je dit voorstel niet meeneemt. De indiener ziet deze reden.
survey-error-decision-required = Schrijf het besluit op.
survey-error-email-required = Vul je e-mailadres in.
survey-error-email-invalid = Dit e-mailadres klopt niet. Kijk of je het goed hebt getypt.
survey-error-choose-one = Kies minstens één thema.
survey-error-too-many-votes = Je hebt te veel thema's gekozen. Kies er minder.
survey-error-proposal-merged = Een thema dat je koos is samengevoegd met een ander thema. Kies opnieuw.
survey-error-proposal-declined = Een thema dat je koos is niet meegenomen. Kies een ander thema.
survey-error-unknown-proposal = Dit thema kennen we niet. Kies een thema uit de lijst.
survey-error-role = Kies een soort werk uit de lijst.
survey-error-region = Kies een provincie uit de lijst.
survey-error-years = Vul een heel aantal jaren in, van 0 tot en met 60.
survey-error-merge-self = Kies een ander voorstel om mee samen te voegen.
survey-error-merge-not-open = Dit kan alleen met voorstellen die nog open zijn.
survey-error-closed = Deze inventarisatie is gesloten. Je kunt niet meer stemmen of voorstellen.

# Beheer
survey-bo-new-heading = Nieuwe inventarisatie voor { $organisation }
survey-bo-field-title = Titel
survey-bo-field-why = Waarom houd je deze inventarisatie?
survey-bo-field-audience = Voor wie is deze inventarisatie?
survey-bo-field-opens_on = Eerste dag
survey-bo-field-closes_on = Laatste dag
survey-bo-field-votes_per_person = Aantal stemmen per persoon
survey-bo-field-results_public = Maak de uitslag openbaar als de inventarisatie gesloten is
survey-bo-create = Inventarisatie maken
survey-bo-save = Opslaan
survey-bo-open = Openen
survey-bo-close = Sluiten
survey-bo-public-page = Openbare pagina
survey-bo-status = Status: { $status }
survey-bo-status-heading = Openen en sluiten
survey-bo-moderation-heading = Voorstellen beoordelen
survey-bo-merge = Samenvoegen met
survey-bo-merge-button = Samenvoegen
survey-bo-reword = Anders verwoorden
survey-bo-reword-button = Verwoording opslaan
survey-bo-decline-reason = Reden (de indiener ziet deze)
survey-bo-decline-button = Niet meenemen
survey-bo-export-csv = Uitslag als CSV
survey-bo-export-xlsx = Uitslag als Excel-bestand
survey-bo-decision-heading = Besluit en gekozen thema's
survey-bo-field-decision = Besluit (bijvoorbeeld: besproken met 20 opbouwwerkers op 15 maart)
survey-bo-field-chosen = Gekozen thema's
survey-bo-decide-button = Besluit opslaan
survey-bo-make-activity = Maak een leercafé van dit thema
survey-bo-made-activity = Leercafé: { $title } ({ $status })
survey-bo-notice-created = De inventarisatie is gemaakt. Open hem als je klaar bent.
survey-bo-notice-saved = Opgeslagen.
survey-bo-notice-opened = De inventarisatie is open.
survey-bo-notice-closed = De inventarisatie is gesloten.
survey-bo-notice-merged = De voorstellen zijn samengevoegd. De stemmen tellen nu voor één thema.
survey-bo-notice-reworded = De nieuwe verwoording is opgeslagen. De tekst van de indiener blijft bewaard.
survey-bo-notice-declined = Het voorstel is niet meegenomen. De indiener ziet de reden.
survey-bo-notice-decided = Het besluit is opgeslagen.
survey-bo-refused = Dit kan niet.
survey-activity-origin = Gekozen in de inventarisatie van { $round }
survey-activity-origin-link = Bekijk de uitslag van de inventarisatie

mail-subject-survey_confirm = Bevestig je stem voor { $round }
mail-body-survey_confirm = Je hebt gestemd in de inventarisatie { $round }. Klik op de knop om je stem te laten tellen. De link werkt { $days } dagen.
mail-action-survey_confirm = Mijn stem bevestigen
mail-subject-survey_chosen = Er is een activiteit over een thema waarop je stemde
mail-body-survey_chosen = Je stemde in de inventarisatie { $round }. Van een thema waarop je stemde is nu een activiteit gemaakt: { $title }.
mail-action-survey_chosen = Bekijk de activiteit
mail-survey-themes = Je koos
mail-survey-activity = Activiteit
mail-footer-survey = Je krijgt deze e-mail omdat je meedeed aan een inventarisatie in Samenleren.

audit-action-survey_created = Inventarisatie gemaakt
audit-action-survey_changed = Inventarisatie gewijzigd
audit-action-survey_status = Inventarisatie geopend of gesloten
audit-action-survey_proposal_reworded = Voorstel anders verwoord
audit-action-survey_proposal_declined = Voorstel niet meegenomen
audit-action-survey_proposals_merged = Voorstellen samengevoegd
audit-action-survey_chosen = Thema's gekozen
audit-action-survey_decided = Besluit over de inventarisatie vastgelegd
audit-action-survey_anonymised = Adressen van stemmers weggehaald (bewaartermijn voorbij)
