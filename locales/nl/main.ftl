# Samenleren — Nederlandse teksten (taalniveau B1: korte zinnen, gewone woorden).

## Kader van elke pagina
skip-to-content = Naar de inhoud
language-label = Taal
nav-label = Hoofdmenu
nav-home = Home
nav-catalog = Activiteiten
nav-themes = Thema's
nav-organisations = Organisaties
nav-accessibility = Toegankelijkheid
switch-language = English
footer-about = Samenleren: samen leren over samenlevingsopbouw. Leercafés, leerateliers en keuzemodules op één plek.
footer-calendar = Agenda (iCalendar)
footer-api = API voor koppelingen
breadcrumb-label = Kruimelpad

## Soorten activiteit
kind-cafe = Leercafé
kind-atelier = Leeratelier
kind-module = Keuzemodule

## Home
home-title = Samen leren over samenlevingsopbouw
home-lead = Voor iedereen die werkt aan samenlevingsopbouw: opbouwwerkers, wijkteams, gemeenten, corporaties, docenten en studenten. Kies een leercafé, doe mee met een leeratelier of volg een keuzemodule.
home-none = Er staat nu niets gepland.
home-heading-cafe = Leercafés
home-heading-atelier = Leerateliers
home-heading-module = Keuzemodules
home-intro-cafe = Een middag met sprekers, voorbeelden uit de praktijk en gesprekken in kleine groepen.
home-intro-atelier = Een groep vakgenoten die elke twee maanden samenkomt. Je brengt kennis mee en je neemt kennis mee.
home-intro-module = Korte trainingen over één onderwerp. Je kiest zelf welke je volgt.
home-more-cafe = { $count ->
    [one] Bekijk het leercafé
   *[other] Bekijk alle { $count } leercafés
}
home-more-atelier = { $count ->
    [one] Bekijk het leeratelier
   *[other] Bekijk alle { $count } leerateliers
}
home-more-module = { $count ->
    [one] Bekijk de keuzemodule
   *[other] Bekijk alle { $count } keuzemodules
}

## Activiteiten zoeken
catalog-title = Alle activiteiten
catalog-count = { $count ->
    [0] Geen activiteiten gevonden
    [one] 1 activiteit gevonden
   *[other] { $count } activiteiten gevonden
}
catalog-empty = Er zijn geen activiteiten die passen bij je keuze. Kies minder filters.
filter-label = Activiteiten filteren
filter-kind = Soort
filter-kind-all = Alle soorten
filter-theme = Thema
filter-theme-all = Alle thema's
filter-audience = Voor wie
filter-audience-all = Iedereen
filter-region = Regio
filter-region-all = Alle regio's
filter-month = Maand
filter-month-all = Alle maanden
filter-submit = Toon activiteiten
filter-reset = Alle filters weghalen
filter-ignored-intro = We konden niet alles uit je zoekopdracht gebruiken. Dit hebben we overgeslagen:
filter-ignored-kind = De soort “{ $value }” kennen we niet.
filter-ignored-theme = Het thema “{ $value }” kennen we niet.
filter-ignored-audience = De doelgroep “{ $value }” kennen we niet.
filter-ignored-region = De regio “{ $value }” kennen we niet.
filter-ignored-month = “{ $value }” is geen maand. Gebruik jaar en maand, bijvoorbeeld 2026-12.
filter-ignored-page = Pagina “{ $value }” bestaat niet. We tonen de eerste pagina.
pagination-label = Pagina's
pagination-page = Pagina { $number }
card-when-none = Datum volgt
card-when-series = { $date } (en daarna nog { $count } keer)

## Kenmerken
fact-when = Wanneer
fact-region = Regio
fact-date = Datum
fact-time = Tijd
fact-recurrence = Hoe vaak
fact-venue = Locatie
fact-venue-unknown = Volgt nog
fact-cost = Kosten
cost-unknown = Nog niet bekend
cost-free = Gratis
fact-time-investment = Tijd die het je kost
fact-capacity = Aantal plaatsen
fact-capacity-value = { $count } plaatsen
session-capacity = { $count } plaatsen bij deze bijeenkomst
fact-audience = Voor wie
fact-themes = Thema's
fact-organisations = Organisatie
fact-contact = Contact
time-range = { $from }–{ $to } uur

