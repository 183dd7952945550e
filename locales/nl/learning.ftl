# Leertijd, registers en accreditatie: netto leertijd uit het programma, punten per
# register, het ID-nummer van een accreditatie, registratienummers en PE-online.

## Programma in de editor
bo-program-learning = Telt als leertijd (onderdeel { $n })
bo-help-program-learning = Inloop, welkom, pauze, borrel en einde tellen niet als leertijd. De andere onderdelen wel. Kies alleen iets anders als dit onderdeel afwijkt.
bo-learning-by-kind-yes = Volgens de soort (telt mee)
bo-learning-by-kind-no = Volgens de soort (telt niet mee)
bo-learning-yes = Ja, telt mee
bo-learning-no = Nee, telt niet mee

## Waarom er geen leertijd is
learning-problem-no-program = Er is nog geen programma met tijden. De leertijd is daarom 0 punten.
learning-problem-untimed = Niet elk onderdeel van het programma heeft een tijd. Daarom kunnen we de leertijd niet berekenen: 0 punten.
learning-problem-overlap = Twee onderdelen beginnen tegelijk of staan in de verkeerde volgorde. Daarom: 0 punten.
learning-problem-outside = Een onderdeel valt buiten de tijd van de bijeenkomst. Daarom: 0 punten.
learning-problem-no-net-time = Geen enkel onderdeel telt als leertijd (alleen inloop, pauze of borrel). Daarom: 0 punten.

## Foutmeldingen
learning-error-points = Vul de punten in als getal van 0 tot 1000, bijvoorbeeld 2 of 2,5. Of laat het veld leeg.
learning-error-points-half = Punten gaan per halve punt. Vul bijvoorbeeld 2 of 2,5 in.
learning-error-category = Kies een register en een categorie uit de lijst.
learning-error-id-number = Een ID-nummer heeft alleen letters, cijfers, spaties en de tekens - / . (hoogstens 40 tekens).
learning-error-id-missing = Vul het ID-nummer van de accreditatie in.
learning-error-session-id-missing = Vul het ID-nummer van deze bijeenkomst in. Of maak ook de punten leeg.
learning-error-per-session-empty = Vul bij minstens één bijeenkomst een ID-nummer in.
learning-error-register-taken = Deze activiteit heeft al een accreditatie van dit register. Pas die aan in plaats van een nieuwe toe te voegen.
learning-error-session-gone = De bijeenkomsten zijn intussen veranderd. Kijk ze na en sla opnieuw op.
learning-error-register = Kies een register uit de lijst.
learning-error-number-missing = Vul je registratienummer in.
learning-error-number-digits = Een registratienummer heeft alleen cijfers.
learning-error-number-prefix = Dit nummer begint niet zoals de nummers van dit register. Kijk het na op je bewijs van inschrijving.
learning-error-number-length = Dit nummer heeft niet het goede aantal cijfers. Kijk het na op je bewijs van inschrijving.

## De pagina van een activiteit
learning-heading = Leertijd en accreditatie
learning-intro = Alleen de inhoud telt als leertijd. Inloop, welkom, pauzes en borrel tellen niet mee. Eén uur is één punt, naar beneden afgerond op halve punten.
learning-net-label = Netto leertijd
learning-points-label = Punten
learning-time = { $minutes ->
    [0] { $hours } uur
   *[other] { $hours } uur en { $minutes } minuten
}
learning-points = { $points } punten
learning-register-label = Accreditatie
learning-accreditation = { $register }, { $category }: ID-nummer { $id }, { $points } punten
learning-accreditation-session = { $register }, { $category }, { $date }: ID-nummer { $id }, { $points } punten
learning-enter-id = Zet het ID-nummer in je eigen dossier bij het register.

