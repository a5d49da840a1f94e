"""The demo site's texts, written for Samen. ``load_demo`` turns them into pages."""

HOME_INTRO = (
    "<p>Samen is de plek waar professionals, inwoners en organisaties hun kennis delen. "
    "Sluit je aan bij een groep, lees wat anderen hebben geleerd en schrijf zelf mee.</p>"
)
GROUPS_INTRO = "<p>Elke groep draait om één thema. Kies een groep die bij je past en lees mee.</p>"
BLOGS_INTRO = "<p>Alle blogs uit alle groepen, het nieuwste eerst.</p>"

# Development logins only; the README shows the same table.
USERS = [
    {
        "key": "beheer",
        "email": "beheer@samen.test",
        "display_name": "Redactie Samen",
        "password": "samen-beheer",
        "is_staff": True,
        "is_superuser": True,
        "bio": "De redactie helpt groepen op weg en houdt het platform netjes.",
    },
    {
        "key": "anouk",
        "email": "anouk@samen.test",
        "display_name": "Anouk Verbeek",
        "password": "samen-auteur",
        "bio": "Loopbaanadviseur bij een middelgrote gemeente. Schrijft over talent en leren.",
    },
    {
        "key": "youssef",
        "email": "youssef@samen.test",
        "display_name": "Youssef El Amrani",
        "password": "samen-auteur",
        "bio": "Informatieadviseur en groepsbeheerder van Digitaal Samenwerken.",
    },
    {
        "key": "marloes",
        "email": "marloes@samen.test",
        "display_name": "Marloes Dijkstra",
        "password": "samen-auteur",
        "bio": "Procesbegeleider participatie. Gelooft in tafels waar iedereen aan past.",
    },
    {
        "key": "sanne",
        "email": "sanne@samen.test",
        "display_name": "Sanne de Graaf",
        "password": "samen-lezer",
        "bio": "",
    },
    {
        "key": "bram",
        "email": "bram@samen.test",
        "display_name": "Bram Kuipers",
        "password": "samen-lezer",
        "bio": "",
    },
]

GROUPS = [
    {
        "slug": "menskracht",
        "title": "Menskracht",
        "description": "Inspiratie en ontwikkeling van professionele passie en talent",
        "intro": (
            "<p>In Menskracht delen we hoe je talent herkent, benut en laat groeien: bij jezelf, "
            "in je team en in je organisatie. Loopbaanadviseurs, leidinggevenden en iedereen die "
            "met plezier wil blijven leren is welkom.</p>"
        ),
    },
    {
        "slug": "digitaal-samenwerken",
        "title": "Digitaal Samenwerken",
        "description": "Slimmer samenwerken met online hulpmiddelen, ook buiten je eigen organisatie",
        "intro": (
            "<p>Van gedeelde documenten tot online vergaderen: hier wisselen we ervaringen uit "
            "over digitaal samenwerken dat werkt voor mensen, niet andersom.</p>"
        ),
    },
    {
        "slug": "duurzame-gemeente",
        "title": "Duurzame Gemeente",
        "description": "Ervaringen en ideeën voor een groene, klimaatbestendige leefomgeving",
        "intro": (
            "<p>Gemeenten, bewonersinitiatieven en scholen laten zien wat werkt in de wijk: "
            "warmte, groen, water en energie.</p>"
        ),
    },
    {
        "slug": "burgerparticipatie",
        "title": "Burgerparticipatie",
        "description": "Inwoners vroeg en echt betrekken bij beleid en uitvoering",
        "intro": (
            "<p>Participatie is meer dan een inloopavond. In deze groep delen we aanpakken, "
            "valkuilen en verhalen uit de praktijk.</p>"
        ),
    },
    {
        "slug": "intervisie-leidinggevenden",
        "title": "Intervisie voor leidinggevenden",
        "description": "Leidinggevenden leren in vertrouwen van elkaars dilemma's",
        "intro": (
            "<p>Een besloten groep: wat hier gedeeld wordt, blijft onder de leden. Lid worden gaat op verzoek.</p>"
        ),
        "closed": True,
    },
]


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