## Status van aanmelden
status-open = Aanmelden kan
places-left = { $count ->
    [one] Nog 1 plek vrij
   *[other] Nog { $count } plekken vrij
}
status-full = Vol
status-full-waitlist = Vol, wachtlijst open
status-opens = Aanmelden vanaf { $date }
status-message-opens = Aanmelden kan vanaf { $date } om { $time }.
status-closed = Aanmelden gesloten
status-cancelled = Gaat niet door
status-ended = Afgelopen
status-message-open-cafe = Er zijn nog plaatsen vrij. Je meldt je apart aan voor ieder leercafé.
status-message-open-atelier = Je kunt lid worden van dit leeratelier. Je doet mee op de manier die bij je past.
status-message-open-module = Er zijn nog plaatsen vrij in deze module.
status-message-full = Deze leerbijeenkomst zit vol. Aanmelden is helaas niet meer mogelijk.
status-message-full-waitlist = Alle plaatsen zijn bezet. Je kunt je nog op de wachtlijst zetten. Komt er een plek vrij, dan krijg je bericht.
status-message-closed = Aanmelden is nu niet mogelijk.
status-message-cancelled = Deze activiteit gaat niet door.
status-message-ended = Deze activiteit is voorbij.

## Pagina van een activiteit
activity-registration = Aanmelden
activity-practical = Praktische informatie
activity-about = Over deze activiteit
activity-program = Programma
activity-speakers = Sprekers
activity-facilitators = Kartrekkers
activity-participation = Zo doe je mee
activity-venue = Locatie en route
activity-sessions = Alle data
activity-prerequisites = Voorkennis en vervolg
activity-requires = Volg eerst:
activity-followed-by = Daarna kun je verder met:
activity-links = Meer lezen
activity-add-to-calendar = Zet in je agenda (.ics)
activity-count = { $count ->
    [one] 1 activiteit
   *[other] { $count } activiteiten
}
program-time = Tijd
program-item = Onderdeel
program-no-time = Tijd volgt
venue-route-car = Met de auto
venue-route-transit = Met het openbaar vervoer
venue-accessibility = Toegankelijkheid
venue-accessibility-unknown = Nog niet bekend. Vraag het de organisatie.

## Thema's, organisaties, mensen
themes-title = Thema's
themes-intro = Onderwerpen waar professionals meer over willen leren. Kies een thema en zie welke activiteiten erbij horen.
theme-kicker = Thema
theme-activities = Activiteiten over dit thema
theme-calendar = Agenda
theme-calendar-link = Alle data van dit thema in je agenda (.ics)
organisations-title = Organisaties
organisations-intro = Deze organisaties bieden activiteiten aan.
organisation-kind-kennisinstituut = Kennisinstituut
organisation-kind-welzijnsorganisatie = Welzijnsorganisatie
organisation-kind-lectoraat = Lectoraat
organisation-kind-anders = Organisatie
organisation-city = Plaats
organisation-website = Website
organisation-activities = Activiteiten van deze organisatie
person-kicker = Persoon
person-affiliation = Werkt bij
person-email = E-mail
person-phone = Telefoon
person-activities = Activiteiten

## Toegankelijkheid
a11y-title = Toegankelijkheid
a11y-lead = Iedereen moet Samenleren kunnen gebruiken. Ook als je slecht ziet, een schermlezer gebruikt of alleen een toetsenbord.
a11y-standard-heading = Aan welke eisen voldoen we?
a11y-standard = We bouwen Samenleren volgens de WCAG 2.2, niveau AA. Dat is de eis voor websites van de overheid. Bij elke wijziging testen we de pagina's automatisch met axe in een echte browser.
a11y-how-heading = Wat hebben we gedaan?
a11y-how-1 = Alle pagina's werken zonder JavaScript.
a11y-how-2 = Je kunt alles met het toetsenbord bedienen. Met "Naar de inhoud" sla je het menu over.
a11y-how-3 = Teksten en knoppen hebben genoeg contrast. Je kunt de tekst groter maken zonder dat iets wegvalt.
a11y-how-4 = We schrijven in duidelijke taal (B1).
a11y-known-heading = Wat werkt nog niet goed?
a11y-known = We kennen nu geen problemen. Vind jij er een? Laat het ons weten.
a11y-contact-heading = Iets gevonden?
a11y-contact = Werkt iets niet voor jou? Neem contact op met de organisatie van de activiteit. Zij geven het aan ons door, en we lossen het zo snel mogelijk op.

