# De online ruimte van een leeratelier: gesprekken, reacties, volgen en mail.

space-heading = Gesprekken
space-intro = Hier praten de leden verder tussen de bijeenkomsten door. Stel een vraag, deel een ervaring of reageer op een ander. Alle leden doen mee, ook wie alleen online meedoet.
space-none = Er zijn nog geen gesprekken. Begin er een!
space-all = Alle gesprekken
space-pages = Meer gesprekken
space-newest = Nieuwste gesprekken
space-older = Oudere gesprekken
space-post-count = { $count ->
    [one] 1 bericht
   *[other] { $count } berichten
}
space-last-post = laatste bericht { $when }
space-following = je volgt dit

space-new-heading = Nieuw gesprek
space-new-intro = Geef je gesprek een duidelijke titel. Alleen leden van het atelier lezen het.
space-new-button = Gesprek beginnen
space-field-title = Titel
space-field-body = Je bericht
space-field-reply = Je reactie
space-field-body-help = Je kunt Markdown gebruiken: **vet**, *schuin*, lijstjes met een streepje, en links. Plak het adres van een kwestie of bijeenkomst om die te noemen.
space-field-about = Waar gaat het over?
space-field-about-help = Kies een kwestie of bijeenkomst als je gesprek daarover gaat.
space-field-about-none = Niets in het bijzonder
space-about-case = Kwestie: { $title }
space-about-meeting = Bijeenkomst van { $when }
space-error-title-missing = Geef je gesprek een titel.
space-error-body-missing = Schrijf een bericht.

space-started-by = Begonnen door { $name }
space-following-text = Je volgt dit gesprek: je hoort het als iemand reageert.
space-not-following-text = Volg dit gesprek om te horen als iemand reageert.
space-follow = Volgen
space-unfollow = Niet meer volgen
space-posts-label = Berichten
space-post-by = bericht van { $name }
space-post-removed = Dit bericht is weggehaald.
space-mentions = Genoemd:
space-helpful = Nuttig
space-helpful-marked = jij vond dit nuttig
space-helpful-count = { $count ->
    [one] 1 lid vond dit nuttig
   *[other] { $count } leden vonden dit nuttig
}
space-error-helpful-own = Je kunt je eigen bericht niet nuttig vinden.
space-remove = Weghalen
space-thread-start = Naar het begin van het gesprek
space-thread-later = Volgende berichten
space-reply-heading = Reageren
space-reply-button = Reactie plaatsen

space-mail-heading = Mail over nieuwe berichten
space-field-mail = Wanneer wil je een mail?
space-mail-each = Bij elk nieuw bericht
space-mail-daily = Eén keer per dag een overzicht
space-mail-none = Geen mail, ik kijk zelf
space-mail-save = Opslaan
space-error-mail = Kies wanneer je een mail wilt.

space-notice-mail = Je keuze voor mail is opgeslagen.
space-notice-removed = Het bericht is weggehaald.
space-notice-helpful = Dank je! Je vond dit bericht nuttig.
space-notice-following = Je volgt dit gesprek nu.
space-notice-not-following = Je volgt dit gesprek niet meer.

mail-subject-space_post = { $title }: { $thread }
mail-body-space_post-thread = { $name } begon een nieuw gesprek in { $title }: „{ $thread }”.
mail-body-space_post-reply = { $name } reageerde in het gesprek „{ $thread }” in { $title }:
mail-action-space_post = Lezen en reageren
mail-footer-space-each = Je krijgt deze e-mail omdat je een mail wilt bij elk nieuw bericht. Dat kun je veranderen op { $link }.
mail-subject-space_digest = Nieuw in { $title }
mail-body-space_digest = Dit is er nieuw in de gesprekken van { $title } sinds je vorige overzicht:
mail-space-digest-started = nieuw gesprek, { $count ->
    [one] 1 bericht
   *[other] { $count } berichten
}
mail-space-digest-replies = { $count ->
    [one] 1 nieuwe reactie
   *[other] { $count } nieuwe reacties
}
mail-action-space_digest = Naar de gesprekken
mail-footer-space-daily = Je krijgt dit overzicht één keer per dag. Dat kun je veranderen op { $link }.

audit-action-thread_started = Gesprek begonnen
audit-action-post_removed = Bericht weggehaald

space-leave-remove-posts = Haal ook mijn berichten in de gesprekken weg
space-leave-remove-posts-help = Doe je dit niet, dan blijven je berichten staan, met „oud-lid” als afzender.

space-remove-heading = Bericht weghalen?
space-remove-text = Je haalt het bericht van { $name } van { $when } in „{ $thread }” weg. De tekst is dan weg; dat kun je niet terugdraaien.
space-remove-button = Ja, weghalen
space-remove-back = Nee, terug naar het gesprek
