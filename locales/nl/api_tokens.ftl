# Samenleren — beheer: API-sleutels. Nederlandse teksten (B1: korte zinnen, gewone woorden).

# API-sleutels (/account/api-sleutels, /beheer/api-sleutels)
tokens-heading = API-sleutels
tokens-intro-member = Met een API-sleutel kan een ander programma jouw bijeenkomsten, je antwoorden en je kwesties lezen in de leerateliers waar je lid van bent. Bijvoorbeeld je eigen agenda-app. Het programma kan niets veranderen. Ben je geen lid meer van een atelier? Dan ziet de sleutel daar ook niets meer van.
tokens-intro = Met een API-sleutel kan een ander programma jouw activiteiten en aanmeldingen lezen en wijzigen, zoals jij dat hier in Beheer doet. Bijvoorbeeld het cursussysteem van je organisatie. De sleutel werkt voor alle organisaties waarvan jij organisator bent.
tokens-how = Het programma stuurt de sleutel mee als "Authorization: Bearer" en de sleutel. Wat het programma kan doen, staat in de
tokens-docs = beschrijving van de API (OpenAPI).
tokens-created = Je nieuwe API-sleutel
tokens-created-once = Kopieer de sleutel nu en bewaar hem veilig. Je ziet hem hier maar één keer. Kwijt? Trek hem in en maak een nieuwe.
tokens-list = Jouw sleutels
tokens-none = Je hebt nog geen API-sleutels.
tokens-col-name = Naam
tokens-col-created = Gemaakt
tokens-col-used = Laatst gebruikt
tokens-col-status = Status
tokens-col-action = Actie
tokens-never-used = Nog niet
tokens-active = Werkt
tokens-revoked-on = Ingetrokken op { $date }
tokens-revoke = Intrekken
tokens-new = Nieuwe sleutel maken
tokens-name = Naam van de sleutel
tokens-name-help = Waarvoor gebruik je hem? Bijvoorbeeld: koppeling met ons cursussysteem.
tokens-create = Sleutel maken
tokens-error-name-required = Geef de sleutel een naam.
tokens-error-too-many = Je hebt al { $max } sleutels die werken. Trek er eerst een in.
tokens-notice-revoked = De sleutel is ingetrokken. Hij werkt niet meer.
