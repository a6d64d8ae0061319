"""The demo network's members: 30 migrant organisations and their 43 guides (data only).

The 19 organisations the March 2014 newsletter names keep their real names; what the newsletter
does not say about them (city, languages, roles, needs) is a plausible guess. The other 11
organisations, every contact person and every guide are invented and marked ``is_demo``.
Vocabulary entries are referred to by the keys defined in ``lotsen.demo.vocabularies``.
"""

from typing import NamedTuple

from organisations.models import LegalForm, SupportKind

EV = LegalForm.REGISTERED_ASSOCIATION
RELIGIOUS = LegalForm.RELIGIOUS_COMMUNITY
OTHER = LegalForm.OTHER


class Org(NamedTuple):
    name: str
    city: str
    communities: str  # space-separated community keys
    languages: str  # space-separated ISO codes
    fields: str  # space-separated thematic field keys
    roles: str  # space-separated role keys
    needs: str  # space-separated professionalisation topic keys
    joined_on: str
    contact: tuple[str, str] | None  # invented (name, position); None: nobody to contact yet
    legal_form: str = EV
    listed: bool = True
    full_time: bool = False
    members: int | None = None
    invented: bool = False


# Real organisations get no invented member counts; only the invented ones have figures.
# fmt: off
ORGANISATIONS: dict[str, tuple[Org, ...]] = {
    "mittleres-ruhrgebiet": (
        Org("Bosnische Gemeinde Witten e.V.", "Witten", "bosnisch", "bs de",
            "kultur religion eltern", "info kooperation", "vereinsrecht finanzierung",
            "2014-01-27", ("Selma Begović", "Vorsitzende")),
        Org("DITIB Türkische Gemeinde Schwelm e.V.", "Schwelm", "türkisch", "tr de",
            "religion kultur eltern", "info interessen", "oeffentlichkeit projekt",
            "2014-01-27", ("Ismail Güneş", "Vorsitzender")),
        Org("Griechisch-Deutscher Sport- und Kulturverein Hellas Gevelsberg e.V.", "Gevelsberg",
            "griechisch", "el de", "sport kultur jugend", "info", "ehrenamt finanzierung",
            "2014-02-03", ("Nikos Georgiou", "Vorsitzender")),
        Org("Türkischer-Schüler-Eltern Förderverein e.V.", "Schwelm", "türkisch", "tr de",
            "eltern jugend", "info interessen kooperation", "projekt vereinsrecht",
            "2014-02-03", ("Sevgi Acar", "Vorsitzende")),
    ),
    "bergisches-staedtedreieck": (
        Org("Afro-German e.V.", "Solingen", "afrikanisch", "en fr de", "kultur soziales",
            "info interessen", "finanzierung oeffentlichkeit", "2014-02-17",
            ("Abena Owusu", "Vorsitzende")),
        Org("Alevitische Kulturgemeinde Solingen und Umgebung e.V.", "Solingen",
            "alevitisch türkisch kurdisch", "tr ku de", "kultur religion eltern",
            "info interessen kooperation", "projekt netzwerk", "2014-02-17",
            ("Ali Ekinci", "Vorsitzender")),
        Org("Centro Culturale Operaio Italiano e.V.", "Solingen", "italienisch", "it de",
            "kultur arbeit", "info kooperation", "oeffentlichkeit ehrenamt", "2014-02-17",
            ("Luca Romano", "Vorsitzender")),
        Org("DITIB Merkez", "Solingen", "türkisch", "tr de", "religion kultur",
            "info", "vereinsrecht oeffentlichkeit", "2014-02-17",
            ("Osman Yavuz", "Vorstand"), legal_form=RELIGIOUS, listed=False),
        Org("Internationales Frauenzentrum Solingen e.V.", "Solingen", "herkunftsübergreifend",
            "de tr ar ru", "frauen soziales arbeit", "info kooperation projekt experten",
            "finanzierung nachhaltigkeit", "2014-02-17", ("Maria Lindner", "Geschäftsführerin"),
            full_time=True),
        Org("Islamisches Zentrum Solingen e.V.", "Solingen", "arabisch herkunftsübergreifend",
            "ar de", "religion soziales", "info interessen", "vereinsrecht projekt",
            "2014-02-17", ("Khaled Mansour", "Vorsitzender")),
        Org("Patronato Labor", "Solingen", "italienisch", "it de", "arbeit soziales",
            "info kooperation experten", "netzwerk", "2014-02-17",
            ("Giulia Ferri", "Sozialberaterin"), legal_form=OTHER, full_time=True),
        Org("Portugiesischer Verein e.V.", "Solingen", "portugiesisch", "pt de",
            "kultur sport", "info", "ehrenamt finanzierung", "2014-02-17",
            ("João Pereira", "Vorsitzender")),
        Org("Spektrum e.V.", "Solingen", "herkunftsübergreifend", "de ru en",
            "jugend kultur", "kooperation projekt", "projekt finanzierung", "2014-02-17",
            None, listed=False),
        Org("Tamilischer Kultur-Sportverein Solingen e.V.", "Solingen", "tamilisch",
            "ta de en", "kultur sport jugend", "info interessen", "oeffentlichkeit vereinsrecht",
            "2014-02-17", ("Ravi Shanmugam", "Vorsitzender")),
        Org("Türkischer Volksverein e.V.", "Solingen", "türkisch", "tr de", "kultur soziales",
            "info interessen", "netzwerk ehrenamt", "2014-02-17", ("Nuri Bulut", "Vorsitzender")),
        Org("Türkischer Elternverein e.V.", "Solingen", "türkisch", "tr de", "eltern jugend",
            "info interessen kooperation", "projekt oeffentlichkeit", "2014-02-17",
            ("Hatice Erdem", "Vorsitzende")),
        Org("Vatanspor e.V.", "Solingen", "türkisch", "tr de", "sport jugend", "info",
            "ehrenamt finanzierung", "2014-02-17", None),
    ),
    "hellweg-hochsauerland": (
        Org("Alevitische Gemeinde HSK", "Meschede", "alevitisch türkisch", "tr de",
            "religion kultur", "info interessen", "vereinsrecht projekt", "2014-02-18",
            ("Haydar Tunç", "Vorsitzender"), legal_form=RELIGIOUS, listed=False),
        Org("DITIB Arnsberg", "Arnsberg", "türkisch", "tr de", "religion kultur eltern",
            "info", "finanzierung oeffentlichkeit", "2014-02-18",
            ("Recep Kurt", "Vorsitzender"), legal_form=RELIGIOUS),
    ),
    # Invented organisations in the other regions with a binding cooperation by March 2014.
    "maerkische-region": (
        Org("Polnischer Kulturverein Iserlohn e.V.", "Iserlohn", "polnisch", "pl de",
            "kultur soziales", "info kooperation", "oeffentlichkeit ehrenamt", "2013-10-21",
            ("Katarzyna Wiśniewska", "Vorsitzende"), members=85, invented=True),
        Org("Marokkanischer Eltern- und Kulturverein Lüdenscheid e.V.", "Lüdenscheid",
            "marokkanisch arabisch", "ar fr de", "eltern kultur", "info interessen",
            "projekt finanzierung", "2013-11-04", ("Latifa Bouzid", "Vorsitzende"),
            members=60, invented=True),
    ),
    "duesseldorf-kreis-mettmann": (
        Org("Deutsch-Russischer Integrationsverein Mettmann e.V.", "Mettmann",
            "russlanddeutsch", "ru de", "soziales arbeit", "info kooperation projekt",
            "netzwerk finanzierung", "2013-11-25", ("Alexander Fischer", "Geschäftsführer"),
            full_time=True, members=140, invented=True),
    ),
    "emscher-lippe": (
        Org("Albanischer Kulturverein Gelsenkirchen e.V.", "Gelsenkirchen", "albanisch",
            "sq de", "kultur jugend", "info interessen", "vereinsrecht oeffentlichkeit",
            "2013-11-04", ("Besnik Gashi", "Vorsitzender"), members=70, invented=True),
    ),
    "muensterland": (
        Org("Afrikanisches Netzwerk Münsterland e.V.", "Münster", "afrikanisch", "en fr de",
            "arbeit soziales", "info interessen experten", "netzwerk projekt", "2013-12-09",
            ("Mariama Sow", "Sprecherin"), members=45, invented=True),
    ),
    "niederrhein": (
        Org("Türkisch-Deutscher Unternehmerverein Duisburg e.V.", "Duisburg", "türkisch",
            "tr de", "arbeit", "kooperation experten", "oeffentlichkeit netzwerk",
            "2013-12-16", ("Erol Karaca", "Vorsitzender"), members=110, invented=True),
        Org("Kurdisches Gemeinschaftszentrum Moers e.V.", "Moers", "kurdisch", "ku tr ar de",
            "kultur frauen", "info interessen", "vereinsrecht finanzierung", "2013-12-16",
            None, members=55, invented=True),
    ),
    "siegen-wittgenstein-olpe": (
        Org("Internationaler Frauentreff Siegen e.V.", "Siegen", "herkunftsübergreifend",
            "de ru ar tr", "frauen soziales", "info kooperation", "ehrenamt projekt",
            "2014-02-12", ("Petra Kaiser", "Vorsitzende"), members=40, invented=True),
        Org("Italienischer Kulturkreis Olpe e.V.", "Olpe", "italienisch", "it de",
            "kultur eltern", "info", "oeffentlichkeit nachhaltigkeit", "2014-02-12",
            ("Antonio Greco", "Vorsitzender"), listed=False, members=35, invented=True),
    ),
    "bonn-rhein-sieg": (
        Org("Deutsch-Iranischer Kultur- und Bildungsverein Bonn e.V.", "Bonn", "iranisch",
            "fa de en", "kultur eltern arbeit", "info kooperation experten",
            "projekt finanzierung", "2014-02-10", ("Parisa Karimi", "Vorsitzende"),
            members=90, invented=True),
        Org("Arabischer Eltern- und Jugendverein Siegburg e.V.", "Siegburg", "arabisch",
            "ar de", "eltern jugend", "info interessen", "vereinsrecht ehrenamt",
            "2014-02-10", ("Mahmoud Awad", "Vorsitzender"), listed=False, members=50,
            invented=True),
    ),
}

