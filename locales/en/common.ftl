# Samenleren — frame of every page, kinds, errors, dates. English texts (plain English, short sentences).

## Frame of every page
skip-to-content = Skip to content
language-label = Language
nav-label = Main menu
nav-home = Home
nav-catalog = Activities
nav-themes = Themes
nav-organisations = Organisations
nav-accessibility = Accessibility
switch-language = Nederlands
footer-about = Samenleren: learning together about community building. Learning cafés, learning studios and elective modules in one place.
footer-calendar = Calendar (iCalendar)
footer-api = API for integrations
breadcrumb-label = Breadcrumb

## Kinds of activity
kind-cafe = Learning café
kind-atelier = Learning studio
kind-module = Elective module

## Error pages
error-go-home = Go to the home page
error-go-catalog = See all activities
error-404-title = This page does not exist
error-404-message = We cannot find this page. Maybe the activity has moved or the link is wrong.
error-405-title = This is not possible
error-405-message = This page does not work this way. Go back and try again.
error-414-title = The address is too long
error-414-message = The address of this page is too long. Choose fewer filters or start again.
error-400-title = We don't understand this
error-400-message = We could not read your request. Go back and try again.
error-413-title = This is too much
error-413-message = What you filled in is too long. Go back, make your text shorter and try again.
error-500-title = Something went wrong
error-500-message = Something went wrong on our side. It is not your fault. Please try again later.
error-503-title = Briefly unavailable
error-503-message = It is too busy right now or we are doing maintenance. Try again in a few minutes.

## Days and months
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
