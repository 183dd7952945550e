# Merging public people (/beheer/mensen), for platform admins.
people-heading = Merge people
people-intro = Is one person on the site twice, for example as a speaker spelled differently? Then merge the two pages. Everything that names the second person names the first afterwards. The second person's page goes.
people-none-alike = No name appears twice right now.
people-alike = These names appear more than once: { $names }.
people-uses = { $count ->
    [one] named once
   *[other] named { $count } times
}
people-keep = This person stays
people-keep-help = Their page stays. What it lacks (organisation, email, phone) comes from the other person.
people-gone = This person merges into the first
people-gone-help = This page goes.
people-merge = Merge
people-merged = The two people have been merged.
people-error-choose = Choose a person from the list.
people-error-same = Choose two different people.
people-error-gone = One of the two no longer exists. Perhaps someone else just merged them. Choose again.
audit-action-profiles_merged = People merged
