# The operator's own texts: the privacy statement (AVG artikel 13) and the
# accessibility statement (model of the Rijksoverheid), with its back-office form.

## Privacyverklaring (/privacy)
privacy-title = Privacyverklaring
avg-lead = Op deze website kun je je aanmelden voor activiteiten en een account maken. Daarvoor gebruiken we je gegevens. Hier lees je wie daarvoor verantwoordelijk is, welke gegevens we bewaren, waarom en hoe lang, en wat je rechten zijn.
avg-placeholder = Let op: dit zijn voorbeeldgegevens. De beheerder van deze website heeft de naam en het adres van de organisatie nog niet ingevuld.
avg-controller-heading = Wie is verantwoordelijk?
avg-controller = { $operator } beheert deze website. { $operator } is verantwoordelijk voor wat er met je gegevens gebeurt (in de AVG heet dat de verwerkingsverantwoordelijke).
avg-name = Naam
avg-address = Adres
avg-email = E-mail
avg-website = Website
avg-contact-heading = Vragen over privacy
avg-contact = Heb je een vraag over je gegevens? Of wil je iets met je gegevens laten doen? Mail dan naar onze contactpersoon voor privacy:
avg-what-heading = Welke gegevens bewaren we?
avg-what-registration = Als je je aanmeldt: je naam, e-mailadres, organisatie, functie, regio (als je die invult) en je antwoorden op de vragen van de activiteit.
avg-what-attendance = Of je bij een bijeenkomst was (als de organisator je incheckt).
avg-what-account = Als je een account hebt: je e-mailadres, je naam, je taal, een versleuteld wachtwoord (als je dat kiest) en wanneer je hebt ingelogd.
avg-what-mail = De e-mails die we je sturen over je aanmelding.
avg-what-log = Als je organisator bent: wat je in het beheer verandert (een logboek).
avg-what-required = Zonder naam en e-mailadres kunnen we je niet aanmelden. De andere vragen hoef je alleen te beantwoorden als er niet "niet verplicht" bij staat.
avg-why-heading = Waarvoor gebruiken we ze, en waarom mag dat?
avg-why-register = Om je aan te melden en je e-mails over de activiteit te sturen: een bevestiging, een herinnering en wijzigingen. Dit mag omdat je er toestemming voor geeft met het vinkje op het formulier (AVG artikel 6 lid 1a). Je kunt die toestemming altijd intrekken: meld je af, of vraag ons je gegevens te verwijderen.
avg-why-organise = Om de organisatoren te laten weten wie er komt en wie er was. Dit mag omdat een organisator een activiteit goed moet kunnen regelen en verantwoorden (gerechtvaardigd belang, AVG artikel 6 lid 1f).
avg-why-account = Om je te laten inloggen en je aanmeldingen bij elkaar te zetten. Dit mag omdat je zelf een account maakt (toestemming, AVG artikel 6 lid 1a).
avg-why-log = Om bij te houden wie in het beheer iets heeft veranderd. Dit mag omdat we zo de gegevens beveiligen en fouten kunnen herstellen (gerechtvaardigd belang, AVG artikel 6 lid 1f).
avg-why-not = We gebruiken je gegevens niet voor reclame en we verkopen ze niet. Er is geen computer die automatisch besluiten over jou neemt.
avg-who-heading = Wie krijgt je gegevens?
avg-who = De organisatoren en kartrekkers van de activiteit waarvoor je je aanmeldt. E-mails gaan via de mailserver die { $operator } daarvoor gebruikt. Verder geven we je gegevens aan niemand, behalve als de wet dat verplicht.
avg-how-long-heading = Hoe lang bewaren we ze?
avg-how-long = { $months ->
    [one] Een maand
   *[other] { $months } maanden
} na de laatste bijeenkomst van een activiteit halen we de naam, het e-mailadres, de organisatie en de antwoorden van alle aanmeldingen weg. Dat gaat automatisch. Wat overblijft (aantallen, functies, aanwezigheid) zegt niets meer over wie het was.
avg-how-long-same = Alle organisaties op deze website houden deze termijn aan.
avg-how-long-other = Deze organisaties kozen een andere termijn:
avg-term = { $organisation }: { $months ->
    [one] 1 maand
   *[other] { $months } maanden
}
avg-how-long-shortest = Heeft een activiteit meer organisaties? Dan geldt de kortste termijn.
avg-how-long-account = Je account bewaren we tot je het zelf verwijdert. Inloglinks en uitnodigingen die verlopen zijn, halen we een dag later weg.
avg-cookies-heading = Cookies
avg-cookies = We gebruiken alleen cookies die nodig zijn: één om je ingelogd te houden en één om formulieren te beveiligen. We gebruiken geen cookies voor statistieken of reclame.
avg-rights-heading = Je rechten
avg-rights-intro = Het gaat om jouw gegevens. Daarom mag je:
avg-right-access = je gegevens inzien. Open de link in de e-mail over je aanmelding, of log in en download je gegevens op je accountpagina.
avg-right-correct = je gegevens laten verbeteren. Dat kun je zelf doen via de link in je e-mail of op je accountpagina.
avg-right-erase = je gegevens laten verwijderen. Meld je af, verwijder je account op je accountpagina, of vraag het ons.
avg-right-object = bezwaar maken tegen wat we doen op grond van gerechtvaardigd belang, of vragen dat we minder met je gegevens doen.
avg-right-portable = je gegevens meenemen. De download op je accountpagina is een bestand (JSON) dat andere programma's kunnen lezen.
avg-right-withdraw = je toestemming intrekken. Wat we eerder met je toestemming deden, blijft wel geldig.
avg-rights-account = Naar je accountpagina
avg-rights-how = Wil je iets vragen of laten doen? Mail naar { $email }. We antwoorden binnen een maand.
avg-complaint-heading = Een klacht
avg-complaint = Ben je het niet eens met hoe we met je gegevens omgaan? Laat het ons dan eerst weten. Je mag ook een klacht indienen bij de Autoriteit Persoonsgegevens.
avg-complaint-link = Klacht indienen bij de Autoriteit Persoonsgegevens