POSTS = [
    {
        "group": "menskracht",
        "slug": "werkplezier-begint-bij-de-koffieautomaat",
        "title": "Werkplezier begint bij de koffieautomaat",
        "author": "marloes",
        "date": "2021-10-16T10:30:00",
        "tags": ["welzijn", "samenwerken", "talent"],
        "teaser": (
            "Wat toevallige gesprekken op de gang met talentontwikkeling te maken hebben, en hoe je "
            "die gesprekken terugbrengt nu veel mensen thuis werken."
        ),
        "hero_alt": "Abstracte illustratie van elkaar overlappende cirkels in groen en goud",
        "long": True,
    },
    {
        "group": "menskracht",
        "slug": "je-talent-zichtbaar-maken-zonder-op-te-scheppen",
        "title": "Je talent zichtbaar maken zonder op te scheppen",
        "author": "anouk",
        "date": "2023-03-08T09:00:00",
        "tags": ["talent", "leren", "loopbaan"],
        "teaser": (
            "Veel vakmensen vinden het lastig om te laten zien waar ze goed in zijn. Drie manieren "
            "om je kwaliteiten te delen die niet als reclame voelen."
        ),
        "hero_alt": "Illustratie met warme kleuren en lichte cirkels",
        "body": [
            _p(
                "Wie goed is in zijn werk, gaat ervan uit dat anderen dat vanzelf zien. In de praktijk "
                "werkt het zelden zo: het meeste vakmanschap is onzichtbaar voor wie er niet naast zit."
            ),
            {
                "type": "heading",
                "value": {"text": "Vertel wat je hebt geleerd, niet wat je hebt bereikt", "level": "h2"},
            },
            _p(
                "Een verhaal over een fout die je herstelde zegt meer over je kunde dan een lijst "
                "resultaten. Collega's onthouden het, en leren er zelf iets van."
            ),
            {"type": "heading", "value": {"text": "Bied je hulp concreet aan", "level": "h2"}},
            _p(
                "\u201cIk help graag\u201d blijft vaag. \u201cIk kan je in een uur laten zien hoe ik "
                "onze planning opzet\u201d is een aanbod waar iemand ja op kan zeggen."
            ),
        ],
    },
    {
        "group": "menskracht",
        "slug": "vijf-vragen-voor-een-goed-ontwikkelgesprek",
        "title": "Vijf vragen voor een goed ontwikkelgesprek",
        "author": "youssef",
        "date": "2024-01-22T14:15:00",
        "tags": ["talent", "leiderschap", "leren"],
        "teaser": (
            "Een ontwikkelgesprek is geen beoordeling. Met deze vijf vragen gaat het over "
            "energie, nieuwsgierigheid en de volgende stap."
        ),
        "hero_alt": "Illustratie in blauwtinten met lichte cirkels",
        "body": [
            _p(
                "Leidinggevenden vroegen ons om een handzaam lijstje. "
                "Dit zijn de vragen die het vaakst het gesprek openen:"
            ),
            {
                "type": "paragraph",
                "value": (
                    "<ol><li>Waar kreeg je de afgelopen maanden energie van?</li>"
                    "<li>Welk werk zou je graag vaker doen?</li>"
                    "<li>Wat wil je leren, en van wie?</li>"
                    "<li>Wat houdt je tegen?</li>"
                    "<li>Wat kan ik als leidinggevende morgen al doen?</li></ol>"
                ),
            },
            _p("Schrijf de antwoorden samen op en kijk er over drie maanden opnieuw naar."),
        ],
    },
    {
        "group": "menskracht",
        "slug": "mentorschap-tussen-generaties",
        "title": "Mentorschap tussen generaties",
        "author": "marloes",
        "date": "2025-06-03T11:00:00",
        "tags": ["talent", "leren", "samenwerken"],
        "teaser": (
            "Jonge collega's leren van ervaren rotten, en andersom. Een gemeente vertelt hoe "
            "wederzijds mentorschap daar de afdelingen dichter bij elkaar bracht."
        ),
        "hero_alt": "Illustratie in paars en roze met cirkels",
        "body": [
            _p(
                "Bij de gemeente in ons voorbeeld koppelden ze twaalf koppels: telkens een medewerker "
                "met meer dan twintig dienstjaren en een collega die net begonnen was."
            ),
            {
                "type": "quote",
                "value": {
                    "quote": "Ik dacht dat ik vooral zou uitleggen. Ik heb minstens zoveel gevraagd.",
                    "attribution": "Deelnemer met 24 dienstjaren",
                },
            },
            _p("Na een jaar wilden tien van de twaalf koppels doorgaan, zonder dat iemand dat vroeg."),
        ],
    },
    {
        "group": "digitaal-samenwerken",
        "slug": "online-vergaderen-zonder-vergadermoeheid",
        "title": "Online vergaderen zonder vergadermoeheid",
        "author": "youssef",
        "date": "2022-11-14T08:45:00",
        "tags": ["digitaal", "vergaderen", "welzijn"],
        "teaser": (
            "Camera's aan of uit, pauzes, een duidelijke agenda: wat helpt echt tegen de "
            "vermoeidheid van de ene online vergadering na de andere?"
        ),
        "hero_alt": "Illustratie in groen en geel met cirkels",
        "body": [
            _p(
                "Vergaderingen van vijfentwintig of vijftig minuten in plaats van een half of heel uur "
                "geven iedereen lucht."
            ),
            {
                "type": "paragraph",
                "value": (
                    "<ul><li>Zet de agenda en het doel in de uitnodiging.</li>"
                    "<li>Spreek af wie notuleert, vóór de vergadering.</li>"
                    "<li>Laat camera's vrij; aandacht zit niet in een beeld.</li></ul>"
                ),
            },
        ],
    },
    {
        "group": "digitaal-samenwerken",
        "slug": "een-gedeelde-werkruimte-inrichten-in-drie-stappen",
        "title": "Een gedeelde werkruimte inrichten in drie stappen",
        "author": "marloes",
        "date": "2024-09-10T13:20:00",
        "tags": ["digitaal", "samenwerken"],
        "teaser": (
            "Een werkruimte met partners buiten je organisatie begint niet bij de techniek maar "
            "bij afspraken. Drie stappen die we in vier projecten beproefden."
        ),
        "hero_alt": "Illustratie in oranje tinten met cirkels",
        "body": [
            {"type": "heading", "value": {"text": "1. Spreek af wat waar staat", "level": "h2"}},
            _p("Eén plek voor besluiten, één voor werkdocumenten, één voor archief."),
            {"type": "heading", "value": {"text": "2. Geef iedereen dezelfde rechten", "level": "h2"}},
            _p("Partners die alleen mogen lezen, haken af. Vertrouwen begint bij bewerken."),
            {"type": "heading", "value": {"text": "3. Ruim samen op", "level": "h2"}},
            _p("Plan elk kwartaal een half uur om oude stukken te archiveren."),
        ],
    },
    {
        "group": "duurzame-gemeente",
        "slug": "wat-een-buurt-leert-van-een-warmtescan",
        "title": "Wat een buurt leert van een warmtescan",
        "author": "anouk",
        "date": "2023-12-05T16:00:00",
        "tags": ["duurzaamheid", "energie", "participatie"],
        "teaser": (
            "Een infraroodfoto van je eigen huis maakt meer los dan een folder. Bewoners vertellen "
            "wat de warmtescan in hun straat in beweging zette."
        ),
        "hero_alt": "Illustratie in blauw en lichtblauw met cirkels",
        "body": [
            _p(
                "Op een koude januariavond liepen twintig bewoners met een warmtecamera door hun "
                "straat. De beelden lieten zien waar warmte weglekt: kozijnen, brievenbussen, daken."
            ),
            _p("Binnen een maand hadden dertig huishoudens zich gemeld voor advies over isolatie."),
        ],
    },
    {
        "group": "duurzame-gemeente",
        "slug": "groene-schoolpleinen-ervaringen-uit-vier-gemeenten",
        "title": "Groene schoolpleinen: ervaringen uit vier gemeenten",
        "author": "youssef",
        "date": "2025-04-17T10:00:00",
        "tags": ["duurzaamheid", "samenwerken", "participatie"],
        "teaser": (
            "Tegels eruit, groen erin. Vier gemeenten vergelijken hoe ze schoolpleinen samen met "
            "kinderen, ouders en buurtbewoners vergroenden."
        ),
        "hero_alt": "Illustratie in groen met lichte cirkels",
        "body": [
            _p("Overal waar kinderen zelf meetekenden, werd het plein na schooltijd ook door de buurt gebruikt."),
            {
                "type": "callout",
                "value": {
                    "title": "Zelf beginnen?",
                    "text": "<p>Begin klein: één hoek van het plein, met één klas die meedenkt.</p>",
                },
            },
        ],
    },
    {
        "group": "burgerparticipatie",
        "slug": "participatie-die-verder-gaat-dan-een-inloopavond",
        "title": "Participatie die verder gaat dan een inloopavond",
        "author": "marloes",
        "date": "2024-05-28T19:30:00",
        "tags": ["participatie", "samenwerken", "leiderschap"],
        "teaser": (
            "Wie op een inloopavond komt, is meestal al betrokken. Hoe bereik je de inwoners die "
            "niet komen, en wat vraag je ze dan?"
        ),
        "hero_alt": "Illustratie in paars met cirkels",
        "body": [
            _p("Ga naar de plekken waar mensen al zijn: de markt, het schoolhek, de sportkantine."),
            _p("Vraag niet of mensen het plan goed vinden, maar wat zij zouden doen met de ruimte."),
        ],
    },
    {
        "group": "burgerparticipatie",
        "slug": "jongeren-aan-tafel-bij-de-gemeenteraad",
        "title": "Jongeren aan tafel bij de gemeenteraad",
        "author": "anouk",
        "date": "2026-02-12T15:45:00",
        "tags": ["participatie", "talent"],
        "teaser": (
            "Een jongerenraad die echt invloed heeft: hoe een gemeente zestien jongeren een vaste "
            "plek gaf bij raadsvoorbereidingen."
        ),
        "hero_alt": "Illustratie in oranje en geel met cirkels",
        "body": [
            _p(
                "De jongeren krijgen de stukken tegelijk met de raadsleden en geven vóór elke "
                "commissievergadering hun advies, dat in het verslag wordt opgenomen."
            ),
        ],
        "pins": ["participatie-die-verder-gaat-dan-een-inloopavond"],
    },
    {
        "group": "intervisie-leidinggevenden",
        "slug": "een-lastig-gesprek-drie-perspectieven",
        "title": "Een lastig gesprek, drie perspectieven",
        "author": "youssef",
        "date": "2026-03-02T11:00:00",
        "tags": ["leiderschap", "intervisie"],
        "access": "members",
        "teaser": (
            "Een medewerker die vastloopt, een team dat wacht en een leidinggevende ertussenin: "
            "we bekeken één gesprek vanuit drie kanten."
        ),
        "hero_alt": "Illustratie van drie cirkels die elkaar raken",
        "body": [
            _p(
                "We spraken af het gesprek eerst na te vertellen zonder oordeel, daarna vanuit de "
                "medewerker en pas als laatste vanuit het team."
            ),
            _p("Wat opviel: niemand had gevraagd wat de medewerker zelf nodig had."),
        ],
    },
]