# organisation, kind, topic key, date, provided by
SUPPORT_MEASURES = (
    ("Bosnische Gemeinde Witten e.V.", SupportKind.COACHING, "vereinsrecht", "2014-02-15",
     "MOZAIK gGmbH"),
    ("Internationales Frauenzentrum Solingen e.V.", SupportKind.TRAINING, "oeffentlichkeit",
     "2013-11-20", "Kommunales Integrationszentrum Solingen"),
    ("Tamilischer Kultur-Sportverein Solingen e.V.", SupportKind.TANDEM, "projekt",
     "2014-02-22", "Internationales Frauenzentrum Solingen e.V."),
    ("DITIB Arnsberg", SupportKind.ADVICE, "finanzierung", "2014-02-25",
     "Regionalagentur Hellweg-Hochsauerland"),
    ("Polnischer Kulturverein Iserlohn e.V.", SupportKind.TRAINING, "ehrenamt", "2014-01-18",
     "MOZAIK gGmbH"),
    ("Türkisch-Deutscher Unternehmerverein Duisburg e.V.", SupportKind.COACHING, "netzwerk",
     "2014-02-08", "N.U.R.E.C. Institute Duisburg e.V."),
)
# fmt: on


class Person(NamedTuple):
    first_name: str
    last_name: str
    languages: str  # "code:level" pairs, levels as in LanguageLevel
    expertise: str  # space-separated expertise keys
    public_profile: bool = False


