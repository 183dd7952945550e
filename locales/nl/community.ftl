# Leerateliers: lidmaatschap, het ledengedeelte en het beheer van de leden.

## Het activiteitenblok en de ledenpagina
community-become-member = Lid worden
community-already-member = Ben je al lid?
community-to-atelier = Naar het atelier
community-public-page = Openbare pagina van het atelier
community-my-membership = Je lidmaatschap
community-manage-members = Leden beheren
community-manage-research = Praktijkonderzoek bijhouden
community-meeting-heading = Bijeenkomst op { $when }
community-standing-member = Je bent lid sinds { $since }. Je doet mee met: { $level }.
community-standing-runs-kartrekker = Je bent kartrekker van dit atelier.
community-standing-runs-organiser = Je organiseert dit atelier.
community-members-heading = Wie doen er mee
community-members-consent = Je ziet hier de kartrekkers en de leden die in de lijst willen staan.
community-members-none = Er staat nog niemand in de lijst.
community-members-all = Alle leden
community-notice-welcome = Welkom! Je bent nu lid van het atelier.

## Niveaus en rollen
community-level-meetings = Bijeenkomsten
community-level-meetings-help = je komt naar de bijeenkomsten en doet online mee
community-level-public_only = Alleen publieke bijeenkomsten
community-level-public_only-help = je komt alleen naar de open bijeenkomsten en doet online mee
community-level-online_only = Alleen online
community-level-online_only-help = je doet mee op het online platform
community-role-member = Lid
community-role-expert = Expert
community-role-contact = Contactpersoon
community-role-kartrekker = Kartrekker

## Lid worden en je lidmaatschap
community-join-heading = Lid worden van { $title }
community-join-intro = In een leeratelier haal je kennis en breng je kennis. Kies hoe je meedoet en vertel in één zin wat je meebrengt.
community-join-open = Je bent meteen lid.
community-join-decides = De kartrekker leest je aanvraag en laat je per e-mail weten of je lid bent.
community-join-invited = Je bent uitgenodigd voor dit atelier. Je bent meteen lid.
community-join = Lid worden
community-join-ask = Vraag om lid te worden
community-declined-before = De kartrekker heeft eerder nee gezegd op je aanvraag. Je kunt opnieuw vragen.
community-request-heading = Je aanvraag voor { $title }
community-request-waiting = Je aanvraag wacht op de kartrekker. Je krijgt een e-mail als er een besluit is. Je kunt je aanvraag hieronder nog aanpassen.
community-request-update = Aanvraag aanpassen
community-request-withdraw = Aanvraag intrekken
community-membership-heading = Je lidmaatschap van { $title }
community-membership-intro = Hier pas je aan hoe je meedoet en wat je meebrengt.
community-save = Opslaan
community-leave = Lidmaatschap opzeggen
community-field-name = Je naam
community-field-name-help = De kartrekker en, als je dat wilt, de andere leden zien deze naam.
community-error-name-required = Vul je naam in.
community-field-level = Hoe doe je mee?
community-field-brings = Wat breng je mee?
community-field-brings-help = Bijvoorbeeld je ervaring, een vraag uit je werk of een methode die je kent. Hoogstens { $max } tekens.
community-field-listed = Andere leden mogen mij in de ledenlijst zien
community-field-listed-help = Ze zien dan je naam en wat je meebrengt. Je e-mailadres zien ze nooit.
community-notice-requested = Je aanvraag is verstuurd. De kartrekker beslist en je krijgt een e-mail.
community-notice-saved = Je lidmaatschap is opgeslagen.
community-conflict = Je lidmaatschap is net veranderd, bijvoorbeeld in een ander venster. Er is niets opgeslagen. Kijk of dit nog klopt en stuur het opnieuw.
community-error-level = Kies hoe je meedoet.
community-error-brings-required = Vertel in één zin wat je meebrengt.
community-error-decision = Kies: aannemen of afwijzen.
community-error-decline-message = Schrijf waarom je de aanvraag afwijst. Die persoon leest dit.

