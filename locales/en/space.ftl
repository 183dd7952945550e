# An atelier's online space: threads, replies, following and mail.

space-heading = Conversations
space-intro = Here members keep talking between meetings. Ask a question, share an experience or reply to someone. All members take part, also those who only take part online.
space-none = There are no conversations yet. Start one!
space-all = All conversations
space-pages = More conversations
space-newest = Newest conversations
space-older = Older conversations
space-post-count = { $count ->
    [one] 1 post
   *[other] { $count } posts
}
space-last-post = last post { $when }
space-following = you follow this

space-new-heading = New conversation
space-new-intro = Give your conversation a clear title. Only members of the atelier read it.
space-new-button = Start conversation
space-field-title = Title
space-field-body = Your post
space-field-reply = Your reply
space-field-body-help = You can use Markdown: **bold**, *italic*, lists with a dash, and links. Paste the address of a case or meeting to mention it.
space-field-about = What is it about?
space-field-about-help = Choose a case or meeting if your conversation is about it.
space-field-about-none = Nothing in particular
space-about-case = Case: { $title }
space-about-meeting = Meeting of { $when }
space-error-title-missing = Give your conversation a title.
space-error-body-missing = Write a post.

space-started-by = Started by { $name }
space-following-text = You follow this conversation: you hear when someone replies.
space-not-following-text = Follow this conversation to hear when someone replies.
space-follow = Follow
space-unfollow = Stop following
space-posts-label = Posts
space-post-by = post by { $name }
space-post-removed = This post was removed.
space-mentions = Mentioned:
space-helpful = Helpful
space-helpful-marked = you found this helpful
space-helpful-count = { $count ->
    [one] 1 member found this helpful
   *[other] { $count } members found this helpful
}
space-error-helpful-own = You cannot mark your own post helpful.
space-remove = Remove
space-thread-start = To the start of the conversation
space-thread-later = Next posts
space-reply-heading = Reply
space-reply-button = Post reply

space-mail-heading = Email about new posts
space-field-mail = When do you want an email?
space-mail-each = For every new post
space-mail-daily = Once a day, an overview
space-mail-none = No email, I will look myself
space-mail-save = Save
space-error-mail = Choose when you want an email.

space-notice-mail = Your email choice is saved.
space-notice-removed = The post was removed.
space-notice-helpful = Thank you! You found this post helpful.
space-notice-following = You now follow this conversation.
space-notice-not-following = You no longer follow this conversation.

mail-subject-space_post = { $title }: { $thread }
mail-body-space_post-thread = { $name } started a new conversation in { $title }: “{ $thread }”.
mail-body-space_post-reply = { $name } replied in the conversation “{ $thread }” in { $title }:
mail-action-space_post = Read and reply
mail-footer-space-each = You get this email because you want an email for every new post. You can change that at { $link }.
mail-subject-space_digest = New in { $title }
mail-body-space_digest = This is new in the conversations of { $title } since your previous overview:
mail-space-digest-started = new conversation, { $count ->
    [one] 1 post
   *[other] { $count } posts
}
mail-space-digest-replies = { $count ->
    [one] 1 new reply
   *[other] { $count } new replies
}
mail-action-space_digest = To the conversations
mail-footer-space-daily = You get this overview once a day. You can change that at { $link }.

audit-action-thread_started = Conversation started
audit-action-post_removed = Post removed

space-leave-remove-posts = Also remove my posts in the conversations
space-leave-remove-posts-help = If you do not, your posts stay, with “former member” as the writer.

space-remove-heading = Remove post?
space-remove-text = You remove the post by { $name } of { $when } in “{ $thread }”. Its text is then gone; you cannot undo this.
space-remove-button = Yes, remove
space-remove-back = No, back to the conversation
