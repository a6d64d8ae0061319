"""Tasks for interim reports (helper F replaces this placeholder)."""