## Opzeggen
community-leave-heading = Lidmaatschap van { $title } opzeggen
community-leave-text = Je bent dan geen lid meer. Wat je hebt geschreven blijft staan, met "oud-lid" bij je naam. Je kunt later opnieuw lid worden.
community-withdraw-heading = Aanvraag voor { $title } intrekken
community-withdraw-text = De kartrekker ziet je aanvraag dan niet meer. Je kunt later opnieuw vragen.
community-stay = Terug, ik blijf
account-ateliers = Je leerateliers
account-atelier-active = lid
account-atelier-requested = je aanvraag wacht
account-atelier-invited = uitgenodigd
account-notice-atelier-left = Je bent geen lid meer van het atelier.

## Beheer: leden
members-heading = Leden
members-requests = Aanvragen
members-requests-none = Er zijn geen aanvragen.
members-asked-on = gevraagd op { $date }
members-active = Leden ({ $count })
members-none = Er zijn nog geen leden.
members-col-name = Naam
members-col-email = E-mailadres
members-col-since = Lid sinds
members-col-level = Deelnamevorm
members-col-brings = Brengt mee
members-col-state = Stand
members-role = Rol
members-invited = Uitgenodigd
members-invited-choosing = kiest nog hoe die meedoet
members-former = Oud-leden en afgewezen aanvragen
members-invite = Iemand uitnodigen
members-invite-email = E-mailadres
members-invite-help = Die persoon krijgt een e-mail met een link. Met die link is die meteen lid, ook zonder account.
members-invite-button = Uitnodiging sturen
members-settings = Instellingen
members-open-joining = Iedereen mag meteen lid worden
members-open-joining-help = Zonder vinkje beslis jij over elke aanvraag.
members-settings-save = Instellingen opslaan
members-state-requested = Vraagt om lid te worden
members-state-invited = Uitgenodigd
members-state-active = Lid
members-state-declined = Afgewezen
members-state-left = Oud-lid
members-decision-heading = Besluit
members-decision = Wat is je besluit?
members-decision-accept = Aannemen
members-decision-decline = Afwijzen
members-decision-message = Bericht
members-decision-message-help = Dit bericht komt in de e-mail. Verplicht als je afwijst. Hoogstens { $max } tekens.
members-decision-send = Besluit versturen
members-role-heading = Rol in het atelier
members-role-save = Rol opslaan
members-not-waiting = Over deze aanvraag is al beslist, of de aanvraag is ingetrokken. Er is niets opgeslagen.
members-not-active = Deze persoon is geen lid meer. Er is niets opgeslagen.
members-notice-invited = De uitnodiging is verstuurd.
members-notice-already = Deze persoon is al lid.
members-notice-saved = De instellingen zijn opgeslagen.
members-notice-accepted = De aanvraag is aangenomen. Het nieuwe lid krijgt een e-mail.
members-notice-declined = De aanvraag is afgewezen. Die persoon krijgt een e-mail met je bericht.
members-notice-role = De rol is opgeslagen.

## Uitnodiging
invitation-title-member = Uitnodiging om lid te worden
invitation-text-member = { $organisation } nodigt je uit om lid te worden van het leeratelier { $title }. Klik op de knop. Je bent dan ingelogd en kiest hoe je meedoet.

## E-mails
mail-subject-atelier_invitation = Uitnodiging: word lid van { $title }
mail-body-atelier_invitation = { $organisation } nodigt je uit om lid te worden van het leeratelier { $title }. Met de link hieronder word je lid. Je kiest dan zelf hoe je meedoet. De link werkt { $days } dagen.
mail-action-atelier_invitation = Lid worden
mail-subject-membership_requested = { $name } wil lid worden van { $title }
mail-body-membership_requested = { $name } vraagt om lid te worden van { $title }. Jij beslist: aannemen of afwijzen.
mail-action-membership_requested = Aanvraag bekijken
mail-subject-membership_accepted = Je bent lid van { $title }
mail-body-membership_accepted = Welkom! Je bent nu lid van het leeratelier { $title }.
mail-action-membership_accepted = Naar het atelier
mail-subject-membership_declined = Je aanvraag voor { $title }
mail-body-membership_declined = De kartrekker van { $title } heeft je aanvraag niet aangenomen.
mail-membership-message = Het bericht van de kartrekker:
mail-footer-community = Je krijgt deze e-mail omdat je lid bent of wilt worden van een leeratelier in Samenleren.

