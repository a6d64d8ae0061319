"""Tasks for subscribers (helper E replaces this placeholder)."""