## Foutpagina's
error-go-home = Naar de startpagina
error-go-catalog = Alle activiteiten bekijken
error-404-title = Deze pagina bestaat niet
error-404-message = We kunnen deze pagina niet vinden. Misschien is de activiteit verplaatst of is de link niet goed.
error-405-title = Dit kan niet
error-405-message = Deze pagina werkt niet op deze manier. Ga terug en probeer het opnieuw.
error-414-title = Het adres is te lang
error-414-message = Het adres van deze pagina is te lang. Kies minder filters of begin opnieuw.
error-400-title = Dit begrijpen we niet
error-400-message = We konden je verzoek niet lezen. Ga terug en probeer het opnieuw.
error-413-title = Dit is te veel
error-413-message = Wat je hebt ingevuld is te lang. Ga terug, maak je tekst korter en probeer het opnieuw.
error-500-title = Er ging iets mis
error-500-message = Er ging bij ons iets mis. Het ligt niet aan jou. Probeer het later opnieuw.
error-503-title = Even niet beschikbaar
error-503-message = Het is nu te druk of we zijn bezig met onderhoud. Probeer het over een paar minuten opnieuw.

## Dagen en maanden
weekday-1 = maandag
weekday-2 = dinsdag
weekday-3 = woensdag
weekday-4 = donderdag
weekday-5 = vrijdag
weekday-6 = zaterdag
weekday-7 = zondag
month-1 = januari
month-2 = februari
month-3 = maart
month-4 = april
month-5 = mei
month-6 = juni
month-7 = juli
month-8 = augustus
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december
month-short-1 = jan.
month-short-2 = feb.
month-short-3 = mrt.
month-short-4 = apr.
month-short-5 = mei
month-short-6 = jun.
month-short-7 = jul.
month-short-8 = aug.
month-short-9 = sep.
month-short-10 = okt.
month-short-11 = nov.
month-short-12 = dec.

## E-mail
mail-greeting = Beste { $name },
mail-greeting-organiser = Beste organisator,
mail-when = Wanneer
mail-where = Waar
mail-manage = Bekijk of wijzig je aanmelding
mail-accept = Bevestig je plaats
mail-open-activity = Bekijk de activiteit
mail-calendar-attached = In de bijlage staat een agenda-bestand. Open het om de afspraak in je agenda te zetten.
mail-footer = Je krijgt deze e-mail van Samenleren over { $title }.
mail-subject-confirmation = Je bent aangemeld: { $title }
mail-body-confirmation = Je hebt een plaats bij { $title }. Fijn dat je komt!
mail-subject-waitlisted = Je staat op de wachtlijst: { $title }
mail-body-waitlisted = { $title } is vol. Je staat op de wachtlijst, op plaats { $position }. Komt er een plaats vrij, dan krijg je meteen bericht.
mail-subject-promoted = Er is een plaats vrij voor je: { $title }
mail-body-promoted = Goed nieuws: er is een plaats vrijgekomen bij { $title }. Je bent nu aangemeld.
mail-subject-offer = Er is een plaats voor je: { $title }
mail-body-offer = Er is een plaats vrijgekomen bij { $title }. We houden deze plaats voor je vast tot { $until }. Wil je komen? Bevestig dan je plaats met de knop hieronder. Doe je niets, dan gaat de plaats naar de volgende persoon op de wachtlijst.
mail-subject-offer_expired = Je plaats is vervallen: { $title }
mail-body-offer_expired = Je hebt de plaats bij { $title } niet op tijd bevestigd. Daarom is de plaats naar de volgende persoon op de wachtlijst gegaan.
mail-subject-cancelled = Je bent afgemeld: { $title }
mail-body-cancelled = Je bent afgemeld voor { $title }. Jammer dat je er niet bij bent. Wil je toch komen? Meld je dan opnieuw aan, als er nog plaats is.
mail-subject-manage_link = Je was al aangemeld: { $title }
mail-body-manage_link = Iemand heeft zich met dit e-mailadres opnieuw aangemeld voor { $title }. Je was al aangemeld. Er is dus niets veranderd. Met de link hieronder kun je je aanmelding bekijken of wijzigen. Was jij dit niet? Dan kun je deze e-mail negeren.
mail-subject-reminder = Herinnering: { $title } op { $date }
mail-body-reminder = Over een paar dagen is het zover: { $title }. Hieronder staan de tijd en de plek. Kun je toch niet? Meld je dan af. Dan kan iemand anders je plaats krijgen.
mail-subject-organiser_full = Vol: { $title }
mail-body-organiser_full = Alle { $capacity } plaatsen van { $title } zijn bezet. Nieuwe aanmeldingen komen op de wachtlijst, als die aan staat.

