# Publieke personen samenvoegen (/beheer/mensen), voor platformbeheerders.
people-heading = Mensen samenvoegen
people-intro = Staat één persoon twee keer op de site, bijvoorbeeld als spreker met een andere schrijfwijze? Voeg de twee pagina's dan samen. Alles wat de tweede persoon noemt, noemt daarna de eerste. De pagina van de tweede persoon verdwijnt.
people-none-alike = Er zijn nu geen namen die twee keer voorkomen.
people-alike = Deze namen komen meer dan één keer voor: { $names }.
people-uses = { $count ->
    [one] 1 keer genoemd
   *[other] { $count } keer genoemd
}
people-keep = Deze persoon blijft
people-keep-help = Zijn of haar pagina blijft bestaan. Wat hier nog ontbreekt (organisatie, e-mail, telefoon) komt van de andere persoon.
people-gone = Deze persoon gaat op in de eerste
people-gone-help = Deze pagina verdwijnt.
people-merge = Samenvoegen
people-merged = De twee personen zijn samengevoegd.
people-error-choose = Kies een persoon uit de lijst.
people-error-same = Kies twee verschillende personen.
people-error-gone = Een van de twee bestaat niet meer. Misschien heeft iemand anders ze net samengevoegd. Kies opnieuw.
audit-action-profiles_merged = Personen samengevoegd