# Who belongs to which group: (group slug, member, role). The demo's authors are members
# of the groups they write in; one reader waits for an answer from a closed group.
MEMBERSHIPS = [
    ("menskracht", "anouk", "owner"),
    ("menskracht", "marloes", "admin"),
    ("menskracht", "youssef", "member"),
    ("menskracht", "sanne", "member"),
    ("digitaal-samenwerken", "marloes", "owner"),
    ("digitaal-samenwerken", "youssef", "member"),
    ("digitaal-samenwerken", "bram", "member"),
    ("duurzame-gemeente", "anouk", "owner"),
    ("duurzame-gemeente", "youssef", "member"),
    ("burgerparticipatie", "marloes", "owner"),
    ("burgerparticipatie", "anouk", "admin"),
    ("burgerparticipatie", "bram", "member"),
    ("intervisie-leidinggevenden", "youssef", "owner"),
    ("intervisie-leidinggevenden", "marloes", "member"),
    ("intervisie-leidinggevenden", "sanne", "pending"),
]

LONG_POST_VIDEO = "https://www.youtube.com/watch?v=samen-werkplezier"


def long_post_body(image_id):
    """The post that shows every block an editor can use."""
    return [
        _p(
            "Vraag mensen waar ze het meest van hun collega's leerden, en het antwoord is zelden "
            "\u201cop een cursus\u201d. Het is bij de koffieautomaat, in de lift, na afloop van een "
            "overleg. <b>Toevallige gesprekken</b> zijn de plek waar talent zichtbaar wordt."
        ),
        {"type": "heading", "value": {"text": "Waarom het toeval zo belangrijk is", "level": "h2"}},
        _p(
            "In een gepland gesprek bespreek je wat je al weet. In een toevallig gesprek hoor je "
            "wat je niet wist dat je wilde weten. Lees ook "
            '<a href="https://www.rijksoverheid.nl">wat de overheid zegt over hybride werken</a>.'
        ),
        {
            "type": "image",
            "value": {
                "image": image_id,
                "alt_text": "Twee cirkels die elkaar overlappen, als symbool voor een ontmoeting",
                "caption": "Waar cirkels elkaar raken, ontstaat iets nieuws.",
            },
        },
        {"type": "heading", "value": {"text": "Zo breng je het toeval terug", "level": "h3"}},
        {
            "type": "paragraph",
            "value": (
                "<ol><li>Plan een wekelijkse koffie zonder agenda.</li>"
                "<li>Koppel elke maand twee collega's die elkaar nog niet kennen.</li>"
                "<li>Begin overleggen vijf minuten eerder en laat die tijd vrij.</li></ol>"
            ),
        },
        {
            "type": "paragraph",
            "value": (
                "<p>Wat het oplevert, volgens de teams die het probeerden:</p>"
                "<ul><li>meer vragen aan elkaar, minder e-mail</li>"
                "<li>nieuwe mensen vinden sneller hun weg</li>"
                "<li>talent dat eerder onopgemerkt bleef, wordt gezien</li></ul>"
            ),
        },
        {
            "type": "quote",
            "value": {
                "quote": "De beste ideeën van ons team ontstonden niet in de vergadering, maar erna.",
                "attribution": "Teamleider bij een uitvoeringsorganisatie",
            },
        },
        {
            "type": "video",
            "value": {"video": LONG_POST_VIDEO, "caption": "Terugblik op de Menskracht-dag"},
        },
        {
            "type": "callout",
            "value": {
                "title": "Doe mee",
                "text": (
                    "<p>Heb je zelf een manier gevonden om toevallige ontmoetingen te organiseren? "
                    "<b>Deel het in de groep Menskracht.</b></p>"
                ),
            },
        },
    ]


