"""The controlled vocabularies of the demo network, German name first, English second.

The first column is the key the rest of the demo data refers to; for languages it is the
ISO 639-1 code, which is stored as well. Roles and professionalisation topics follow seed 001.
"""

LANGUAGES = (
    ("sq", "Albanisch", "Albanian"),
    ("ar", "Arabisch", "Arabic"),
    ("bs", "Bosnisch", "Bosnian"),
    ("de", "Deutsch", "German"),
    ("en", "Englisch", "English"),
    ("fr", "Französisch", "French"),
    ("el", "Griechisch", "Greek"),
    ("it", "Italienisch", "Italian"),
    ("ku", "Kurdisch", "Kurdish"),
    ("fa", "Persisch", "Persian"),
    ("pl", "Polnisch", "Polish"),
    ("pt", "Portugiesisch", "Portuguese"),
    ("ru", "Russisch", "Russian"),
    ("es", "Spanisch", "Spanish"),
    ("ta", "Tamil", "Tamil"),
    ("tr", "Türkisch", "Turkish"),
)

COMMUNITIES = (
    ("afrikanisch", "afrikanisch", "African"),
    ("albanisch", "albanisch", "Albanian"),
    ("alevitisch", "alevitisch", "Alevi"),
    ("arabisch", "arabisch", "Arab"),
    ("bosnisch", "bosnisch", "Bosnian"),
    ("griechisch", "griechisch", "Greek"),
    ("herkunftsübergreifend", "herkunftsübergreifend", "multi-origin"),
    ("iranisch", "iranisch", "Iranian"),
    ("italienisch", "italienisch", "Italian"),
    ("kurdisch", "kurdisch", "Kurdish"),
    ("marokkanisch", "marokkanisch", "Moroccan"),
    ("polnisch", "polnisch", "Polish"),
    ("portugiesisch", "portugiesisch", "Portuguese"),
    ("russlanddeutsch", "russlanddeutsch", "Russian-German"),
    ("tamilisch", "tamilisch", "Tamil"),
    ("türkisch", "türkisch", "Turkish"),
)

THEMATIC_FIELDS = (
    ("arbeit", "Arbeit und Beruf", "Work and careers"),
    ("eltern", "Eltern und Bildung", "Parents and education"),
    ("frauen", "Frauen", "Women"),
    ("jugend", "Jugend", "Youth"),
    ("kultur", "Kultur", "Culture"),
    ("religion", "Religion", "Religion"),
    ("soziales", "Soziales", "Social affairs"),
    ("sport", "Sport", "Sport"),
)

ORGANISATION_ROLES = (
    ("info", "Informationsvermittler", "Information broker"),
    ("interessen", "Interessenvertreter", "Advocate"),
    ("kooperation", "Kooperationspartner", "Cooperation partner"),
    ("projekt", "Projektträger", "Project sponsor"),
    ("experten", "Expertengremium", "Expert panel"),
)

PROFESSIONALISATION_TOPICS = (
    ("vereinsrecht", "Vereinsrecht", "Association law"),
    ("projekt", "Projektmanagement", "Project management"),
    ("oeffentlichkeit", "Öffentlichkeitsarbeit", "Public relations"),
    ("finanzierung", "Finanzierung/Fördermittel", "Funding"),
    ("netzwerk", "Netzwerkarbeit", "Networking"),
    ("ehrenamt", "Ehrenamtsmanagement", "Volunteer management"),
    ("nachhaltigkeit", "Nachhaltigkeit", "Sustainability"),
)

EXPERTISE_AREAS = (
    (
        "anerkennung",
        "Anerkennung ausländischer Abschlüsse",
        "Recognition of foreign qualifications",
    ),
    ("ausbildung", "Ausbildung", "Vocational training"),
    ("begleitung", "Begleitung zu Ämtern", "Accompanying people to public offices"),
    ("bewerbung", "Bewerbung", "Job applications"),
    ("existenzgruendung", "Existenzgründung", "Starting a business"),
    ("jobcenter", "Jobcenter und Arbeitsagentur", "Job centre and employment agency"),
    ("sprachkurse", "Sprachkurse", "Language courses"),
    ("weiterbildung", "Weiterbildung", "Further training"),
)