## Aanmelden
activity-register = Aanmelden
activity-register-waitlist = Op de wachtlijst
form-title = Aanmelden: { $title }
form-heading = Aanmelden voor
form-breadcrumb = Aanmelden
form-intro = Vul je gegevens in. Velden zonder “(niet verplicht)” zijn verplicht. Je krijgt daarna een e-mail met alle informatie.
form-legend = Je gegevens
form-optional = niet verplicht
form-choose = Maak een keuze
form-name = Naam
form-email = E-mailadres
form-email-help = Hierheen sturen we de bevestiging en een link om je aanmelding te wijzigen.
form-organisation = Organisatie
form-role = Functie
form-role-other-option = Anders
form-role-other = Andere functie
form-role-other-help = Vul dit in als je bij Functie “Anders” kiest.
form-region = Regio
form-region-none = Geen regio
form-honeypot = Laat dit veld leeg
form-consent = Ik ga akkoord met het gebruik van mijn gegevens voor deze aanmelding.
form-privacy-link = Lees hoe we met je gegevens omgaan (privacyverklaring)
form-submit = Aanmelden
form-back = Terug naar de activiteit
form-errors-heading = Controleer het formulier
form-expired = Het formulier was verlopen. Je gegevens staan er nog. Kijk ze na en verstuur het formulier opnieuw.
form-unavailable = Aanmelden is nu niet mogelijk. Bekijk de activiteit voor meer informatie.
error-required = Vul dit veld in.
error-name-required = Vul je naam in.
error-email-required = Vul je e-mailadres in.
error-email = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.
error-too-long = Dit is te lang. Maak de tekst korter.
error-control-characters = Hier staan tekens in die we niet kunnen gebruiken. Typ de tekst opnieuw.
error-choice = Kies een van de mogelijkheden uit de lijst.
error-role-required = Kies je functie.
error-consent = Geef toestemming voor het gebruik van je gegevens. Anders kunnen we je niet aanmelden.
registered-title = Bedankt voor je aanmelding
registered-received = We hebben je aanmelding ontvangen voor
registered-email = We sturen een e-mail naar { $email }. Daarin staat of je een plaats hebt of op de wachtlijst staat. Ook staat er een link in om je aanmelding te bekijken, te wijzigen of af te melden.
registered-no-email = Geen e-mail gekregen? Kijk dan ook in je map met ongewenste e-mail.
rate-text = Even wachten: vanaf jouw adres zijn veel aanmeldingen tegelijk verstuurd. Je gegevens staan er nog. Verstuur het formulier over { $seconds } seconden opnieuw.
manage-title = Je aanmelding
manage-confirmed = Je bent aangemeld
manage-confirmed-text = Je hebt een plaats bij { $title }.
manage-waitlisted = Je staat op de wachtlijst
manage-waitlisted-text = Je staat op plaats { $position } van de wachtlijst voor { $title }. Komt er een plaats vrij, dan krijg je een e-mail.
manage-offered = Er is een plaats voor je
manage-offered-text = Er is een plaats vrij bij { $title }. We houden die voor je vast tot { $until }. Bevestig je plaats met de knop hieronder.
manage-cancelled = Je bent afgemeld
manage-cancelled-text = Je bent afgemeld voor { $title }.
manage-no-show = Je was er niet
manage-no-show-text = Je stond aangemeld voor { $title }, maar je was er niet.
manage-accept = Ja, ik kom: bevestig mijn plaats
manage-change-heading = Gegevens wijzigen
manage-save = Wijzigingen opslaan
manage-cancel-text = Kun je niet komen? Meld je dan af. Dan kan iemand anders je plaats krijgen.
manage-cancel = Afmelden
manage-not-editable = Deze aanmelding kun je niet meer wijzigen.
manage-notice-saved = Je wijzigingen zijn opgeslagen.
manage-notice-cancelled = Je bent afgemeld. We hebben je een e-mail gestuurd.
manage-notice-accepted = Je plaats is bevestigd. We hebben je een e-mail gestuurd.
manage-notice-expired = Het aanbod was verlopen. De plaats is naar de volgende persoon op de wachtlijst gegaan.
cancel-title = Afmelden
cancel-question = Wil je je echt afmelden voor
cancel-consequence = Je plaats gaat dan naar iemand anders. Dit kun je niet ongedaan maken.
cancel-confirm = Ja, meld mij af
cancel-keep = Nee, ik blijf aangemeld
privacy-title = Privacyverklaring
privacy-lead = Als je je aanmeldt voor een activiteit, gebruiken we je gegevens. Hier lees je welke gegevens, waarvoor en hoe lang.
privacy-what-heading = Welke gegevens
privacy-what = Je naam, e-mailadres, organisatie, functie, regio (als je die invult) en je antwoorden op de vragen van de activiteit.
privacy-why-heading = Waarvoor
privacy-why = Om je aan te melden, je e-mails over de activiteit te sturen en de organisator te laten weten wie er komt. We gebruiken je gegevens niet voor reclame.
privacy-who-heading = Wie ze ziet
privacy-who = Alleen de organisatoren van de activiteit. We geven je gegevens niet aan anderen.
privacy-how-long-heading = Hoe lang
privacy-how-long = Tot een jaar na de activiteit. Daarna maken we je gegevens onherkenbaar.
privacy-rights-heading = Je rechten
privacy-rights = Je kunt je gegevens altijd bekijken en wijzigen via de link in je e-mail. Wil je dat we je gegevens verwijderen? Neem dan contact op met de organisator van de activiteit.
footer-privacy = Privacy