## Logboek
audit-action-member_requested = Vraagt om lid te worden
audit-action-member_joined = Lid geworden
audit-action-member_settings_changed = Lidmaatschap aangepast
audit-action-member_left = Lidmaatschap opgezegd
audit-action-member_accepted = Aanvraag aangenomen
audit-action-member_declined = Aanvraag afgewezen
audit-action-member_role_changed = Rol van lid aangepast
audit-action-member_invited = Uitgenodigd als lid
audit-action-member_invitation_used = Uitnodiging als lid gebruikt
audit-action-atelier_opened = Iedereen mag meteen lid worden
audit-action-atelier_closed = Kartrekker beslist over aanvragen

## Reeks bijeenkomsten
series-error-interval = Kies om de hoeveel maanden (1 tot en met 12).
series-error-weekday = Kies een dag van de week.
series-error-week = Kies welke week van de maand.
series-error-time-required = Vul een tijd in.
series-error-time = Schrijf de tijd als uu:mm, bijvoorbeeld 19:30.
series-error-end-before-start = De eindtijd moet na de begintijd liggen.
series-error-until-before-start = De einddatum moet na de eerste bijeenkomst liggen.
series-error-nonexistent-time = Die tijd bestaat niet op een van de dagen: de klok gaat dan een uur vooruit. Kies een andere tijd.

## Kwesties en agenda
case-error-title-required = Geef je kwestie een titel.
case-error-situation-required = Vertel wat er speelt.
case-error-question-required = Vertel wat je wilt leren.
case-error-meeting-past = Deze bijeenkomst is al geweest. Kies een latere.
case-error-meeting-cancelled = Deze bijeenkomst gaat niet door. Kies een andere.
case-error-step-unchanged = Er verandert niets.
case-error-step-not-scheduled = Deze kwestie staat niet op een agenda.
case-error-step-finished = Deze kwestie is al besproken en afgerond.
case-error-step-not-on-agenda = Zet de kwestie eerst op een agenda.
case-error-agenda-case-required = Kies een kwestie.
case-error-agenda-title-required = Geef het onderdeel een titel.
case-error-agenda-length-required = Vul een eindtijd of een duur in.
case-error-agenda-end-duration = De eindtijd en de duur passen niet bij elkaar.
case-error-agenda-outside = Dit onderdeel valt buiten de tijd van de bijeenkomst.
case-error-agenda-overlap = Dit onderdeel overlapt met een ander onderdeel.
case-error-expert-both = Kies een lid als expert of vul een spreker van buiten in, niet allebei.
case-error-speaker-name-required = Vul de naam van de spreker in.
case-error-outcome-choice = Kies: afgerond of naar een volgende bijeenkomst.
case-error-learned-required = Schrijf wat er geleerd is.
case-error-public-empty = Een openbare uitkomst heeft tekst nodig.

## Halen en brengen
ledger-error-date-future = Deze datum ligt in de toekomst.
ledger-error-expected-too-much = Dat is meer dan 40 uur per maand.

## Bijeenkomsten
community-meetings-heading = Bijeenkomsten
community-meetings-none = Er zijn nog geen bijeenkomsten gepland.
community-meeting-online = Online
community-meeting-join-online = Online meedoen
community-meeting-members-only = alleen voor leden
community-meeting-public = openbaar
community-meeting-coming = { $count ->
    [0] nog niemand heeft ja gezegd
    [one] 1 persoon komt
   *[other] { $count } mensen komen
}
community-meeting-not-invited = Je doet mee op een manier zonder deze bijeenkomst. Wil je toch komen? Pas dan bij je lidmaatschap aan hoe je meedoet.
community-answer-legend = Kom je op { $when }?
community-answer-yes = Ja
community-answer-no = Nee
community-answer-maybe = Misschien
community-answer-save = Antwoord opslaan
community-notice-answered = Je antwoord is opgeslagen.
community-error-answer = Kies ja, nee of misschien.
community-error-answer-past = Deze bijeenkomst is al begonnen of voorbij. Je kunt niet meer antwoorden.
community-error-answer-not-invited = Je bent niet uitgenodigd voor deze bijeenkomst: die past niet bij hoe je meedoet.
community-feed-text = Zet de bijeenkomsten in je eigen agenda met deze persoonlijke link. Deel de link niet: hij is alleen voor jou.
community-feed-link = Mijn bijeenkomsten in mijn agenda (.ics)
mail-meeting-online = Online
mail-subject-meeting_invitation = Bijeenkomst { $title }: kom je?
mail-body-meeting_invitation = Het leeratelier { $title } komt weer bij elkaar. Laat je weten of je komt? Het agendabestand zit bij deze e-mail.
mail-action-meeting_invitation = Antwoord geven
mail-subject-meeting_reminder = Kom je naar { $title }? Laat het even weten
mail-body-meeting_reminder = De bijeenkomst van { $title } is over een week. Je hebt nog niet gezegd of je komt.
mail-action-meeting_reminder = Antwoord geven
audit-action-series_saved = Reeks bijeenkomsten opgeslagen

