"""The legal pages: Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit."""
