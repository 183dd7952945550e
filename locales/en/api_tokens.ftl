# Samenleren — back office: API tokens. English texts (plain English, short sentences).

# API tokens (/account/api-sleutels, /beheer/api-sleutels)
tokens-heading = API tokens
tokens-intro-member = With an API token another program can read your meetings, your answers and your cases in the leerateliers you are a member of. For example your own calendar app. The program cannot change anything. If you are no longer a member of an atelier, the token no longer sees anything of it.
tokens-intro = With an API token another program can read and change your activities and registrations, as you do here in the back office. For example your organisation's course system. The token works for every organisation you organise for.
tokens-how = The program sends the token as "Authorization: Bearer" and the token. What the program can do is in the
tokens-docs = description of the API (OpenAPI).
tokens-created = Your new API token
tokens-created-once = Copy the token now and keep it safe. You see it here only once. Lost it? Revoke it and make a new one.
tokens-list = Your tokens
tokens-none = You have no API tokens yet.
tokens-col-name = Name
tokens-col-created = Made
tokens-col-used = Last used
tokens-col-status = Status
tokens-col-action = Action
tokens-never-used = Not yet
tokens-active = Works
tokens-revoked-on = Revoked on { $date }
tokens-revoke = Revoke
tokens-new = Make a new token
tokens-name = Name of the token
tokens-name-help = What do you use it for? For example: link with our course system.
tokens-create = Make token
tokens-error-name-required = Give the token a name.
tokens-error-too-many = You already have { $max } tokens that work. Revoke one first.
tokens-notice-revoked = The token is revoked. It no longer works.