## Toegankelijkheidsverklaring (/toegankelijkheid)
a11y-title = Toegankelijkheidsverklaring
a11y-lead = { $operator } wil dat iedereen deze website kan gebruiken. Ook als je slecht ziet, een schermlezer gebruikt of alleen een toetsenbord. Hier lees je hoe toegankelijk de website nu is. De verklaring volgt het model van de Rijksoverheid.
a11y-facts-heading = Over deze verklaring
a11y-organisation = Organisatie
a11y-website = Website
a11y-standard = Norm
a11y-standard-value = WCAG 2.1 niveau A en AA (EN 301 549). We testen op WCAG 2.2 niveau A en AA.
a11y-status = Status
a11y-date = Datum van de verklaring
a11y-status-A = A: voldoet volledig
a11y-status-B = B: voldoet gedeeltelijk
a11y-status-C = C: eerste maatregelen genomen
a11y-status-D = D: voldoet niet
a11y-status-E = E: geen inzicht
a11y-status-explain-A = De website voldoet aan alle eisen.
a11y-status-explain-B = De website voldoet aan een deel van de eisen. Hieronder lees je wat nog niet goed werkt.
a11y-status-explain-C = We hebben de eerste stappen gezet. De website voldoet nog niet aan de eisen.
a11y-status-explain-D = De website voldoet nog niet aan de eisen.
a11y-status-explain-E = We weten nog niet hoe toegankelijk de website is.
a11y-method-heading = Hoe hebben we dit onderzocht?
a11y-method-default = Eigen onderzoek. Bij elke wijziging controleren we de pagina's automatisch met axe-core in Chromium, op WCAG 2.2 niveau A en AA. We controleren ook met de hand: op een scherm van 320 pixels breed, met alleen het toetsenbord en zonder JavaScript. Een onderzoek door een onafhankelijke partij is nog niet gedaan.
a11y-known-heading = Wat werkt nog niet goed?
a11y-known-default = De automatische controles vinden nu geen problemen. Maar niet alles is met de hand en met een schermlezer onderzocht. Daarom staat de status op "voldoet gedeeltelijk".
a11y-known-none = We kennen nu geen problemen.
a11y-issue-fix = We lossen dit op vóór { $date }.
a11y-contact-heading = Werkt iets niet voor jou?
a11y-contact = Laat het ons weten. Zeg op welke pagina het was en wat er niet werkte. Dan zoeken we samen een oplossing. Mail naar:

## Beheer: toegankelijkheidsverklaring (/beheer/toegankelijkheid)
statement-heading = Toegankelijkheidsverklaring
statement-intro = Vul hier de toegankelijkheidsverklaring van deze website in, volgens het model van de Rijksoverheid. Iedereen kan de verklaring lezen op de pagina Toegankelijkheid.
statement-status = Status
statement-status-help = Hoe ver voldoet de website aan de eisen?
statement-date = Datum van de verklaring
statement-date-help = Bijvoorbeeld 01-05-2026.
statement-method = Hoe is de website onderzocht?
statement-method-help = Bijvoorbeeld: eigen onderzoek met axe-core in Chromium en een controle met de hand op 320 pixels breed.
statement-issues = Bekende problemen
statement-issues-help = Eén probleem per regel. Schrijf eerst wat er mis is, dan een |, dan de datum waarop het is opgelost. Bijvoorbeeld: De kaart heeft geen tekst | 01-07-2026
statement-save = Verklaring opslaan
statement-saved = De toegankelijkheidsverklaring is opgeslagen.
statement-error-date = Vul een geldige datum in, bijvoorbeeld 01-05-2026.
statement-error-issue = Zet elk probleem op een eigen regel: eerst wat er mis is, dan een |, dan een geldige datum. Bijvoorbeeld: De kaart heeft geen tekst | 01-07-2026
statement-link = Toegankelijkheidsverklaring bewerken
audit-action-accessibility_statement_changed = Toegankelijkheidsverklaring gewijzigd
