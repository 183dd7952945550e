# Samenleren — beheer: kartrekkers. Nederlandse teksten (B1: korte zinnen, gewone woorden).

kartrekkers-heading = Kartrekkers
kartrekkers-intro = Een kartrekker beheert deze activiteit zonder organisator van de organisatie te zijn. Een kartrekker kan de gegevens, bijeenkomsten en vragen aanpassen, de aanmeldingen zien en beheren, mensen inchecken en berichten sturen. Publiceren, annuleren, archiveren en een volgende editie maken blijft aan de organisatoren.
kartrekkers-list = Met toegang
kartrekkers-none = Nog niemand. Nodig hieronder iemand uit.
kartrekkers-remove = Toegang intrekken
kartrekkers-invited-list = Uitgenodigd
kartrekkers-until = uitnodiging werkt tot { $date }
kartrekkers-invite = Kartrekker uitnodigen
kartrekkers-email = E-mailadres
kartrekkers-email-help = De persoon krijgt een e-mail met een link. Met die link heeft hij of zij meteen toegang. Een account is niet nodig.
kartrekkers-invite-button = Uitnodiging sturen
kartrekkers-invited = De uitnodiging is verstuurd.
kartrekkers-already = Deze persoon is al kartrekker van deze activiteit.
kartrekkers-removed = De toegang is ingetrokken.