## Reeks (beheer)
series-heading = Reeks bijeenkomsten
series-intro = Het atelier komt volgens een vast ritme bij elkaar. Samenleren zet de bijeenkomsten van de komende maanden klaar. Daarna kun je elke bijeenkomst apart verplaatsen of afzeggen.
series-field-interval_months = Hoe vaak?
series-every-months = { $count ->
    [one] Iedere maand
   *[other] Iedere { $count } maanden
}
series-field-week = Welke week van de maand?
series-week-first = De eerste
series-week-second = De tweede
series-week-third = De derde
series-week-fourth = De vierde
series-week-last = De laatste
series-field-weekday = Welke dag?
series-weekday-1 = maandag
series-weekday-2 = dinsdag
series-weekday-3 = woensdag
series-weekday-4 = donderdag
series-weekday-5 = vrijdag
series-weekday-6 = zaterdag
series-weekday-7 = zondag
series-field-start_time = Begintijd
series-field-end_time = Eindtijd
series-field-first_date = Vanaf
series-field-first_date-help = De eerste bijeenkomst is de eerste dag die past, op of na deze datum.
series-field-until = Tot en met
series-field-venue = Locatie
series-field-venue-none = Geen vaste locatie
series-field-online_url = Link om online mee te doen
series-field-online_url-help = Bijvoorbeeld een link naar Teams of Zoom. Begint met https://.
series-field-public = Nieuwe bijeenkomsten zijn openbaar
series-field-public-help = Openbaar: ook mensen die geen lid zijn mogen komen. Leden die alleen naar publieke bijeenkomsten komen, worden dan ook uitgenodigd.
series-save = Reeks opslaan
series-coming = Komende bijeenkomsten
series-coming-help = Kies een bijeenkomst om die te verplaatsen, een andere locatie te geven of af te zeggen.
series-notice-saved = De reeks is opgeslagen. De bijeenkomsten van de komende maanden staan klaar.

