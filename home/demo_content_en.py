"""English versions of the demo site's texts, keyed by the Dutch text they translate.

``load_demo`` feeds these to wagtail-localize as string translations, so a translator sees
the English pages as translations of the Dutch ones."""

UNTRANSLATED_POSTS = {"jongeren-aan-tafel-bij-de-gemeenteraad", "een-lastig-gesprek-drie-perspectieven"}

EN = {
    # Samen
    "Samen": "Samen",
    "home": "home",
    (
        "Samen is de plek waar professionals, inwoners en organisaties hun kennis delen. Sluit je aan "
        "bij een groep, lees wat anderen hebben geleerd en schrijf zelf mee."
    ): (
        "Samen is the place where professionals, residents, and organizations share what they know. Join "
        "a group, read what others have learned, and start writing yourself."
    ),
    # Groepen
    "Groepen": "Groups",
    "groepen": "groups",
    "Elke groep draait om één thema. Kies een groep die bij je past en lees mee.": (
        "Each group centers on one theme. Choose a group that suits you and start reading."
    ),
    # Menskracht
    "Menskracht": "Menskracht",
    "menskracht": "menskracht",
    "Inspiratie en ontwikkeling van professionele passie en talent": (
        "Inspiration and development of professional passion and talent"
    ),
    (
        "In Menskracht delen we hoe je talent herkent, benut en laat groeien: bij jezelf, in je team en "
        "in je organisatie. Loopbaanadviseurs, leidinggevenden en iedereen die met plezier wil blijven "
        "leren is welkom."
    ): (
        "In Menskracht, we share how to recognize, use, and grow talent: in yourself, in your team, and "
        "in your organization. Career counselors, managers, and anyone who loves to keep learning are "
        "welcome."
    ),
    # Werkplezier begint bij de koffieautomaat
    "Werkplezier begint bij de koffieautomaat": "Job satisfaction starts at the coffee machine",
    "werkplezier-begint-bij-de-koffieautomaat": "job-satisfaction-starts-at-the-coffee-machine",
    (
        "Wat toevallige gesprekken op de gang met talentontwikkeling te maken hebben, en hoe je die "
        "gesprekken terugbrengt nu veel mensen thuis werken."
    ): (
        "What chance conversations in the hallway have to do with talent development, and how to bring "
        "those conversations back now that many people work from home."
    ),
    "Abstracte illustratie van elkaar overlappende cirkels in groen en goud": (
        "Abstract illustration of overlapping circles in green and gold"
    ),
    (
        "Vraag mensen waar ze het meest van hun collega's leerden, en het antwoord is zelden “op een "
        "cursus”. Het is bij de koffieautomaat, in de lift, na afloop van een overleg. <b>Toevallige "
        "gesprekken</b> zijn de plek waar talent zichtbaar wordt."
    ): (
        "Ask people where they learned the most from their colleagues, and the answer is rarely “at a "
        "training course.” It's at the coffee machine, in the elevator, after a meeting. <b>Chance "
        "conversations</b> are where talent becomes visible."
    ),
    "Waarom het toeval zo belangrijk is": "Why chance matters so much",
    (
        "In een gepland gesprek bespreek je wat je al weet. In een toevallig gesprek hoor je wat je niet "
        'wist dat je wilde weten. Lees ook <a id="a1">wat de overheid zegt over hybride werken</a>.'
    ): (
        "In a planned conversation, you discuss what you already know. In a chance conversation, you "
        'hear what you didn\'t know you wanted to know. Also read <a id="a1">what the government says '
        "about hybrid working</a>."
    ),
    "Twee cirkels die elkaar overlappen, als symbool voor een ontmoeting": (
        "Two overlapping circles, a symbol of people meeting"
    ),
    "Waar cirkels elkaar raken, ontstaat iets nieuws.": "Where circles touch, something new emerges.",
    "Zo breng je het toeval terug": "How to bring chance back",
    "Plan een wekelijkse koffie zonder agenda.": "Schedule a weekly coffee with no agenda.",
    "Koppel elke maand twee collega's die elkaar nog niet kennen.": (
        "Every month, pair up two colleagues who don't know each other yet."
    ),
    "Begin overleggen vijf minuten eerder en laat die tijd vrij.": (
        "Start meetings five minutes early and leave that time open."
    ),
    "Wat het oplevert, volgens de teams die het probeerden:": "What it brings, according to the teams that tried it:",
    "meer vragen aan elkaar, minder e-mail": "more questions for each other, less email",
    "nieuwe mensen vinden sneller hun weg": "new people find their way faster",
    "talent dat eerder onopgemerkt bleef, wordt gezien": "talent that used to go unnoticed gets seen",
    "De beste ideeën van ons team ontstonden niet in de vergadering, maar erna.": (
        "Our team's best ideas didn't come up in the meeting, but after it."
    ),
    "Teamleider bij een uitvoeringsorganisatie": "Team leader at a government agency",
    "Terugblik op de Menskracht-dag": "Looking back at Menskracht Day",
    "Doe mee": "Join in",
    (
        "Heb je zelf een manier gevonden om toevallige ontmoetingen te organiseren? <b>Deel het in de "
        "groep Menskracht.</b>"
    ): ("Have you found your own way to organize chance encounters? <b>Share it in the Menskracht group.</b>"),
    # Je talent zichtbaar maken zonder op te scheppen
    "Je talent zichtbaar maken zonder op te scheppen": "Making your talent visible without bragging",
    "je-talent-zichtbaar-maken-zonder-op-te-scheppen": "making-your-talent-visible-without-bragging",
    (
        "Veel vakmensen vinden het lastig om te laten zien waar ze goed in zijn. Drie manieren om je "
        "kwaliteiten te delen die niet als reclame voelen."
    ): (
        "Many skilled professionals find it hard to show what they are good at. Three ways to share your "
        "strengths that don't feel like advertising."
    ),
    "Illustratie met warme kleuren en lichte cirkels": "Illustration with warm colors and light circles",
    (
        "Wie goed is in zijn werk, gaat ervan uit dat anderen dat vanzelf zien. In de praktijk werkt het "
        "zelden zo: het meeste vakmanschap is onzichtbaar voor wie er niet naast zit."
    ): (
        "People who are good at their work assume others will notice on their own. In practice, it "
        "rarely works that way: most skilled work is invisible to anyone who isn't sitting right next to "
        "it."
    ),
    "Vertel wat je hebt geleerd, niet wat je hebt bereikt": "Talk about what you learned, not what you achieved",
    (
        "Een verhaal over een fout die je herstelde zegt meer over je kunde dan een lijst resultaten. "
        "Collega's onthouden het, en leren er zelf iets van."
    ): (
        "A story about a mistake you fixed says more about your skills than a list of results. "
        "Colleagues remember it, and learn something from it themselves."
    ),
    "Bied je hulp concreet aan": "Make your offer of help concrete",
    (
        "“Ik help graag” blijft vaag. “Ik kan je in een uur laten zien hoe ik onze planning opzet” is "
        "een aanbod waar iemand ja op kan zeggen."
    ): (
        "“I'm happy to help” stays vague. “I can show you in an hour how I put our schedule together” is "
        "an offer someone can say yes to."
    ),
    # Vijf vragen voor een goed ontwikkelgesprek
    "Vijf vragen voor een goed ontwikkelgesprek": "Five questions for a good development conversation",
    "vijf-vragen-voor-een-goed-ontwikkelgesprek": "five-questions-for-a-good-development-conversation",
    (
        "Een ontwikkelgesprek is geen beoordeling. Met deze vijf vragen gaat het over energie, "
        "nieuwsgierigheid en de volgende stap."
    ): (
        "A development conversation is not a performance review. With these five questions, it becomes a "
        "conversation about energy, curiosity, and the next step."
    ),
    "Illustratie in blauwtinten met lichte cirkels": "Illustration in shades of blue with light circles",
    "Leidinggevenden vroegen ons om een handzaam lijstje. Dit zijn de vragen die het vaakst het gesprek openen:": (
        "Managers asked us for a handy list. These are the questions that most often get the conversation going:"
    ),
    "Waar kreeg je de afgelopen maanden energie van?": "What has given you energy over the past few months?",
    "Welk werk zou je graag vaker doen?": "What work would you like to do more often?",
    "Wat wil je leren, en van wie?": "What do you want to learn, and from whom?",
    "Wat houdt je tegen?": "What is holding you back?",
    "Wat kan ik als leidinggevende morgen al doen?": "What can I do as your manager, starting tomorrow?",
    "Schrijf de antwoorden samen op en kijk er over drie maanden opnieuw naar.": (
        "Write down the answers together and look at them again in three months."
    ),
    # Mentorschap tussen generaties
    "Mentorschap tussen generaties": "Mentoring across generations",
    "mentorschap-tussen-generaties": "mentoring-across-generations",
    (
        "Jonge collega's leren van ervaren rotten, en andersom. Een gemeente vertelt hoe wederzijds "
        "mentorschap daar de afdelingen dichter bij elkaar bracht."
    ): (
        "Young colleagues learn from old hands, and the other way around. A municipality shares how "
        "mutual mentoring brought its departments closer together."
    ),
    "Illustratie in paars en roze met cirkels": "Illustration in purple and pink with circles",
    (
        "Bij de gemeente in ons voorbeeld koppelden ze twaalf koppels: telkens een medewerker met meer "
        "dan twintig dienstjaren en een collega die net begonnen was."
    ): (
        "The municipality in our example formed twelve pairs, each matching an employee with more than "
        "twenty years of service with a colleague who had just started."
    ),
    "Ik dacht dat ik vooral zou uitleggen. Ik heb minstens zoveel gevraagd.": (
        "I thought I would mostly be explaining. I asked at least as many questions."
    ),
    "Deelnemer met 24 dienstjaren": "Participant with 24 years of service",
    "Na een jaar wilden tien van de twaalf koppels doorgaan, zonder dat iemand dat vroeg.": (
        "After a year, ten of the twelve pairs wanted to continue, without anyone asking them to."
    ),
    # Digitaal Samenwerken
    "Digitaal Samenwerken": "Digital Collaboration",
    "digitaal-samenwerken": "digital-collaboration",
    "Slimmer samenwerken met online hulpmiddelen, ook buiten je eigen organisatie": (
        "Smarter collaboration with online tools, including beyond your own organization"
    ),
    (
        "Van gedeelde documenten tot online vergaderen: hier wisselen we ervaringen uit over digitaal "
        "samenwerken dat werkt voor mensen, niet andersom."
    ): (
        "From shared documents to online meetings: here we share experiences of digital collaboration "
        "that works for people, not the other way around."
    ),
    # Online vergaderen zonder vergadermoeheid
    "Online vergaderen zonder vergadermoeheid": "Online meetings without meeting fatigue",
    "online-vergaderen-zonder-vergadermoeheid": "online-meetings-without-meeting-fatigue",
    (
        "Camera's aan of uit, pauzes, een duidelijke agenda: wat helpt echt tegen de vermoeidheid van de "
        "ene online vergadering na de andere?"
    ): (
        "Cameras on or off, breaks, a clear agenda: what really helps with the fatigue of one online "
        "meeting after another?"
    ),
    "Illustratie in groen en geel met cirkels": "Illustration in green and yellow with circles",
    "Vergaderingen van vijfentwintig of vijftig minuten in plaats van een half of heel uur geven iedereen lucht.": (
        "Meetings of twenty-five or fifty minutes instead of half an hour or a full hour give everyone "
        "some breathing room."
    ),
    "Zet de agenda en het doel in de uitnodiging.": "Put the agenda and the goal in the invitation.",
    "Spreek af wie notuleert, vóór de vergadering.": "Agree on who takes notes before the meeting starts.",
    "Laat camera's vrij; aandacht zit niet in een beeld.": (
        "Make cameras optional; paying attention doesn't depend on being on screen."
    ),
    # Een gedeelde werkruimte inrichten in drie stappen
    "Een gedeelde werkruimte inrichten in drie stappen": "Setting up a shared workspace in three steps",
    "een-gedeelde-werkruimte-inrichten-in-drie-stappen": "setting-up-a-shared-workspace-in-three-steps",
    (
        "Een werkruimte met partners buiten je organisatie begint niet bij de techniek maar bij "
        "afspraken. Drie stappen die we in vier projecten beproefden."
    ): (
        "A workspace shared with partners outside your organization doesn't start with the technology "
        "but with agreements. Three steps we tested in four projects."
    ),
    "Illustratie in oranje tinten met cirkels": "Illustration in shades of orange with circles",
    "1. Spreek af wat waar staat": "1. Agree on what goes where",
    "Eén plek voor besluiten, één voor werkdocumenten, één voor archief.": (
        "One place for decisions, one for working documents, one for the archive."
    ),
    "2. Geef iedereen dezelfde rechten": "2. Give everyone the same permissions",
    "Partners die alleen mogen lezen, haken af. Vertrouwen begint bij bewerken.": (
        "Partners who can only read drop out. Trust starts with editing."
    ),
    "3. Ruim samen op": "3. Tidy up together",
    "Plan elk kwartaal een half uur om oude stukken te archiveren.": (
        "Set aside half an hour every quarter to archive old documents."
    ),
    # Duurzame Gemeente
    "Duurzame Gemeente": "Sustainable Municipality",
    "duurzame-gemeente": "sustainable-municipality",
    "Ervaringen en ideeën voor een groene, klimaatbestendige leefomgeving": (
        "Experiences and ideas for a green, climate-resilient living environment"
    ),
    "Gemeenten, bewonersinitiatieven en scholen laten zien wat werkt in de wijk: warmte, groen, water en energie.": (
        "Municipalities, residents' initiatives, and schools show what works in the neighborhood: heat, "
        "greenery, water, and energy."
    ),
    # Wat een buurt leert van een warmtescan
    "Wat een buurt leert van een warmtescan": "What a neighborhood learns from a heat scan",
    "wat-een-buurt-leert-van-een-warmtescan": "what-a-neighborhood-learns-from-a-heat-scan",
    (
        "Een infraroodfoto van je eigen huis maakt meer los dan een folder. Bewoners vertellen wat de "
        "warmtescan in hun straat in beweging zette."
    ): (
        "An infrared photo of your own home gets people moving in a way a leaflet doesn't. Residents "
        "describe what the heat scan set in motion on their street."
    ),
    "Illustratie in blauw en lichtblauw met cirkels": "Illustration in blue and light blue with circles",
    (
        "Op een koude januariavond liepen twintig bewoners met een warmtecamera door hun straat. De "
        "beelden lieten zien waar warmte weglekt: kozijnen, brievenbussen, daken."
    ): (
        "On a cold January evening, twenty residents walked down their street with a thermal camera. The "
        "images showed where heat was escaping: window frames, mail slots, roofs."
    ),
    "Binnen een maand hadden dertig huishoudens zich gemeld voor advies over isolatie.": (
        "Within a month, thirty households had signed up for advice on insulation."
    ),
    # Groene schoolpleinen: ervaringen uit vier gemeenten
    "Groene schoolpleinen: ervaringen uit vier gemeenten": "Green schoolyards: experiences from four municipalities",
    "groene-schoolpleinen-ervaringen-uit-vier-gemeenten": "green-schoolyards-experiences-from-four-municipalities",
    (
        "Tegels eruit, groen erin. Vier gemeenten vergelijken hoe ze schoolpleinen samen met kinderen, "
        "ouders en buurtbewoners vergroenden."
    ): (
        "Out with the paving tiles, in with the greenery. Four municipalities compare how they greened "
        "schoolyards together with children, parents, and neighbors."
    ),
    "Illustratie in groen met lichte cirkels": "Illustration in green with light circles",
    "Overal waar kinderen zelf meetekenden, werd het plein na schooltijd ook door de buurt gebruikt.": (
        "Wherever children helped draw the design, the neighborhood also used the schoolyard after school hours."
    ),
    "Zelf beginnen?": "Want to start one yourself?",
    "Begin klein: één hoek van het plein, met één klas die meedenkt.": (
        "Start small: one corner of the schoolyard, with one class helping to come up with ideas."
    ),
    # Intervisie voor leidinggevenden
    "Intervisie voor leidinggevenden": "Peer consultation for managers",
    "intervisie-leidinggevenden": "peer-consultation-managers",
    "Leidinggevenden leren in vertrouwen van elkaars dilemma's": (
        "Managers learn from each other's dilemmas, in confidence"
    ),
    (
        "Een besloten groep: wat hier gedeeld wordt, blijft onder de leden. Lid worden gaat op verzoek."
    ): "A closed group: what is shared here stays among its members. Membership is on request.",
    # Burgerparticipatie
    "Burgerparticipatie": "Citizen Participation",
    "burgerparticipatie": "citizen-participation",
    "Inwoners vroeg en echt betrekken bij beleid en uitvoering": (
        "Involving residents early and genuinely in policy and its implementation"
    ),
    (
        "Participatie is meer dan een inloopavond. In deze groep delen we aanpakken, valkuilen en "
        "verhalen uit de praktijk."
    ): (
        "Participation is more than a drop-in evening. In this group, we share approaches, pitfalls, and "
        "stories from practice."
    ),
    # Participatie die verder gaat dan een inloopavond
    "Participatie die verder gaat dan een inloopavond": "Participation that goes beyond a drop-in evening",
    "participatie-die-verder-gaat-dan-een-inloopavond": "participation-that-goes-beyond-a-drop-in-evening",
    (
        "Wie op een inloopavond komt, is meestal al betrokken. Hoe bereik je de inwoners die niet komen, "
        "en wat vraag je ze dan?"
    ): (
        "People who come to a drop-in evening are usually already involved. How do you reach the "
        "residents who don't come, and what do you ask them?"
    ),
    "Illustratie in paars met cirkels": "Illustration in purple with circles",
    "Ga naar de plekken waar mensen al zijn: de markt, het schoolhek, de sportkantine.": (
        "Go to the places where people already are: the market, the school gate, the sports club canteen."
    ),
    "Vraag niet of mensen het plan goed vinden, maar wat zij zouden doen met de ruimte.": (
        "Don't ask people whether they like the plan; ask what they would do with the space."
    ),
    # Blogs
    "Blogs": "Blogs",
    "blogs": "blogs",
    "Alle blogs uit alle groepen, het nieuwste eerst.": "All blogs from all groups, newest first.",
}
