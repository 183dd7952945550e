# Samenleren — back office: kartrekkers. English texts (plain English, short sentences).

kartrekkers-heading = Kartrekkers
kartrekkers-intro = A kartrekker (facilitator) runs this activity without being an organiser of the organisation. A kartrekker can change its details, sessions and questions, see and manage registrations, check people in and send messages. Publishing, cancelling, archiving and making a next edition stay with the organisers.
kartrekkers-list = With access
kartrekkers-none = Nobody yet. Invite someone below.
kartrekkers-remove = Withdraw access
kartrekkers-invited-list = Invited
kartrekkers-until = invitation works until { $date }
kartrekkers-invite = Invite a kartrekker
kartrekkers-email = Email address
kartrekkers-email-help = The person gets an email with a link. With that link they have access at once. No account is needed.
kartrekkers-invite-button = Send invitation
kartrekkers-invited = The invitation has been sent.
kartrekkers-already = This person is already kartrekker of this activity.
kartrekkers-removed = Access has been withdrawn.
