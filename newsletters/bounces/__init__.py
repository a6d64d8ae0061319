"""Bounces: addresses the mail servers refuse, at sending or later in a bounce report (DSN).

``verp`` gives every delivery its own signed return address, ``dsn`` reads a bounce report,
``mailboxes`` fetches the reports from a Maildir or an IMAP mailbox, ``services`` records a
bounce on the delivery and its subscriber, ``tasks`` holds the beat job.
"""
