# Samenleren — kader van elke pagina, soorten, fouten, data. Nederlandse teksten (B1: korte zinnen, gewone woorden).

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
