# Voorkennis die telt: wat een module eerst vraagt, de verklaring "elders gevolgd",
# het nakijken door de organisator.

## Aanmeldformulier
form-requires-heading = Eerst gevolgd
form-requires-one = Voor deze activiteit moet je eerst deze module hebben gevolgd:
form-requires-all = Voor deze activiteit moet je eerst al deze modules hebben gevolgd:
form-requires-any = Voor deze activiteit moet je eerst één van deze modules hebben gevolgd:
form-requires-how = Heb je dat hier gevolgd, dan krijg je meteen een plek. Zo niet, dan krijg je een e-mail. Daarin kun je vertellen waar je het hebt gevolgd. De organisator kijkt dat na.

## Pagina achter de link in de e-mail
prereq-title = Voorkennis nakijken
prereq-intro = Voor deze activiteit vragen we eerst voorkennis. Heb je een module ergens anders gevolgd? Vertel het hieronder. De organisator kijkt het na en je krijgt een e-mail.
prereq-modules-heading = Wat we vragen
prereq-rule-one = Je moet deze module eerst hebben gevolgd:
prereq-rule-all = Je moet al deze modules eerst hebben gevolgd:
prereq-rule-any = Je moet één van deze modules eerst hebben gevolgd:
prereq-state-met = gevolgd
prereq-state-pending = de organisator kijkt je verklaring na
prereq-state-declined = niet aangenomen
prereq-state-open = nog niet bekend
prereq-form-heading = Elders gevolgd
prereq-form-legend = Je verklaring
prereq-field-required = Welke module
prereq-field-provider = Waar heb je het gevolgd?
prereq-help-provider = Bijvoorbeeld de naam van de organisatie en de plaats.
prereq-field-followed_on = Wanneer (datum)
prereq-field-note = Wat wil je erbij vertellen?
prereq-help-note = Bijvoorbeeld hoe lang het duurde of wat je hebt geleerd. Niet verplicht.
prereq-submit = Verklaring versturen
prereq-notice-received = Dank je. De organisator kijkt je verklaring na. Je krijgt daarover een e-mail.
prereq-waiting-text = Je hoeft nu niets te doen. De organisator kijkt het na en je krijgt een e-mail.
prereq-not-waiting = Je aanmelding wacht niet meer op nakijken. Je kunt hier niets meer versturen.
prereq-declined-heading = Niet aangenomen
prereq-declined-text = De organisator heeft je verklaring niet aangenomen. Je hebt geen plek. Dit schreef de organisator:
prereq-error-required = Kies de module die je elders hebt gevolgd.
prereq-error-provider = Vul in waar je het hebt gevolgd.
prereq-error-future = Deze datum ligt in de toekomst. Vul de datum in waarop je het hebt gevolgd.
prereq-error-already-stated = Voor deze module wacht je verklaring al op de organisator.

## Beheer
prereq-bo-title = Voorkennis nakijken
prereq-bo-rule-none = Deze activiteit vraagt geen voorkennis.
prereq-bo-waiting = Wachten op nakijken
prereq-bo-waiting-none = Niemand wacht op nakijken.
prereq-bo-since = aangemeld op { $date }
prereq-bo-no-statement = Nog geen verklaring. Deze persoon kreeg een e-mail met een link om te vertellen waar de module is gevolgd.
prereq-bo-statement-about = Verklaring: { $module }
prereq-bo-state = Stand
prereq-bo-state-stated = verklaring wacht op jou
prereq-statement-pending = wacht op jouw besluit
prereq-statement-approved = goedgekeurd
prereq-statement-declined = afgewezen
prereq-field-message = Bericht aan deze persoon
prereq-help-message = Gaat mee in de e-mail. Verplicht als je afwijst.
prereq-approve = Goedkeuren
prereq-decline = Afwijzen
prereq-error-decline-message = Schrijf waarom je afwijst. Dit bericht gaat naar de persoon.
prereq-bo-completion = Afgerond vastleggen
prereq-bo-completion-text = Heeft iemand een gevraagde module afgerond, maar staat dat hier niet? Leg het vast. Wacht die persoon op nakijken, dan volgt meteen een plek of de wachtlijst.
prereq-field-completed-module = Afgeronde module
prereq-field-name = Naam
prereq-field-email = E-mailadres
prereq-error-name = Vul de naam in.
prereq-bo-completion-save = Afgerond vastleggen
prereq-bo-notice-approved = Goedgekeurd. Er ontbreekt nog een module, dus nog geen plek.
prereq-bo-notice-placed = Goedgekeurd. Deze persoon heeft nu een plek en krijgt een bevestiging.
prereq-bo-notice-waitlisted = Goedgekeurd. De activiteit is vol: deze persoon staat op de wachtlijst en krijgt een e-mail.
prereq-bo-notice-not-placed = Goedgekeurd, maar aanmelden kan nu niet (gesloten of vol zonder wachtlijst). Er is geen plek gegeven.
prereq-bo-notice-declined = Afgewezen. Deze persoon krijgt je bericht per e-mail.
prereq-bo-notice-completed = Vastgelegd als afgerond.
prereq-bo-notice-already = Over deze verklaring is al besloten.
audit-action-prerequisite_approved = Verklaring voorkennis goedgekeurd
audit-action-prerequisite_declined = Verklaring voorkennis afgewezen
audit-action-prerequisite_completed = Module afgerond vastgelegd

## Editor
bo-field-prerequisite_rule = Wat moet eerst gevolgd zijn?
bo-prerequisite-rule-all = Alle gekozen modules
bo-prerequisite-rule-any = Eén van de gekozen modules
editor-error-prerequisite-cycle = Dit kan niet: een module zou dan via andere zichzelf vereisen ({ $path }). Haal een van deze modules weg.

## E-mail
mail-subject-prerequisite_check = Eerst je voorkennis voor { $title }
mail-body-prerequisite_check = Dank je voor je aanmelding voor { $title }. We moeten eerst je voorkennis nakijken: { $modules }. Je hebt nog geen plek.
mail-prerequisite-how = Heb je dit ergens anders gevolgd? Vertel het via de knop hieronder. De organisator kijkt het na. Daarna krijg je een plek, of een plek op de wachtlijst als het vol is.
mail-action-prerequisite_check = Vertel wat je hebt gevolgd
mail-subject-prerequisite_declined = Je aanmelding voor { $title }
mail-body-prerequisite_declined = De organisator van { $title } heeft je verklaring over je voorkennis niet aangenomen. Je hebt geen plek.
mail-prerequisite-message = Dit schreef de organisator:
mail-prerequisite-activity = Activiteit
mail-footer-prerequisite = Je krijgt deze e-mail omdat je je hebt aangemeld voor een activiteit in Samenleren.
