# Learning studios, the online space: resources (links and files) members share.

## The page
resources-heading = Resources
resources-intro = Here the people of the studio share links and files they find useful: an article, a guide, a worksheet. Only those in the studio see them.
resources-list-heading = Shared
resources-none = Nothing has been shared yet.
resources-none-theme = There are no resources with this theme.
resources-filter-label = Theme
resources-filter-all = All themes
resources-filter-button = Show resources
resources-shared-by = Shared by { $name } on { $date }
resources-nameless = a member
resources-link-to = link to { $host }
resources-file-of = { $type }, { $size }
resources-size-kb = { $size } kB
resources-size-mb = { $size } MB
resources-older = Older resources
resources-remove = Remove
resources-back = Back to the resources
resources-notice-shared = Your resource is shared. It counts towards what you contribute.
resources-notice-removed = The resource was removed.

## Kinds of files
resource-type-pdf = PDF
resource-type-image = image
resource-type-document = document
resource-type-spreadsheet = spreadsheet
resource-type-presentation = presentation
resource-type-text = text
resource-type-csv = CSV

## Sharing a resource
resources-share-heading = Share a resource
resources-share-intro = Give your resource a title. Then share a link or a file.
resources-field-title = Title
resources-choice-legend = Link or file
resources-choice-help = Fill in a link, or choose a file. Not both.
resources-field-link = Link
resources-field-link-help = An address that starts with https:// or http://.
resources-field-file = File
resources-field-file-help = A PDF, a photo (PNG or JPEG), a Word, Excel or PowerPoint file, an OpenDocument file, text or CSV. At most 10 MB.
resources-field-themes = Themes
resources-share-button = Share

## Errors
resource-error-title-required = Fill in a title.
resource-error-link = Fill in a link that starts with https:// or http://, without spaces.
resource-error-link-or-file = Fill in a link or choose a file.
resource-error-both = You chose a link and a file. Share one: empty the link and choose the file again, or share only the link.
resource-error-file-too-large = This file is larger than 10 MB. Choose a smaller file, or share a link.
resource-error-file-empty = This file is empty. Choose another file.
resource-error-file-type = You cannot share this kind of file here. Choose a PDF, a photo, an Office or OpenDocument file, text or CSV.
resource-error-file-again = Your file has not been saved yet. Choose it again.
resources-too-large-title = This file is too large
resources-too-large-text = A file may be at most { $size }. Nothing was saved. Go back and choose a smaller file, or share a link.

## Removing
resources-remove-heading = Remove resource
resources-remove-text-file = Do you want to remove "{ $title }"? The file will be deleted. This cannot be undone.
resources-remove-text-link = Do you want to remove "{ $title }"? This cannot be undone.
resources-remove-button = Yes, remove

## Log
audit-action-resource_shared = Resource shared
audit-action-resource_removed = Resource removed
