# Samenleren — home, zoeken, activiteiten, thema's. Nederlandse teksten (B1: korte zinnen, gewone woorden).

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
status-open-atelier = Nieuwe leden welkom
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
activity-registration-atelier = Meedoen
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