# Reactions under the demo posts: (post slug, author key, text, index of the reaction
# it replies to in this list, or None).
REACTIONS = [
    (
        "werkplezier-begint-bij-de-koffieautomaat",
        "anouk",
        "Herkenbaar! Bij ons werkt een **vaste koffie op dinsdag** heel goed. Wie wil, schuift aan.",
        None,
    ),
    (
        "werkplezier-begint-bij-de-koffieautomaat",
        "marloes",
        "Dank je Anouk. Hoe houden jullie het vol als het druk is?",
        0,
    ),
    (
        "werkplezier-begint-bij-de-koffieautomaat",
        "anouk",
        "We slaan hem nooit over, ook niet in drukke weken. Juist dan is het waardevol.",
        0,
    ),
    (
        "werkplezier-begint-bij-de-koffieautomaat",
        "sanne",
        "Drie tips die bij ons werkten:\n\n1. Geen agenda\n2. Geen laptops\n3. Wisselende gastheer",
        None,
    ),
    (
        "vijf-vragen-voor-een-goed-ontwikkelgesprek",
        "bram",
        "Vraag 4 vind ik de belangrijkste. Zie ook [de handreiking van ons team](https://example.org/handreiking).",
        None,
    ),
]


# Stars from demo members: (post or group slug, member, score). Nobody rates their own post.
RATINGS = [
    ("werkplezier-begint-bij-de-koffieautomaat", "anouk", 4),
    ("je-talent-zichtbaar-maken-zonder-op-te-scheppen", "youssef", 5),
    ("je-talent-zichtbaar-maken-zonder-op-te-scheppen", "sanne", 4),
    ("je-talent-zichtbaar-maken-zonder-op-te-scheppen", "bram", 4),
    ("vijf-vragen-voor-een-goed-ontwikkelgesprek", "marloes", 5),
    ("vijf-vragen-voor-een-goed-ontwikkelgesprek", "sanne", 3),
    ("online-vergaderen-zonder-vergadermoeheid", "anouk", 4),
    ("online-vergaderen-zonder-vergadermoeheid", "bram", 5),
    ("wat-een-buurt-leert-van-een-warmtescan", "sanne", 5),
    ("participatie-die-verder-gaat-dan-een-inloopavond", "youssef", 3),
    ("participatie-die-verder-gaat-dan-een-inloopavond", "bram", 4),
    ("menskracht", "anouk", 4),
    ("menskracht", "sanne", 3),
    ("menskracht", "bram", 4),
    ("digitaal-samenwerken", "marloes", 5),
    ("burgerparticipatie", "youssef", 4),
]

# Reads per post over the last days: (post slug, reads on each of the last seven days).
RECENT_READS = [
    ("werkplezier-begint-bij-de-koffieautomaat", [12, 9, 15, 7, 11, 8, 10]),
    ("je-talent-zichtbaar-maken-zonder-op-te-scheppen", [30, 22, 25, 19, 28, 24, 21]),
    ("vijf-vragen-voor-een-goed-ontwikkelgesprek", [18, 14, 20, 16, 12, 15, 17]),
    ("online-vergaderen-zonder-vergadermoeheid", [9, 6, 8, 5, 7, 4, 6]),
    ("wat-een-buurt-leert-van-een-warmtescan", [14, 11, 9, 13, 10, 12, 8]),
    ("groene-schoolpleinen-ervaringen-uit-vier-gemeenten", [5, 3, 4, 6, 2, 3, 4]),
    ("participatie-die-verder-gaat-dan-een-inloopavond", [21, 17, 19, 23, 18, 20, 16]),
]
# Reads from before the last week, so the totals look like a site that has been running.
EARLIER_READS = 2400