## Beheer: accreditatie
accr-heading = Accreditatie en leertijd
accr-intro = Heeft een register deze activiteit geaccrediteerd? Zet hier het ID-nummer, de categorie en de punten. Laat de punten leeg, dan rekenen we ze uit het programma: één uur netto leertijd is één punt, naar beneden afgerond op halve punten.
accr-net-heading = Netto leertijd per bijeenkomst
accr-col-session = Bijeenkomst
accr-col-net = Netto leertijd
accr-col-points = Punten
accr-col-register = Register
accr-col-id = ID-nummer
accr-col-category = Categorie
accr-col-action = Wat je kunt doen
accr-list-heading = Accreditaties
accr-none = Deze activiteit heeft nog geen accreditatie.
accr-add = Accreditatie toevoegen
accr-edit = Accreditatie aanpassen
accr-edit-link = Aanpassen
accr-remove = Verwijderen
accr-per-session = per bijeenkomst
accr-by-hand = met de hand ingevuld
accr-computed = berekend uit het programma
accr-to-check = controleer in het reglement
accr-field-category = Register en categorie
accr-field-id_number = ID-nummer
accr-field-id_number-help = Het nummer dat het register aan deze activiteit gaf. Deelnemers zetten het in hun dossier. Leeg laten als je per bijeenkomst accrediteert.
accr-field-points = Punten (leeg: berekend)
accr-field-points-help = Berekend uit het programma: { $points } punten. Vul alleen iets in als het register een ander aantal gaf.
accr-field-per_session = Per bijeenkomst geaccrediteerd
accr-field-per_session-help = Elke bijeenkomst heeft dan een eigen ID-nummer. Vul die hieronder in. Een bijeenkomst zonder ID-nummer telt niet mee.
accr-session-group = Bijeenkomst van { $date }
accr-session-id = ID-nummer van { $date }
accr-session-points = Punten van { $date } (leeg: berekend)
accr-save = Opslaan
accr-back = Terug naar accreditatie en leertijd
accr-notice-saved = De accreditatie is opgeslagen.
accr-notice-removed = De accreditatie is verwijderd.
audit-action-accreditation_added = Accreditatie toegevoegd
audit-action-accreditation_changed = Accreditatie aangepast
audit-action-accreditation_removed = Accreditatie verwijderd

## Beheer: PE-online
pe-heading = Aanwezigheid voor PE-online
pe-intro = Het register wil weten wie er was. Zet de aanwezigen met hun registratienummer in PE-online. Download de lijst en plak die in PE-online bij Importeren. Elk nummer staat op een eigen regel, met een # ervoor.
pe-run-whole = Hele activiteit, ID-nummer { $id }
pe-run-session = Bijeenkomst van { $date }, ID-nummer { $id }
pe-deadline = Zet de aanwezigheid uiterlijk { $date } in PE-online. Dat is twee maanden na afloop.
pe-deadline-passed = Let op: de termijn liep af op { $date }. Neem contact op met het register.
pe-count = { $count ->
    [one] 1 aanwezige met een registratienummer.
   *[other] { $count } aanwezigen met een registratienummer.
}
pe-download = Download de lijst (tekstbestand)
pe-download-hidden = : { $run }
pe-without = Deze aanwezigen hebben geen registratienummer voor { $register } in hun account. Vraag of ze het toevoegen onder Mijn registers. Of zet ze zelf in PE-online:
pe-none = Er is nog niemand ingecheckt.

## Account: Mijn registers
registers-heading = Mijn registers
registers-intro = Sta je in een beroepsregister, zoals Register Sociaal Werker of SKJ? Zet hier je registratienummer. Dan kan de organisator je aanwezigheid doorgeven aan het register.
registers-list = Mijn registratienummers
registers-none = Je hebt nog geen register toegevoegd.
registers-col-register = Register
registers-col-number = Registratienummer
registers-col-action = Wat je kunt doen
registers-remove = Verwijderen
registers-add = Register toevoegen of nummer wijzigen
registers-field-register = Register
registers-field-number = Registratienummer
registers-field-number-help = Alleen cijfers. Een nummer van Register Sociaal Werker begint met 4610.
registers-save = Opslaan
registers-notice-saved = Je registratienummer is opgeslagen.
registers-notice-removed = Het register is verwijderd.
registers-format-to-check = Het precieze nummerformaat staat niet op de website van het register: controleer in het reglement.
account-registers-link = Mijn registers (registratienummers)