# Guides per organisation: 43 from 30 organisations, as the newsletter counts them.
GUIDES: dict[str, tuple[Person, ...]] = {
    "Bosnische Gemeinde Witten e.V.": (
        Person("Amra", "Hodžić", "bs:native de:C1", "anerkennung begleitung", True),
        Person("Edin", "Mujić", "bs:native de:B2 en:B1", "jobcenter bewerbung"),
    ),
    "DITIB Türkische Gemeinde Schwelm e.V.": (
        Person("Mehmet", "Yıldız", "tr:native de:C1", "jobcenter begleitung"),
    ),
    "Griechisch-Deutscher Sport- und Kulturverein Hellas Gevelsberg e.V.": (
        Person("Eleni", "Papadopoulou", "el:native de:C2 en:B2", "ausbildung bewerbung", True),
    ),
    "Türkischer-Schüler-Eltern Förderverein e.V.": (
        Person("Ayşe", "Demir", "tr:native de:C2", "ausbildung sprachkurse", True),
        Person("Hakan", "Öztürk", "tr:native de:C1", "existenzgruendung"),
    ),
    "Afro-German e.V.": (
        Person("Grace", "Mensah", "en:C2 fr:B1 de:B2", "anerkennung", True),
        Person("Kwame", "Asante", "en:C2 de:B1", "bewerbung"),
    ),
    "Alevitische Kulturgemeinde Solingen und Umgebung e.V.": (
        Person("Cem", "Doğan", "tr:native ku:B1 de:C1", "jobcenter begleitung"),
        Person("Zeynep", "Kaya", "tr:native de:C2", "ausbildung weiterbildung", True),
    ),
    "Centro Culturale Operaio Italiano e.V.": (
        Person("Giuseppe", "Russo", "it:native de:C1", "anerkennung existenzgruendung"),
    ),
    "DITIB Merkez": (Person("Yusuf", "Aydın", "tr:native de:B2 ar:A2", "begleitung"),),
    "Internationales Frauenzentrum Solingen e.V.": (
        Person("Nadia", "El-Amrani", "ar:native fr:C1 de:C1", "anerkennung sprachkurse", True),
        Person("Olga", "Schmidt", "ru:native de:C1", "weiterbildung bewerbung"),
    ),
    "Islamisches Zentrum Solingen e.V.": (
        Person("Omar", "Haddad", "ar:native de:B2 en:B2", "jobcenter"),
    ),
    "Patronato Labor": (
        Person("Francesca", "Esposito", "it:native de:C2", "jobcenter anerkennung", True),
    ),
    "Portugiesischer Verein e.V.": (Person("Ana", "Ferreira", "pt:native de:C1", "bewerbung"),),
    "Spektrum e.V.": (Person("Irina", "Wolf", "ru:native de:C2 en:B2", "weiterbildung"),),
    "Tamilischer Kultur-Sportverein Solingen e.V.": (
        Person("Suresh", "Sivakumar", "ta:native en:C1 de:B2", "anerkennung jobcenter"),
        Person("Kavitha", "Rajendran", "ta:native de:C1", "ausbildung", True),
    ),
    "Türkischer Volksverein e.V.": (
        Person("Murat", "Çelik", "tr:native de:C1", "existenzgruendung begleitung"),
    ),
    "Türkischer Elternverein e.V.": (
        Person("Elif", "Şahin", "tr:native de:C2", "ausbildung bewerbung"),
    ),
    "Vatanspor e.V.": (Person("Serkan", "Arslan", "tr:native de:C1", "bewerbung"),),
    # The newsletter's five guides from Meschede: two came with these organisations and three
    # as individuals; the demo files the three under the two organisations as well.
    "Alevitische Gemeinde HSK": (
        Person("Hüseyin", "Koç", "tr:native de:C1", "jobcenter begleitung"),
        Person("Gülay", "Polat", "tr:native de:B2", "sprachkurse"),
        Person("Deniz", "Yılmaz", "tr:native de:C2 en:B1", "ausbildung", True),
    ),
    "DITIB Arnsberg": (
        Person("Ahmet", "Kılıç", "tr:native de:B2", "begleitung"),
        Person("Fatma", "Aksoy", "tr:native de:C1", "anerkennung"),
    ),
    "Polnischer Kulturverein Iserlohn e.V.": (
        Person("Agnieszka", "Nowak", "pl:native de:C1", "anerkennung weiterbildung", True),
        Person("Tomasz", "Kowalski", "pl:native de:B2", "existenzgruendung"),
    ),
    "Marokkanischer Eltern- und Kulturverein Lüdenscheid e.V.": (
        Person("Karim", "Benali", "ar:native fr:C1 de:C1", "jobcenter begleitung"),
    ),
    "Deutsch-Russischer Integrationsverein Mettmann e.V.": (
        Person("Natalia", "Becker", "ru:native de:C2", "anerkennung bewerbung", True),
        Person("Viktor", "Hoffmann", "ru:native de:C1", "jobcenter"),
    ),
    "Albanischer Kulturverein Gelsenkirchen e.V.": (
        Person("Arben", "Krasniqi", "sq:native de:C1", "ausbildung begleitung"),
    ),
    "Afrikanisches Netzwerk Münsterland e.V.": (
        Person("Amadou", "Diallo", "fr:native en:B2 de:B2", "anerkennung"),
        Person("Fatou", "Ndiaye", "fr:native de:C1", "bewerbung sprachkurse", True),
    ),
    "Türkisch-Deutscher Unternehmerverein Duisburg e.V.": (
        Person("Kemal", "Aslan", "tr:native de:C2", "existenzgruendung", True),
    ),
    "Kurdisches Gemeinschaftszentrum Moers e.V.": (
        Person("Rojda", "Baran", "ku:native tr:C1 de:C1", "begleitung jobcenter"),
    ),
    "Internationaler Frauentreff Siegen e.V.": (
        Person("Svetlana", "Meier", "ru:native de:C1", "weiterbildung"),
        Person("Samira", "Khalil", "ar:native de:B2", "sprachkurse begleitung"),
    ),
    "Italienischer Kulturkreis Olpe e.V.": (
        Person("Marco", "Bianchi", "it:native de:C1", "ausbildung"),
    ),
    "Deutsch-Iranischer Kultur- und Bildungsverein Bonn e.V.": (
        Person("Shirin", "Rahimi", "fa:native de:C2 en:C1", "anerkennung weiterbildung", True),
    ),
    "Arabischer Eltern- und Jugendverein Siegburg e.V.": (
        Person("Hassan", "Saleh", "ar:native de:B2", "jobcenter bewerbung"),
    ),
}