## Kwesties en agenda
case-list-heading = Kwesties
case-list-intro = Een kwestie is een vraag uit je werk die je met het atelier wilt bespreken. De kartrekker zet kwesties op de agenda van een bijeenkomst.
case-list-none = Er zijn nog geen kwesties.
case-new-heading = Kwestie inbrengen
case-new-intro = Vertel wat er speelt en wat je wilt leren. De leden van { $title } kunnen je kwestie lezen.
case-new-button = Kwestie inbrengen
case-field-title = Titel
case-field-situation = Wat speelt er?
case-field-situation-help = Beschrijf de situatie. Noem geen namen van cliënten of bewoners.
case-field-question = Wat wil je leren?
case-field-question-help = Wat wil je weten of kunnen na de bespreking?
case-field-themes = Thema's
case-field-meeting = Voor welke bijeenkomst?
case-field-meeting-help = Weet je het nog niet? Laat dit dan leeg. De kartrekker kiest.
case-field-meeting-none = Weet ik nog niet
case-field-state = Stand
case-field-meeting-short = Bijeenkomst
case-field-by = Ingebracht door
case-brought-by = ingebracht door { $name }
case-state-submitted = ingebracht
case-state-scheduled = op de agenda
case-state-discussed = besproken
case-state-carried_over = schuift door
case-outcomes = Wat we leerden
case-outcome-public = openbaar
case-outcome-heading = Uitkomst vastleggen
case-outcome-save = Uitkomst opslaan
case-field-finished = Is de kwestie klaar?
case-finished-finished = Klaar: besproken
case-finished-carry_over = Niet klaar: schuift door naar een volgende bijeenkomst
case-field-learned = Wat hebben we geleerd?
case-field-next_steps = Volgende stappen
case-field-links = Links
case-field-links-help = Eén link per regel: een titel, een verticale streep (|) en het adres. Bijvoorbeeld: Verslag | https://…
case-field-public = Laat deze uitkomst zien op de openbare pagina van het atelier
case-field-public-help = Iedereen kan hem dan lezen. Zet er geen namen of privégegevens in.
case-error-outcome-too-early = De bijeenkomst is nog niet begonnen. Leg de uitkomst vast na de bijeenkomst.
community-former-member = oud-lid
agenda-heading = Agenda
agenda-empty = Er staat nog niets op de agenda.
agenda-not-yet = De kartrekker maakt de agenda nog. Je krijgt hem per e-mail als hij klaar is.
agenda-manage = Agenda bewerken
agenda-kind-case = Kwestie
agenda-kind-contribution = Bijdrage
agenda-kind-other = Overig
agenda-bo-heading = Agenda van { $when }
agenda-published-on = De agenda is verstuurd op { $date }.
agenda-not-published = De agenda is nog niet verstuurd. Leden zien hem pas als je hem verstuurt.
agenda-publish = Agenda versturen aan de leden
agenda-publish-again = Agenda opnieuw versturen aan de leden
agenda-items-heading = Op de agenda
agenda-add = Onderdeel toevoegen
agenda-add-button = Toevoegen
agenda-remove = Verwijderen
agenda-field-kind = Soort
agenda-field-case = Kwestie
agenda-field-case-help = Alleen bij een kwestie: kies een ingebrachte kwestie.
agenda-field-case-none = Geen kwestie
agenda-field-title = Titel
agenda-field-title-help = Bij een kwestie mag je dit leeg laten: dan geldt de titel van de kwestie.
agenda-field-start = Begintijd
agenda-field-duration = Duur in minuten
agenda-field-duration-help = Of vul hieronder een eindtijd in.
agenda-field-end = Eindtijd
agenda-field-expert = Expert uit het atelier
agenda-field-expert-none = Geen expert uit het atelier
agenda-field-speaker_name = Of: spreker van buiten
agenda-field-speaker_name-help = De naam van een expert die geen lid is.
agenda-field-speaker_affiliation = Organisatie van de spreker
agenda-stale = Iemand anders heeft de agenda net veranderd. Er is niets opgeslagen. Kijk naar de agenda zoals hij nu is en stuur je onderdeel opnieuw.
agenda-notice-added = Het onderdeel staat op de agenda.
agenda-notice-removed = Het onderdeel is van de agenda gehaald.
agenda-notice-published = De agenda is verstuurd aan de leden.
mail-subject-agenda_published = Agenda: { $title }
mail-body-agenda_published = De agenda van de volgende bijeenkomst van { $title } is klaar:
mail-action-agenda_published = Agenda bekijken
audit-action-case_brought = Kwestie ingebracht
audit-action-case_discussed = Kwestie besproken
audit-action-case_carried_over = Kwestie schuift door
audit-action-agenda_item_added = Agendapunt toegevoegd
audit-action-agenda_item_removed = Agendapunt verwijderd
audit-action-agenda_published = Agenda verstuurd