link-unknown-title = Deze link werkt niet
link-unknown-text = We kunnen geen aanmelding vinden bij deze link. Misschien is de link niet helemaal gekopieerd uit de e-mail. Open de link nog eens vanuit de e-mail, of meld je opnieuw aan.
link-unknown-back = Naar alle activiteiten

## Accounts and sign-in
nav-account = Mijn account
account-nav-label = Account en taal
error-403-title = Dit mag niet
error-403-message = Je hebt geen toegang tot deze pagina. Of het formulier was verlopen. Ga terug, laad de pagina opnieuw en probeer het nog een keer.
sign-in-title = Inloggen
sign-in-intro = Vul je e-mailadres in. We sturen je een link. Met die link log je in. Je hebt geen wachtwoord nodig.
sign-in-email = E-mailadres
sign-in-email-help = Heb je nog geen account? Dan maken we er een voor je als je op de link klikt.
sign-in-send-link = Stuur mij een link
sign-in-password-heading = Inloggen met een wachtwoord
sign-in-password-intro = Heb je in je account een wachtwoord ingesteld? Dan kun je hier ook inloggen met je wachtwoord.
sign-in-password = Wachtwoord
sign-in-button = Inloggen
sign-in-wrong = Inloggen lukt niet. Het e-mailadres of het wachtwoord klopt niet, of er is te vaak een verkeerd wachtwoord gebruikt. Dan kan het pas na 15 minuten weer. Met een link lukt inloggen wel meteen.
sign-in-sent-title = Kijk in je e-mail
sign-in-sent-text = Als { $email } een goed adres is, krijg je binnen een paar minuten een e-mail met een link om in te loggen. De link werkt één keer en een half uur lang.
sign-in-sent-help = Geen e-mail gekregen? Kijk ook in je map met ongewenste e-mail. Je kunt binnen een half uur drie links aanvragen.
sign-in-link-title = Inloggen bij Samenleren
sign-in-link-text = Klik op de knop om in te loggen. De link werkt maar één keer.
sign-in-link-gone-title = Deze link werkt niet meer
sign-in-link-gone-text = De link is al gebruikt of is te oud. Vraag een nieuwe link aan.
sign-in-again = Naar inloggen
sign-in-notice-signed-out = Je bent uitgelogd.
sign-in-notice-signed-out-everywhere = Je bent op alle apparaten uitgelogd.
sign-in-notice-deleted = Je account is verwijderd.
invitation-title = Uitnodiging om te organiseren
invitation-text = Je bent uitgenodigd om activiteiten te organiseren bij Samenleren. Klik op de knop om de uitnodiging aan te nemen. Je bent dan meteen ingelogd.
invitation-button = Uitnodiging aannemen
invitation-gone-title = Deze uitnodiging werkt niet meer
invitation-gone-text = De uitnodiging is al gebruikt of is te oud. Vraag de organisator om een nieuwe uitnodiging.
password-too-short = Kies een wachtwoord van minstens 12 tekens.
password-too-long = Dit wachtwoord is te lang. Kies een korter wachtwoord.
password-mismatch = De twee wachtwoorden zijn niet hetzelfde. Typ ze opnieuw.
account-title = Mijn account
account-signed-in-as = Je bent ingelogd als { $email }.
account-to-back-office = Naar beheer
account-registrations = Mijn aanmeldingen
account-no-registrations = Je hebt nog geen aanmeldingen met dit e-mailadres.
account-col-activity = Activiteit
account-col-when = Wanneer
account-col-state = Status
account-col-manage = Bekijken of wijzigen
account-manage = Bekijken of wijzigen
account-state-confirmed = Aangemeld
account-state-waitlisted = Wachtlijst, plaats { $position }
account-state-offered = Plaats aangeboden
account-state-cancelled = Afgemeld
account-state-attended = Aanwezig geweest
account-state-no_show = Niet gekomen
account-profile = Mijn gegevens
account-name = Naam
account-lang = Voorkeurstaal
account-save = Opslaan
account-notice-saved = Je gegevens zijn opgeslagen.
account-password-heading = Wachtwoord
account-password-set = Je hebt een wachtwoord. Je kunt het hier veranderen.
account-password-none = Je logt in met een link per e-mail. Wil je ook met een wachtwoord kunnen inloggen? Stel het hier in.
account-password = Nieuw wachtwoord
account-password-help = Minstens 12 tekens. Een zin van een paar woorden is makkelijk te onthouden.
account-password-repeat = Typ het wachtwoord nog een keer
account-password-save = Wachtwoord opslaan
account-password-remove = Wachtwoord weghalen
account-notice-password = Je wachtwoord is opgeslagen.
account-notice-password-removed = Je wachtwoord is weggehaald. Je logt nu in met een link.
account-sign-out-heading = Uitloggen
account-sign-out = Uitloggen
account-sign-out-everywhere = Uitloggen op alle apparaten
account-data-heading = Jouw gegevens
account-data-text = Je kunt alles wat we van je bewaren downloaden. Je kunt ook je account verwijderen.
account-data-download = Download mijn gegevens (JSON)
account-delete = Mijn account verwijderen
delete-title = Account verwijderen
delete-text = Weet je het zeker? Je account wordt meteen verwijderd. Je bent dan overal uitgelogd.
delete-registrations = Je aanmeldingen blijven bestaan. Je kunt ze nog steeds bekijken en afmelden met de link in je bevestigingsmail.
delete-button = Ja, verwijder mijn account
delete-back = Nee, terug
mail-greeting-plain = Hallo,
mail-not-you = Heb je dit niet gevraagd? Dan kun je deze e-mail negeren.
mail-footer-account = Je krijgt deze e-mail van Samenleren.
mail-subject-sign_in = Je link om in te loggen bij Samenleren
mail-body-sign_in = Gebruik de link hieronder om in te loggen. De link werkt één keer en { $minutes } minuten lang.
mail-action-sign_in = Inloggen
mail-subject-invitation = Uitnodiging: organiseer mee bij { $organisation }
mail-body-invitation = Je bent uitgenodigd om activiteiten van { $organisation } te organiseren bij Samenleren. Gebruik de link hieronder om de uitnodiging aan te nemen. De uitnodiging werkt { $days } dagen.
mail-action-invitation = Uitnodiging aannemen

