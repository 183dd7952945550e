# Leerateliers, de online ruimte: bronnen (links en bestanden) die leden delen.

## De pagina
resources-heading = Bronnen
resources-intro = Hier delen de mensen van het atelier links en bestanden die ze nuttig vinden: een artikel, een handreiking, een werkblad. Alleen wie in het atelier zit, ziet ze.
resources-list-heading = Gedeeld
resources-none = Er zijn nog geen bronnen gedeeld.
resources-none-theme = Er zijn geen bronnen met dit thema.
resources-filter-label = Thema
resources-filter-all = Alle thema's
resources-filter-button = Toon bronnen
resources-shared-by = Gedeeld door { $name } op { $date }
resources-nameless = een lid
resources-link-to = link naar { $host }
resources-file-of = { $type }, { $size }
resources-size-kb = { $size } kB
resources-size-mb = { $size } MB
resources-older = Oudere bronnen
resources-remove = Verwijderen
resources-back = Terug naar de bronnen
resources-notice-shared = Je bron is gedeeld. Dat telt mee bij wat je brengt.
resources-notice-removed = De bron is verwijderd.

## Soorten bestanden
resource-type-pdf = PDF
resource-type-image = afbeelding
resource-type-document = document
resource-type-spreadsheet = rekenblad
resource-type-presentation = presentatie
resource-type-text = tekst
resource-type-csv = CSV

## Een bron delen
resources-share-heading = Een bron delen
resources-share-intro = Geef je bron een titel. Deel daarna een link of een bestand.
resources-field-title = Titel
resources-choice-legend = Link of bestand
resources-choice-help = Vul een link in, of kies een bestand. Niet allebei.
resources-field-link = Link
resources-field-link-help = Een adres dat begint met https:// of http://.
resources-field-file = Bestand
resources-field-file-help = Een PDF, een foto (PNG of JPEG), een bestand van Word, Excel of PowerPoint, een OpenDocument-bestand, tekst of CSV. Hoogstens 10 MB.
resources-field-themes = Thema's
resources-share-button = Delen

## Fouten
resource-error-title-required = Vul een titel in.
resource-error-link = Vul een link in die begint met https:// of http://, zonder spaties.
resource-error-link-or-file = Vul een link in of kies een bestand.
resource-error-both = Je koos een link én een bestand. Deel er één: maak de link leeg en kies het bestand opnieuw, of deel alleen de link.
resource-error-file-too-large = Dit bestand is groter dan 10 MB. Kies een kleiner bestand, of deel een link.
resource-error-file-empty = Dit bestand is leeg. Kies een ander bestand.
resource-error-file-type = Dit soort bestand kun je hier niet delen. Kies een PDF, een foto, een Office- of OpenDocument-bestand, tekst of CSV.
resource-error-file-again = Je bestand is nog niet bewaard. Kies het opnieuw.
resources-too-large-title = Dit bestand is te groot
resources-too-large-text = Een bestand mag hoogstens { $size } zijn. Er is niets bewaard. Ga terug en kies een kleiner bestand, of deel een link.

## Verwijderen
resources-remove-heading = Bron verwijderen
resources-remove-text-file = Wil je "{ $title }" verwijderen? Het bestand wordt gewist. Dit kun je niet terugdraaien.
resources-remove-text-link = Wil je "{ $title }" verwijderen? Dit kun je niet terugdraaien.
resources-remove-button = Ja, verwijderen

## Logboek
audit-action-resource_shared = Bron gedeeld
audit-action-resource_removed = Bron verwijderd
