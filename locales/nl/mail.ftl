# Samenleren — e-mails. Nederlandse teksten (B1: korte zinnen, gewone woorden).

## E-mail
mail-greeting = Beste { $name },
mail-greeting-organiser = Beste organisator,
mail-when = Wanneer
mail-where = Waar
mail-manage = Bekijk of wijzig je aanmelding
mail-accept = Bevestig je plaats
mail-open-activity = Bekijk de activiteit
mail-calendar-attached = In de bijlage staat een agenda-bestand. Open het om de afspraak in je agenda te zetten.
mail-check-in = Bij de ingang laat je de QR-code hieronder zien. Zo weet de organisatie dat je er bent. Je kunt ook je naam noemen.
mail-check-in-alt = QR-code om je aanwezig te melden bij de ingang
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