## Back office
bo-title = Beheer
bo-intro = Hier beheer je de activiteiten van je organisatie.
bo-organisations = Organisaties
bo-no-organisations = Er zijn nog geen organisaties.
bo-to-account = Naar mijn account
bo-activities = Activiteiten
bo-no-activities = Deze organisatie heeft nog geen activiteiten.
bo-col-title = Titel
bo-col-kind = Soort
bo-col-when = Wanneer
bo-col-status = Status
bo-col-places = Plaatsen
bo-no-date = Nog geen datum
bo-places-of = { $confirmed } van { $capacity } bezet, { $waitlist } op de wachtlijst
bo-places-open = { $confirmed } aangemeld, { $waitlist } op de wachtlijst
bo-status-draft = Concept
bo-status-published = Gepubliceerd
bo-status-cancelled = Geannuleerd
bo-status-archived = Gearchiveerd
bo-organisers = Organisatoren
bo-no-organisers = Er zijn nog geen organisatoren.
bo-open-invitations = Uitnodigingen die nog open staan
bo-invitation-until = { $email } (geldig tot { $date })
bo-invite-heading = Organisator uitnodigen
bo-invite-email = E-mailadres
bo-invite-help = Deze persoon krijgt een e-mail met een link. Met die link wordt hij of zij organisator van deze organisatie.
bo-invite-button = Uitnodiging sturen
bo-notice-invited = De uitnodiging is verstuurd.
bo-notice-already-member = Deze persoon is al organisator van deze organisatie.
bo-notice-organisation-created = De organisatie is aangemaakt. Nodig nu een organisator uit.
bo-org-new-title = Nieuwe organisatie
bo-org-name = Naam
bo-org-name-letters = Gebruik letters of cijfers in de naam.
bo-org-name-taken = Er is al een organisatie met deze naam.
bo-org-kind = Soort organisatie
bo-org-kind-kennisinstituut = Kennisinstituut
bo-org-kind-welzijnsorganisatie = Welzijnsorganisatie
bo-org-kind-lectoraat = Lectoraat
bo-org-kind-anders = Anders
bo-org-city = Plaats
bo-org-website = Website
bo-org-website-help = Begin met https:// of http://
bo-org-website-invalid = Vul een webadres in dat begint met https:// of http://
bo-org-create = Organisatie aanmaken

## Activity editor
editor-error-title-required = Vul een titel in.
editor-error-summary-required = Vul een korte beschrijving in.
editor-error-cost = Vul een bedrag in euro's in, bijvoorbeeld 12,50. Laat het leeg als je het niet weet. Vul 0 in als het gratis is.
editor-error-number = Vul een heel getal in, 1 of meer.
editor-error-datetime = Vul een datum en tijd in, bijvoorbeeld 3 december 2026 om 13:30.
editor-error-time-gap = Deze tijd bestaat niet: dan gaat de klok een uur vooruit. Kies een andere tijd.
editor-error-closes-before-opens = De aanmelding moet later sluiten dan ze opengaat.
editor-error-date-required = Vul een datum in.
editor-error-date = Vul een geldige datum in, bijvoorbeeld 03-12-2026.
editor-error-time-required = Vul een tijd in.
editor-error-time = Vul een geldige tijd in, bijvoorbeeld 13:30.
editor-error-end-before-start = De eindtijd moet na de begintijd liggen.