# A region's guides went through the same steps together (kick-off, then training). Every
# track starts before 2014-03-01, so all 43 count on the newsletter's date.
GUIDE_TRACKS: dict[str, tuple[tuple[str, str], ...]] = {
    "maerkische-region": (
        ("2013-10-21", "interested"),
        ("2013-11-23", "in_training"),
        ("2014-01-18", "active"),
    ),
    "mittleres-ruhrgebiet": (("2014-01-27", "interested"), ("2014-03-13", "in_training")),
    "emscher-lippe": (
        ("2013-11-04", "interested"),
        ("2013-12-07", "in_training"),
        ("2014-02-01", "active"),
    ),
    "hellweg-hochsauerland": (("2014-02-18", "interested"), ("2014-06-14", "in_training")),
    "duesseldorf-kreis-mettmann": (
        ("2013-11-25", "interested"),
        ("2014-01-11", "in_training"),
        ("2014-02-22", "active"),
    ),
    "muensterland": (
        ("2013-12-09", "interested"),
        ("2014-01-25", "in_training"),
        ("2014-03-29", "active"),
    ),
    "niederrhein": (
        ("2013-12-16", "interested"),
        ("2014-02-08", "in_training"),
        ("2014-04-26", "active"),
    ),
    "siegen-wittgenstein-olpe": (
        ("2014-02-12", "interested"),
        ("2014-02-24", "in_training"),
        ("2014-06-02", "active"),
    ),
    "bergisches-staedtedreieck": (("2014-02-17", "interested"), ("2014-04-01", "in_training")),
    "bonn-rhein-sieg": (
        ("2014-02-10", "interested"),
        ("2014-03-22", "in_training"),
        ("2014-05-10", "active"),
    ),
}

# Later changes, so that "status on a past day" and "status today" differ for some guides.
LATER_GUIDE_CHANGES = (
    ("Amra", "Hodžić", "2015-03-01", "paused", "Elternzeit"),
    ("Amra", "Hodžić", "2015-09-01", "active", "Zurück aus der Elternzeit"),
    ("Olga", "Schmidt", "2015-02-01", "paused", "Pausiert aus beruflichen Gründen"),
    ("Kwame", "Asante", "2015-06-30", "left", "Umzug nach Hamburg"),
    ("Marco", "Bianchi", "2015-09-15", "left", "Neue Arbeitsstelle, keine Zeit mehr"),
)

# Trainings outside portal events, for the guides whose tracks reach "active" on their own.
BASIC_TRAINING = ("Basisqualifizierung Arbeitsmarktlotsen", "MOZAIK gGmbH")
