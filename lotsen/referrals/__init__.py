"""Referral requests (Vermittlung): the public request form, the coordinators' pages, the
guides' personal accept-or-decline link and the reminder of unanswered proposals."""
