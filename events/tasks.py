"""PLACEHOLDER: replaced by the helper that owns registrations."""