## Halen en brengen
ledger-heading = Halen en brengen
ledger-intro = In een leeratelier haal je kennis en breng je kennis. Hier zie je wat je bijwoonde en wat je inbracht. Alleen jij en de kartrekker zien dit.
ledger-summary = Je was bij { $attended ->
    [one] 1 bijeenkomst
   *[other] { $attended } bijeenkomsten
} ({ $taken }) en bracht { $contributions } keer iets in ({ $brought }).
ledger-hours = { $hours } uur
ledger-months-heading = Je uren per maand
ledger-col-month = Maand
ledger-col-hours = Uren
ledger-col-expected = Verwacht
ledger-history = Alles op een rij
ledger-history-none = Er staat nog niets in.
ledger-add = Een bijdrage toevoegen
ledger-add-button = Bijdrage opslaan
ledger-field-kind = Wat bracht je in?
ledger-field-date = Datum
ledger-field-minutes = Tijd in minuten
ledger-field-minutes-help = Leeg laten: we rekenen de gewone tijd voor deze soort bijdrage.
ledger-field-note = Wat was het?
ledger-notice-saved = Je bijdrage is opgeslagen.
ledger-kind-attended = bijeenkomst bijgewoond
ledger-kind-case = kwestie ingebracht
ledger-kind-expert = bijdrage als expert
ledger-kind-presentation = presentatie
ledger-kind-resource = hulpmiddel of bron gedeeld
ledger-kind-research = onderzoek
ledger-kind-hosting = bijeenkomst ontvangen
ledger-kind-helpful_post = bericht dat anderen hielp
ledger-overview-heading = Halen en brengen
ledger-overview-intro = Hier zie je per lid hoe vaak die bij een bijeenkomst was en hoe vaak die iets inbracht, met de uren erbij. Alleen jij ziet dit overzicht. Leden zien alleen hun eigen overzicht.
ledger-signal-explained = Een signaal betekent: minder dan { $contributions } bijdrage per { $meetings } bijeenkomsten. Het is een reden voor een gesprek, niet meer.
ledger-col-attended = Bijgewoond (uren)
ledger-col-contributions = Ingebracht (uren)
ledger-col-signal = Signaal
ledger-signal-only-takes = haalt vooral
ledger-field-expected_hours = Verwachte tijd per maand: uren
ledger-field-expected_hours-help = Hoeveel tijd vraag je per maand van een lid? Bijvoorbeeld 2 uur. Laat leeg als je geen tijd verwacht.
ledger-field-expected_minutes = Verwachte tijd per maand: minuten
ledger-field-signal_contributions = Signaal: aantal bijdragen
ledger-field-signal_meetings = Signaal: per aantal bijeenkomsten
ledger-field-signal_meetings-help = Bijvoorbeeld 1 bijdrage per 3 bijeenkomsten. Brengt een lid minder in, dan zie je een signaal. Wil je geen signaal? Vul dan 0 bijdragen in.
ledger-notice-settings = De instellingen zijn opgeslagen.
ledger-settings-heading = Verwachte tijd en signaal
ledger-settings-intro = Hoeveel tijd vraag je van de leden? En wanneer wil je een signaal zien dat iemand vooral haalt en weinig brengt?
agenda-attendance = Wie waren er?
agenda-field-present = Aanwezige leden
agenda-attendance-save = Aanwezigheid opslaan
agenda-attendance-too-early = De bijeenkomst is nog niet begonnen.
agenda-notice-attendance = De aanwezigheid is opgeslagen.
audit-action-attendance_recorded = Aanwezigheid bijeenkomst opgeslagen
audit-action-member_attendance_marked = Lid aanwezig gemeld bij bijeenkomst
audit-action-member_attendance_undone = Lid niet meer aanwezig bij bijeenkomst
audit-action-time_settings_saved = Tijd en signaal van het atelier opgeslagen

## De openbare pagina
activity-outcomes = Wat het atelier leerde

## Praktijkonderzoek
research-heading = Praktijkonderzoek
research-intro = Studenten en docent-onderzoekers doen kleine onderzoeken in de praktijk, vaak over kwesties uit het atelier.
research-none = Er is nog geen onderzoek.
research-list-heading = Onderzoek in dit atelier
research-status-label = Stand
research-outputs = Opbrengsten
research-new = Nieuw onderzoek
research-add = Onderzoek toevoegen
research-save = Onderzoek opslaan
research-field-title = Titel
research-field-question = Onderzoeksvraag
research-field-status = Hoe ver is het onderzoek?
research-status-idea = idee
research-status-running = lopend
research-status-finished = afgerond
research-field-researchers = Onderzoekers
research-field-researchers-help = Eén onderzoeker per regel: de naam, een verticale streep (|) en de rol (student, docent-onderzoeker of lector). Bijvoorbeeld: Lisa de Boer | student. Hoogstens { $max }.
research-role-student = student
research-role-lecturer = docent-onderzoeker
research-role-lector = lector
research-field-outputs = Opbrengsten (rapporten, hulpmiddelen, links)
research-field-cases = Kwesties
research-field-themes = Thema's
research-field-public = Laat dit onderzoek zien op de openbare pagina van het atelier
research-field-public-help = Iedereen kan het dan lezen, met de namen van de onderzoekers.
research-error-title-required = Geef het onderzoek een titel.
research-error-question-required = Schrijf de onderzoeksvraag op.
research-error-researcher = Schrijf elke onderzoeker als: naam | rol. De rol is student, docent-onderzoeker of lector.
research-notice-added = Het onderzoek is toegevoegd.
research-notice-saved = Het onderzoek is opgeslagen.
audit-action-research_added = Onderzoek toegevoegd
audit-action-research_changed = Onderzoek aangepast
