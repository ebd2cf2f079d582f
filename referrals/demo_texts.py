# ruff: noqa: E501  (prose)
"""The words of the referrals demo (``referrals.demo``): trades with their NAF codes and name patterns, people's
names and roles, and the templates of the contacts' summaries. Everything is fictional.

Name patterns take ``{last}``, ``{first}``, ``{town}``, ``{de_town}`` ("de Blois", "d'Orléans", "du Blanc"),
``{place}`` (a lieu-dit with its article: "de la Motte"), ``{inn}`` ("du Lion d'Or") and ``{brand}`` (a coined
name). A pattern starting with EARL, GAEC or SCEA fixes the legal form.
"""

from typing import NamedTuple

from members.demo_people import FIRST_NAMES as ADVISOR_FIRST_NAMES
from members.demo_people import LAST_NAMES as ADVISOR_LAST_NAMES


class Trade(NamedTuple):
    family: str  # a key of ORGANISATION_AFFINITY and THEME_AFFINITY
    weight: int  # how common it is
    placement: str  # "rural" (every commune alike), "town" (by population) or "city" (big towns favoured)
    variants: tuple[tuple[str, tuple[str, ...]], ...]  # (NAF code, name patterns)
    forms: dict[str, int]  # legal form: weight
    sizes: tuple[int, int, int, int, int]  # weights of 0, 1-9, 10-49, 50-249, 250+ employees
    website: float  # share with a website


TRADES = (
    Trade(
        "craft",
        9,
        "town",
        (
            (
                "10.71C",
                (
                    "Boulangerie {last}",
                    "Boulangerie-Pâtisserie {last}",
                    "Au Fournil {de_town}",
                    "La Mie {de_town}",
                    "Aux Délices {de_town}",
                ),
            ),
            ("10.71D", ("Pâtisserie {last}", "Pâtisserie {first}", "Les Douceurs de {first}")),
        ),
        {"EI": 3, "SARL": 4, "EURL": 2, "SAS": 2},
        (1, 12, 3, 0, 0),
        0.25,
    ),
    Trade(
        "craft",
        4,
        "town",
        (
            ("47.22Z", ("Boucherie {last}", "Boucherie-Charcuterie {last}", "Boucherie {de_town}")),
            ("10.13B", ("Charcuterie {last}", "Charcuterie artisanale {last}")),
        ),
        {"EI": 3, "SARL": 4, "EURL": 2},
        (1, 12, 2, 0, 0),
        0.15,
    ),
    Trade(
        "craft",
        7,
        "town",
        (
            (
                "45.20A",
                (
                    "Garage {last}",
                    "Garage {de_town}",
                    "Garage de la Gare",
                    "{town} Auto Services",
                    "Garage {last} et Fils",
                ),
            ),
            ("45.20A", ("Carrosserie {last}", "Carrosserie {de_town}")),
            ("45.11Z", ("{town} Automobiles", "Automobiles {last}")),
        ),
        {"EI": 2, "SARL": 5, "EURL": 2, "SAS": 2},
        (1, 10, 4, 1, 0),
        0.35,
    ),
    Trade(
        "craft",
        6,
        "town",
        (
            ("96.02A", ("Salon {first}", "{first} Coiffure", "L'Atelier de {first}", "Coiffure {de_town}")),
            ("96.02B", ("Institut {first}", "Institut de beauté {first}", "Beauté {de_town}")),
        ),
        {"EI": 6, "SARL": 2, "EURL": 2, "SASU": 1},
        (5, 10, 1, 0, 0),
        0.3,
    ),
    Trade(
        "building",
        16,
        "town",
        (
            ("43.22A", ("Plomberie {last}", "{last} Plomberie Chauffage", "Chauffage Sanitaire {de_town}")),
            ("43.21A", ("Électricité {last}", "{last} Électricité Générale", "{last} Électricité")),
            ("43.32A", ("Menuiserie {last}", "Menuiserie {last} et Fils", "Menuiseries {de_town}")),
            ("43.91B", ("Couverture {last}", "{last} Toitures", "Couverture Zinguerie {last}")),
            ("43.34Z", ("Peinture et Décoration {last}", "{last} Peinture")),
            ("43.99C", ("Maçonnerie {last}", "{last} Bâtiment", "Maçonnerie {last} et Fils")),
            ("41.20A", ("Maisons {last}", "Constructions {last}", "Les Maisons {de_town}")),
            ("43.31Z", ("Plâtrerie {last}", "{last} Plâtre et Isolation")),
            ("43.29A", ("Isolation {last}", "{town} Isolation")),
            ("43.32B", ("Métallerie {last}", "Serrurerie {last}")),
            ("42.11Z", ("{last} TP", "Travaux publics {last}")),
        ),
        {"EI": 4, "SARL": 8, "EURL": 3, "SAS": 4, "SASU": 1, "SCOP": 1},
        (3, 12, 5, 1, 0),
        0.35,
    ),
    Trade(
        "agri",
        12,
        "rural",
        (
            ("01.11Z", ("EARL {last}", "EARL {place}", "SCEA {place}", "GAEC {place}", "Ferme {place}")),
            ("01.21Z", ("Domaine {last}", "Domaine {place}", "Vignoble {last}", "Clos {place}")),
            ("01.41Z", ("GAEC {place}", "GAEC {last}", "EARL {last}")),
            ("01.13Z", ("Les Jardins {place}", "Maraîchage {last}", "Les Potagers {de_town}")),
            ("01.24Z", ("Vergers {de_town}", "Les Vergers {place}")),
            ("01.47Z", ("Volailles {last}", "EARL {place}")),
            ("01.50Z", ("GAEC {last}", "SCEA {place}")),
        ),
        {"EI": 5, "EARL": 4, "GAEC": 2, "SCEA": 2},
        (8, 8, 1, 0, 0),
        0.1,
    ),
    Trade(
        "agrifood",
        6,
        "rural",
        (
            ("10.51C", ("Fromagerie {de_town}", "Fromagerie {last}", "Chèvrerie {place}")),
            ("11.05Z", ("Brasserie {brand}", "Brasserie artisanale {de_town}", "Les Bières {de_town}")),
            ("11.02B", ("Cave coopérative {de_town}", "Maison {last} Vins de Loire")),
            ("10.39B", ("Conserverie {last}", "Les Confitures {de_town}", "Légumerie {de_town}")),
            ("10.82Z", ("Chocolaterie {last}", "Confiserie {de_town}", "Chocolats {first} {last}")),
            ("10.61A", ("Moulin {de_town}", "Minoterie {last}")),
            ("10.13A", ("Salaisons {de_town}", "Charcuteries {last}")),
            ("10.85Z", ("Cuisine {brand}", "Plats cuisinés {last}")),
        ),
        {"SARL": 4, "SAS": 5, "SA": 1, "SCOP": 1, "EURL": 1},
        (1, 7, 6, 3, 1),
        0.6,
    ),
    Trade(
        "commerce",
        10,
        "town",
        (
            ("47.76Z", ("Fleurs de {first}", "Au Jardin de {first}", "Fleurs {de_town}")),
            ("47.61Z", ("Librairie {last}", "Librairie {de_town}", "La Page {de_town}")),
            ("47.71Z", ("Boutique {first}", "{first} Mode", "L'Atelier de {first}")),
            ("47.29Z", ("Épicerie {de_town}", "Épicerie fine {last}", "Le Panier {de_town}")),
            ("47.25Z", ("Cave {last}", "La Cave {de_town}")),
            ("47.52B", ("Quincaillerie {last}", "Bricolage {de_town}")),
            ("47.64Z", ("Cycles {last}", "{town} Vélo")),
            ("46.90Z", ("{brand} Distribution", "Comptoir {de_town}")),
        ),
        {"EI": 4, "SARL": 5, "EURL": 2, "SAS": 2, "SASU": 1},
        (3, 12, 2, 0, 0),
        0.45,
    ),
    Trade(
        "hospitality",
        7,
        "town",
        (
            (
                "56.10A",
                (
                    "Restaurant {inn}",
                    "Auberge {de_town}",
                    "La Table de {first}",
                    "Le Bistrot {de_town}",
                    "Crêperie {brand}",
                ),
            ),
            ("56.10C", ("{brand} Burger", "Le Snack {de_town}")),
            ("55.10Z", ("Hôtel {inn}", "Hôtel {de_town}")),
            ("56.30Z", ("Café {inn}", "Le Bar {de_town}")),
            ("55.20Z", ("Gîtes {place}", "Les Chambres {place}")),
            ("56.21Z", ("Traiteur {last}", "{first} Traiteur")),
        ),
        {"EI": 3, "SARL": 6, "EURL": 2, "SAS": 2, "SASU": 1},
        (2, 10, 3, 0, 0),
        0.55,
    ),
    Trade(
        "tech",
        7,
        "city",
        (
            ("62.01Z", ("{brand}", "{brand} Solutions", "{brand} Informatique", "{brand} Labs")),
            ("62.02A", ("{last} Informatique", "{brand} Conseil", "{brand} Systèmes")),
            ("58.29C", ("{brand} Software", "Éditions logicielles {brand}")),
            ("63.12Z", ("{brand}", "{brand} Digital")),
            ("62.09Z", ("{brand} Services Numériques", "{brand} Data")),
            ("72.11Z", ("{brand} Bio", "{brand} Biotech")),
        ),
        {"SAS": 8, "SASU": 4, "SARL": 2},
        (2, 8, 5, 2, 0),
        0.95,
    ),
    Trade(
        "industry",
        9,
        "town",
        (
            ("25.62B", ("Mécanique de précision {de_town}", "Usinage {last}", "Ateliers {last}")),
            ("25.11Z", ("Constructions métalliques {de_town}", "Charpente métallique {last}")),
            ("22.29A", ("{brand} Plastiques", "Plasturgie {de_town}")),
            ("28.29B", ("Machines spéciales {last}", "{brand} Machines")),
            ("20.42Z", ("Laboratoires {brand}", "Cosmétiques {brand}")),
            ("16.10A", ("Scierie {de_town}", "Scierie {last}")),
            ("16.23Z", ("Charpentes {last}", "Menuiserie industrielle {de_town}")),
            ("31.09B", ("Ébénisterie {last}", "Meubles {last}")),
            ("26.12Z", ("{brand} Électronique", "{brand} Circuits")),
            ("33.12Z", ("Maintenance industrielle {last}", "{brand} Maintenance")),
            ("23.61Z", ("Béton {de_town}", "Préfabrication {last}")),
        ),
        {"SAS": 8, "SARL": 4, "SA": 2, "SASU": 1, "SCOP": 1},
        (1, 5, 7, 4, 1),
        0.8,
    ),
    Trade(
        "services",
        10,
        "city",
        (
            ("70.22Z", ("{last} Conseil", "Cabinet {last}", "{brand} Conseil", "{last} & Associés")),
            ("69.20Z", ("Cabinet {last} Expertise comptable", "{last} & Associés Expertise")),
            ("71.12B", ("{brand} Ingénierie", "Bureau d'études {last}")),
            ("73.11Z", ("Agence {brand}", "{brand} Communication")),
            ("74.10Z", ("Studio {brand}", "Atelier {brand} Design")),
            ("49.41A", ("Transports {last}", "Transports {last} et Fils", "{brand} Logistique")),
            ("49.32Z", ("Taxis {last}", "Taxi {de_town}")),
            ("81.21Z", ("Nettoyage {last}", "{brand} Propreté")),
            ("81.30Z", ("Paysages {last}", "Les Jardins {de_town}")),
            ("85.53Z", ("Auto-école {last}", "Auto-école {de_town}")),
            ("85.59A", ("{brand} Formation", "Formations {last}")),
            ("68.31Z", ("Immobilier {last}", "Agence immobilière {de_town}")),
        ),
        {"EI": 3, "SARL": 5, "SAS": 3, "SASU": 4, "EURL": 2},
        (4, 10, 3, 1, 0),
        0.7,
    ),
    Trade(
        "energy",
        2,
        "rural",
        (
            ("35.11Z", ("{brand} Énergie", "Solaire {de_town}")),
            ("35.21Z", ("Biogaz {de_town}", "Méthanisation {place}")),
            ("38.32Z", ("Recyclage {last}", "{brand} Recyclage")),
        ),
        {"SAS": 6, "SARL": 2, "SCOP": 1},
        (3, 6, 3, 1, 0),
        0.8,
    ),
)

# Extra names so that company and contact names vary more than the advisors'.
FIRST_NAMES = (
    ADVISOR_FIRST_NAMES
    + (
        "Bruno Patrick Christophe Sandrine Laurent Véronique Frédéric Corinne Thierry Sylvie Didier Brigitte Pascal "
        "Catherine Éric Martine Alain Christine Yannick Delphine Fabrice Virginie Gilles Estelle Hervé Lucie Rémi "
        "Charlotte Damien Océane Mathis Louise Victor Jeanne Baptiste Rose Simon Léa Tristan Elsa Yasmine Mehdi Amina"
    ).split()
)
LAST_NAMES = (
    ADVISOR_LAST_NAMES
    + (
        "Marchand Brun Blanchard Lemoine Renaud Picard Leclerc Barbier Carré Aubert Charpentier Hubert Bailly Renard "
        "Collin Lacroix Gilbert Lucas Rolland Noël Prévost Bourgeois Tessier Guillot Poirier Berger Chauvin Marechal "
        "Pasquier Gaudin Jacquet Pichon Tanguy Besnard Ferrand Vallée Baudin Cordier Thibault Germain Boucher Rivière"
    ).split()
)
FEMININE_FIRST_NAMES = set(
    "Camille Manon Chloé Inès Sarah Emma Léna Julie Zoé Alice Anaïs Pauline Élodie Mathilde Laura Clémence Margaux "
    "Agathe Sophie Hélène Nadia Fatou Aurélie Valérie Isabelle Nathalie Amandine Émilie Céline Marine Sandrine "
    "Véronique Corinne Sylvie Brigitte Catherine Martine Christine Delphine Virginie Estelle Lucie Charlotte Océane "
    "Louise Jeanne Rose Léa Elsa Yasmine Amina".split()
)

BRAND_HEADS = (
    "Alti Novo Cobal Lumi Axi Orea Vela Teli Kora Sylva Ligé Arva Ecla Helio Nexa Vali Ondi Brio Zeno Opali Caly "
    "Miro Sora Tera Vivo Quali Flexi Krea"
).split()
BRAND_TAILS = "a o is ys ium ea on ix ane via lys tek ka ens ora go".split()
BRAND_WORDS = (
    ("Loire", "Berry", "Sologne", "Beauce", "Touraine", "Perche", "Brenne", "Val", "Blue", "Open", "Green", "Smart"),
    ("Tech", "Lab", "Soft", "Works", "Data", "Studio", "Factory", "Flow", "Nova", "Concept", "Innov", "Process"),
)
PLACES = (
    "du Bois Joli",
    "du Grand Champ",
    "de la Vallée",
    "de la Croix Blanche",
    "de la Fontaine",
    "de la Motte",
    "de la Grange",
    "des Bordes",
    "de la Métairie",
    "des Pommiers",
    "des Bruyères",
    "des Saules",
    "du Moulin Neuf",
    "des Tilleuls",
    "de Beaulieu",
    "de la Chênaie",
    "des Genêts",
    "du Petit Bois",
    "de la Roche",
    "des Noues",
)
INNS = (
    "du Lion d'Or",
    "du Cheval Blanc",
    "du Grand Cerf",
    "de la Loire",
    "du Commerce",
    "de la Gare",
    "de la Place",
    "du Vieux Moulin",
    "des Tilleuls",
    "du Château",
    "de la Poste",
    "du Centre",
)
FARM_FORMS = ("EARL", "GAEC", "SCEA")

# Contacts' roles by legal form, (masculine, feminine).
OWNER_TITLES = {
    "EI": (("Chef d'entreprise", "Cheffe d'entreprise"), ("Artisan", "Artisane")),
    "EURL": (("Gérant", "Gérante"),),
    "SARL": (("Gérant", "Gérante"), ("Cogérant", "Cogérante")),
    "SCOP": (("Gérant", "Gérante"),),
    "SAS": (("Président", "Présidente"), ("Directeur général", "Directrice générale")),
    "SASU": (("Président", "Présidente"),),
    "SA": (
        ("Président-directeur général", "Présidente-directrice générale"),
        ("Directeur général", "Directrice générale"),
    ),
    "EARL": (("Exploitant agricole", "Exploitante agricole"),),
    "GAEC": (("Associé du GAEC", "Associée du GAEC"),),
    "SCEA": (("Gérant", "Gérante"),),
}
STAFF_TITLES = (
    ("Responsable administratif et financier", "Responsable administrative et financière"),
    ("Directeur commercial", "Directrice commerciale"),
    ("Responsable export", "Responsable export"),
    ("Responsable des ressources humaines", "Responsable des ressources humaines"),
    ("Responsable qualité", "Responsable qualité"),
    ("Directeur de production", "Directrice de production"),
    ("Associé", "Associée"),
    ("Assistant de direction", "Assistante de direction"),
)
CONSENT_TEXT_VERSIONS = ("2023-01", "2024-03", "2025-02")
CONSENT_PURPOSES = (
    "Recevoir les informations du réseau sur les aides, les événements et les appels à projets",
    "Être recontacté par les membres du réseau pour le suivi de son projet",
    "Recevoir la lettre d'information mensuelle du réseau",
)

# Project holders not registered yet: (what, commune, NAF code of the planned activity).
PROJECTS = (
    ("Projet de micro-brasserie", "Tours", "11.05Z"),
    ("Projet de reprise d'une boulangerie", "Vierzon", "10.71C"),
    ("Projet de food truck de cuisine locale", "Orléans", "56.10C"),
    ("Projet de ferme maraîchère biologique", "Saint-Amand-Montrond", "01.13Z"),
    ("Projet d'atelier de réparation de vélos", "Chartres", "95.29Z"),
    ("Projet d'épicerie vrac zéro déchet", "Châteauroux", "47.29Z"),
    ("Projet de gîte rural et chambres d'hôtes", "Loches", "55.20Z"),
    ("Projet d'application de covoiturage rural", "Bourges", "62.01Z"),
    ("Projet de cabinet de conseil en ressources humaines", "Blois", "70.22Z"),
    ("Projet d'entreprise de paysagisme", "Dreux", "81.30Z"),
    ("Projet de salon de coiffure à domicile", "Vendôme", "96.02A"),
    ("Projet de fromagerie fermière", "Sainte-Maure-de-Touraine", "10.51C"),
    ("Projet de reprise d'un garage automobile", "Issoudun", "45.20A"),
    ("Projet de cosmétiques naturels", "Gien", "20.42Z"),
    ("Projet de chocolaterie artisanale", "Amboise", "10.82Z"),
    ("Projet d'entreprise de rénovation énergétique", "Montargis", "43.29A"),
    ("Projet de librairie-café", "Romorantin-Lanthenay", "47.61Z"),
    ("Projet de studio de jeux vidéo", "Tours", "58.21Z"),
    ("Projet de méthaniseur agricole collectif", "Châteaudun", "35.21Z"),
    ("Projet d'auto-école", "Le Blanc", "85.53Z"),
    ("Projet de traiteur événementiel", "Pithiviers", "56.21Z"),
)

# The family of a company by NACE section, for codes outside TRADES (project holders).
SECTION_FAMILIES = {
    "A": "agri",
    "C": "industry",
    "D": "energy",
    "E": "energy",
    "F": "building",
    "G": "commerce",
    "H": "services",
    "I": "hospitality",
    "J": "tech",
    "M": "services",
    "N": "services",
    "P": "services",
    "R": "hospitality",
    "S": "craft",
}
AGRIFOOD_DIVISIONS = ("10", "11")

# How likely each kind of organisation works with a family of companies (1 when not listed).
ORGANISATION_AFFINITY = {
    "craft": {
        "chamber_trades": 8,
        "chamber_commerce": 2,
        "bank": 3,
        "local_authority": 2,
        "innovation_agency": 0.2,
        "investor": 0.1,
        "research": 0.1,
        "university": 0.3,
        "chamber_agriculture": 0.1,
    },
    "building": {
        "chamber_trades": 7,
        "bank": 3,
        "chamber_commerce": 2,
        "local_authority": 2,
        "state_service": 1.5,
        "innovation_agency": 0.3,
        "investor": 0.2,
        "research": 0.2,
        "chamber_agriculture": 0.1,
    },
    "agri": {
        "chamber_agriculture": 10,
        "bank": 3,
        "local_authority": 1.5,
        "chamber_commerce": 0.3,
        "chamber_trades": 0.2,
        "innovation_agency": 0.3,
        "investor": 0.1,
        "university": 0.3,
        "research": 0.5,
    },
    "agrifood": {
        "chamber_commerce": 3,
        "chamber_trades": 3,
        "chamber_agriculture": 3,
        "research": 3,
        "innovation_agency": 3,
        "bank": 2,
    },
    "commerce": {
        "chamber_commerce": 8,
        "local_authority": 2,
        "bank": 3,
        "innovation_agency": 0.2,
        "investor": 0.2,
        "research": 0.1,
        "chamber_agriculture": 0.1,
        "university": 0.3,
    },
    "hospitality": {
        "chamber_commerce": 6,
        "development_agency": 3,
        "local_authority": 2,
        "bank": 3,
        "investor": 0.2,
        "research": 0.1,
        "innovation_agency": 0.2,
        "chamber_agriculture": 0.2,
        "university": 0.3,
    },
    "tech": {
        "innovation_agency": 8,
        "investor": 4,
        "university": 4,
        "research": 3,
        "chamber_commerce": 3,
        "development_agency": 2,
        "bank": 2,
        "state_service": 1.5,
        "chamber_trades": 0.1,
        "chamber_agriculture": 0.1,
    },
    "industry": {
        "chamber_commerce": 5,
        "research": 4,
        "innovation_agency": 4,
        "development_agency": 3,
        "state_service": 2,
        "bank": 2,
        "investor": 2,
        "university": 2,
        "chamber_trades": 0.5,
        "chamber_agriculture": 0.1,
    },
    "services": {
        "chamber_commerce": 6,
        "bank": 2,
        "business_network": 3,
        "consultancy": 2,
        "chamber_trades": 0.5,
        "chamber_agriculture": 0.1,
        "research": 0.3,
        "innovation_agency": 0.5,
    },
    "energy": {
        "innovation_agency": 4,
        "chamber_agriculture": 2,
        "development_agency": 3,
        "research": 3,
        "investor": 3,
        "bank": 2,
        "local_authority": 2,
    },
}

# How likely a family of companies needs each top-level theme (1 when not listed) ...
THEME_AFFINITY = {
    "craft": {
        "creation": 3,
        "legal-setup": 2,
        "financing": 3,
        "hr-skills": 3,
        "transmission": 3,
        "digital": 2,
        "sustainability": 1.5,
        "innovation": 0.2,
        "intellectual-property": 0.2,
        "export": 0.3,
    },
    "building": {
        "hr-skills": 3,
        "financing": 2,
        "transmission": 2,
        "sustainability": 3,
        "legal-setup": 1.5,
        "growth": 2,
        "innovation": 0.3,
        "intellectual-property": 0.1,
        "export": 0.2,
    },
    "agri": {
        "creation": 2,
        "financing": 3,
        "sustainability": 3,
        "transmission": 3,
        "growth": 2,
        "export": 0.5,
        "innovation": 0.5,
        "intellectual-property": 0.1,
    },
    "agrifood": {
        "export": 3,
        "innovation": 2,
        "financing": 2,
        "growth": 2,
        "sustainability": 2,
        "intellectual-property": 1.5,
        "digital": 1.5,
    },
    "commerce": {
        "creation": 3,
        "digital": 3,
        "financing": 2,
        "transmission": 3,
        "hr-skills": 1.5,
        "legal-setup": 2,
        "innovation": 0.2,
        "intellectual-property": 0.5,
        "export": 0.3,
    },
    "hospitality": {
        "creation": 2,
        "financing": 2,
        "hr-skills": 3,
        "digital": 2,
        "transmission": 2,
        "sustainability": 2,
        "innovation": 0.2,
        "intellectual-property": 0.2,
        "export": 0.2,
    },
    "tech": {
        "innovation": 4,
        "intellectual-property": 3,
        "financing": 3,
        "export": 2,
        "hr-skills": 2,
        "growth": 2,
        "transmission": 0.3,
    },
    "industry": {
        "innovation": 3,
        "export": 3,
        "digital": 3,
        "hr-skills": 2,
        "sustainability": 2,
        "growth": 2,
        "financing": 2,
        "intellectual-property": 1.5,
        "transmission": 1.5,
    },
    "services": {
        "creation": 2,
        "legal-setup": 2,
        "hr-skills": 2,
        "digital": 2,
        "growth": 2,
        "financing": 1.5,
        "innovation": 0.5,
        "export": 0.5,
    },
    "energy": {"sustainability": 5, "financing": 3, "innovation": 2, "growth": 1.5},
}
# ... and at each stage of its life.
STAGE_AFFINITY = {
    "idea": {"creation": 5, "legal-setup": 3, "financing": 1.5, "transmission": 0.1, "growth": 0.2, "export": 0.1},
    "creation": {"creation": 4, "legal-setup": 3, "financing": 1.5, "transmission": 0.1, "growth": 0.3, "export": 0.2},
    "growth": {"growth": 1.5, "creation": 0.2, "legal-setup": 0.5},
    "scale_up": {"growth": 2, "export": 2, "financing": 2, "innovation": 1.5, "creation": 0.1, "legal-setup": 0.3},
    "transmission": {"transmission": 6, "creation": 0.1, "legal-setup": 0.5},
}
# Sub-themes rarer than their siblings, and how often a contact about them is confidential.
SUB_THEME_WEIGHT = {"growth-difficulties": 0.5, "transmission-buying": 0.5}
CONFIDENTIAL_SHARE = {
    "growth-difficulties": 0.6,
    "financing-equity": 0.3,
    "transmission-selling": 0.3,
    "transmission-valuation": 0.2,
    "ip-patents": 0.2,
}
DEFAULT_CONFIDENTIAL_SHARE = 0.035

# --- Summaries ------------------------------------------------------------------------------------------------------

# Per sub-theme: (first contacts, follow-ups); placeholders are filled by ``referrals.demo._summary``.
SUMMARIES = {
    "creation-project": (
        (
            "présentation du projet et de la clientèle visée ; l'étude de marché reste à faire.",
            "test de l'idée auprès de premiers clients, retours encourageants sur le prix.",
            "point sur l'expérience du porteur de projet et sur les concurrents installés autour de {town}.",
        ),
        (
            "étude de marché terminée, le projet se recentre sur la clientèle professionnelle.",
            "premières ventes tests concluantes, le projet se précise.",
        ),
    ),
    "creation-business-plan": (
        (
            "relecture du prévisionnel : besoin de financement estimé à {amount}.",
            "construction du plan d'affaires, hypothèses de chiffre d'affaires à revoir à la baisse.",
        ),
        (
            "prévisionnel corrigé, le seuil de rentabilité est atteint la deuxième année.",
            "plan d'affaires finalisé, prêt à être présenté aux banques.",
        ),
    ),
    "creation-support": (
        (
            "candidature à l'incubateur, présentation devant le comité en {month}.",
            "point sur les premiers mois d'activité et les priorités commerciales.",
        ),
        (
            "entrée en incubation validée, un parrain chef d'entreprise a été désigné.",
            "suivi du démarrage : carnet de commandes rempli jusqu'en {month}.",
        ),
    ),
    "legal-status": (
        (
            "comparaison des statuts juridiques : {form} retenue pour protéger le patrimoine personnel.",
            "questions sur la fiscalité et la protection sociale du dirigeant selon le statut.",
        ),
        ("simulation de rémunération envoyée, choix du statut confirmé.",),
    ),
    "legal-formalities": (
        (
            "vérification du dossier d'immatriculation, deux pièces manquantes.",
            "modification des statuts et transfert du siège à {town}.",
        ),
        ("dossier transmis au guichet unique, immatriculation attendue sous quinze jours.",),
    ),
    "legal-regulated": (
        (
            "vérification de la qualification exigée pour l'activité ; diplôme à faire reconnaître.",
            "question sur les assurances obligatoires pour une nouvelle activité.",
        ),
        ("justificatifs reçus, qualification validée.",),
    ),
    "financing-loans": (
        (
            "besoin de {amount} pour {invest} ; prêt d'honneur envisagé en complément du prêt bancaire.",
            "rendez-vous bancaire pour financer {invest}, plan de financement à consolider.",
        ),
        (
            "accord du comité pour un prêt d'honneur de {small_amount}, décaissement en cours.",
            "offre de prêt reçue de la banque, conditions à comparer.",
        ),
    ),
    "financing-equity": (
        (
            "levée de fonds de {big_amount} envisagée, premier échange sur la valorisation.",
            "présentation du dossier aux investisseurs du réseau prévue en {month}.",
        ),
        ("lettre d'intention reçue d'un fonds, audit en cours.", "pacte d'associés en cours de négociation."),
    ),
    "financing-grants": (
        (
            "point sur les aides mobilisables pour {invest} ; dossier régional à déposer.",
            "éligibilité aux aides à l'investissement vérifiée, devis à fournir.",
        ),
        (
            "subvention accordée, premier versement sur présentation des factures.",
            "dossier de demande d'aide complété et déposé.",
        ),
    ),
    "financing-guarantees": (
        (
            "demande de garantie sur un prêt bancaire de {amount}.",
            "la banque demande une garantie pour financer {invest}.",
        ),
        ("garantie accordée à hauteur de 50 % du prêt.",),
    ),
    "innovation-rd": (
        (
            "présentation du projet de R&D sur {rd} ; premier chiffrage du programme.",
            "diagnostic innovation : {rd}, risques techniques identifiés.",
        ),
        (
            "dossier d'aide à l'innovation déposé, réponse attendue en {month}.",
            "premiers essais du prototype, résultats à confirmer.",
        ),
    ),
    "innovation-partnerships": (
        (
            "recherche d'un laboratoire pour travailler sur {rd}.",
            "mise en relation avec une équipe de recherche de l'université sur {rd}.",
        ),
        ("première réunion avec le laboratoire, convention de collaboration en préparation.",),
    ),
    "innovation-tax-credit": (
        (
            "éligibilité des dépenses au crédit d'impôt recherche à vérifier.",
            "relecture du dossier justificatif du crédit d'impôt innovation.",
        ),
        ("dossier justificatif complété, déclaration prévue en {month}.",),
    ),
    "ip-patents": (
        (
            "question sur la brevetabilité du procédé ; recherche d'antériorité proposée.",
            "point sur l'extension du brevet à l'international.",
        ),
        ("recherche d'antériorité livrée, dépôt envisagé avant la présentation au salon.",),
    ),
    "ip-trademarks": (
        (
            "dépôt de la marque et du logo : classes de produits à choisir.",
            "conflit possible avec une marque existante, vérification en cours.",
        ),
        ("marque déposée, surveillance conseillée.",),
    ),
    "ip-strategy": (
        (
            "réflexion sur une licence de la technologie à un partenaire industriel.",
            "pré-diagnostic propriété intellectuelle : savoir-faire à protéger.",
        ),
        ("stratégie de protection validée par la direction.",),
    ),
    "export-markets": (
        (
            "premières demandes de clients {in_country} ; diagnostic export proposé.",
            "choix des marchés prioritaires, la piste {in_country} est retenue.",
        ),
        (
            "étude de marché livrée, prospection {in_country} à organiser.",
            "premier distributeur rencontré {in_country}.",
        ),
    ),
    "export-trade-fairs": (
        (
            "préparation du salon {fair} : stand partagé et rendez-vous acheteurs.",
            "inscription à la mission collective {in_country}.",
        ),
        ("bilan du salon : une douzaine de contacts qualifiés à relancer.",),
    ),
    "export-customs": (
        (
            "question sur l'origine des produits expédiés {in_country}.",
            "formalités douanières des premières expéditions hors Union européenne.",
        ),
        ("statut d'exportateur agréé demandé.",),
    ),
    "digital-ecommerce": (
        (
            "refonte du site et ouverture d'une boutique en ligne envisagées.",
            "présence en ligne : fiche d'établissement et réseaux sociais à reprendre.",
        ),
        ("boutique en ligne ouverte, premières commandes.", "site refait, le trafic a doublé en trois mois."),
    ),
    "digital-cybersecurity": (
        (
            "sensibilisation à la cybersécurité après une tentative d'hameçonnage.",
            "sauvegardes et mots de passe : plan d'action en cinq points.",
        ),
        ("sauvegarde externalisée mise en place.",),
    ),
    "digital-industry": (
        (
            "projet d'automatisation de la ligne de production, diagnostic à planifier.",
            "suivi de production en temps réel : choix d'un logiciel.",
        ),
        ("cahier des charges de la nouvelle ligne validé.",),
    ),
    "hr-recruitment": (
        (
            "{count} recrutements prévus d'ici l'été ; diffusion des offres et aides à l'embauche.",
            "difficultés à recruter des profils qualifiés, job dating proposé.",
        ),
        (
            "deux candidats retenus, intégration prévue en {month}.",
            "offre d'emploi diffusée, une dizaine de candidatures reçues.",
        ),
    ),
    "hr-training": (
        (
            "recherche d'un apprenti pour la rentrée ; contrat à préparer.",
            "plan de formation des salariés et financement par l'opérateur de compétences.",
        ),
        ("contrat d'apprentissage signé.", "formations des salariés programmées pour {month}."),
    ),
    "hr-management": (
        (
            "organisation de l'encadrement après le départ d'un chef d'équipe.",
            "premier recrutement d'un salarié : obligations de l'employeur.",
        ),
        ("fiches de poste rédigées, entretiens annuels en place.",),
    ),
    "growth-strategy": (
        (
            "stratégie de développement sur trois ans, nouveaux marchés à prioriser.",
            "projet de nouvelle gamme de produits, étude de faisabilité.",
        ),
        ("plan de développement présenté à la banque.", "nouvelle offre lancée, premiers retours clients positifs."),
    ),
    "growth-premises": (
        (
            "projet d'extension : recherche d'un local de {surface} m² autour de {town}.",
            "terrain repéré dans la zone d'activités, point sur les délais du permis de construire.",
        ),
        ("visite de deux bâtiments disponibles, offre en préparation.", "bail signé, déménagement prévu en {month}."),
    ),
    "growth-difficulties": (
        (
            "tensions de trésorerie après la perte d'un client important ; point sur les dettes fiscales et sociales.",
            "retards de paiement en cascade, échéancier à demander.",
        ),
        (
            "échéancier accordé, trésorerie suivie chaque mois.",
            "situation stabilisée, point de suivi dans trois mois.",
        ),
    ),
    "transmission-selling": (
        (
            "le dirigeant envisage de céder d'ici {years} ans ; premier échange sur la préparation.",
            "annonce de cession à rédiger, confidentialité demandée.",
        ),
        ("deux candidats repreneurs rencontrés.", "négociation en cours avec un repreneur."),
    ),
    "transmission-buying": (
        (
            "projet de reprise d'une entreprise du secteur, recherche de cibles autour de {town}.",
            "analyse du dossier de reprise : bilans et prix demandé.",
        ),
        ("lettre d'intention envoyée au cédant.",),
    ),
    "transmission-valuation": (
        (
            "première évaluation de l'entreprise à partir des trois derniers bilans.",
            "valorisation à affiner avec l'expert-comptable.",
        ),
        ("fourchette de valorisation présentée au dirigeant.",),
    ),
    "sustainability-energy": (
        (
            "visite énergie : éclairage et chauffage identifiés comme premiers postes d'économie.",
            "projet de panneaux photovoltaïques en toiture, étude de rentabilité.",
        ),
        ("devis reçus, dossier d'aide aux travaux déposé.", "travaux réalisés, facture d'énergie en baisse."),
    ),
    "sustainability-circular": (
        (
            "valorisation des déchets de production avec un partenaire local.",
            "réemploi des palettes et emballages, mise en relation avec une entreprise voisine.",
        ),
        ("filière de collecte trouvée, premiers enlèvements en {month}.",),
    ),
    "sustainability-csr": (
        (
            "démarche RSE à structurer, bilan carbone envisagé.",
            "un grand client demande la politique RSE de l'entreprise, questionnaire à compléter.",
        ),
        ("plan d'action RSE partagé avec les salariés.",),
    ),
}
# A theme without its own templates (added by a network manager).
GENERIC_SUMMARIES = (
    ("premier échange sur {theme}.", "point sur les besoins de l'entreprise en matière de {theme}."),
    ("suite de l'accompagnement sur {theme}.",),
)

# How a summary starts, by channel: first contact, follow-up.
OPENINGS = {
    "meeting": (
        ("Rendez-vous avec {person}", "Entretien dans nos locaux avec {person}"),
        ("Nouveau rendez-vous avec {person}", "Point d'étape avec {person}"),
    ),
    "phone": (
        ("Échange téléphonique avec {person}", "Appel entrant, échange avec {person}"),
        ("Suivi téléphonique avec {person}", "Point téléphonique avec {person}"),
    ),
    "email": (
        ("Demande reçue par courriel, réponse à {person}", "Échange de courriels avec {person}"),
        ("Relance par courriel auprès de {person}", "Échange de courriels avec {person}"),
    ),
    "video": (("Visioconférence avec {person}",), ("Visioconférence de suivi avec {person}",)),
    "visit": (
        ("Visite de l'entreprise à {town} avec {person}", "Visite sur site avec {person}"),
        ("Visite de suivi avec {person}",),
    ),
    "event": (("Rencontre avec {person} {event}",), ("Échange avec {person} {event}",)),
}
CLOSINGS = (
    "Prochain point prévu en {month}.",
    "Documentation et contacts utiles envoyés par courriel.",
    "Orientation vers {other} pour la suite.",
    "L'entreprise revient vers nous après arbitrage.",
    "Relance prévue dans un mois.",
    "Dossier à compléter par l'entreprise.",
    "Compte rendu envoyé à l'entreprise.",
)
# Who was met when no person is named, by legal form (any other form: DEFAULT_ANONYMOUS_PERSON).
ANONYMOUS_PERSON = {
    "EI": ("le chef d'entreprise", "la cheffe d'entreprise"),
    "EURL": ("le gérant", "la gérante"),
    "SARL": ("le gérant", "la gérante", "la direction"),
    "SCOP": ("le gérant", "la gérante", "la direction"),
    "SAS": ("le président", "la présidente", "la direction", "le directeur général", "la directrice générale"),
    "SASU": ("le président", "la présidente", "l'associé fondateur", "l'associée fondatrice"),
    "SA": ("la direction", "le directeur général", "la directrice générale"),
    "EARL": ("l'exploitant", "l'exploitante"),
    "GAEC": ("les associés du GAEC", "l'un des associés"),
    "SCEA": ("le gérant", "la gérante"),
}
DEFAULT_ANONYMOUS_PERSON = ("le dirigeant", "la dirigeante", "la direction")
PROJECT_PERSON = ("le porteur de projet", "la porteuse de projet")
EVENTS = (
    "lors du forum de la création d'entreprise",
    "lors de la journée export régionale",
    "lors des rencontres de la transmission",
    "lors du petit-déjeuner des dirigeants",
    "lors du salon des entrepreneurs",
    "lors de la soirée des membres du réseau",
)
AMOUNTS = ("15 000 €", "25 000 €", "40 000 €", "60 000 €", "80 000 €", "120 000 €", "200 000 €", "350 000 €")
SMALL_AMOUNTS = ("8 000 €", "10 000 €", "15 000 €", "20 000 €", "30 000 €")
BIG_AMOUNTS = ("400 000 €", "800 000 €", "1,2 M€", "2 M€", "3,5 M€")
LEGAL_FORMS_FOR_FOUNDERS = ("la SAS", "la SARL", "la SASU", "l'EURL", "la micro-entreprise")
COUNTRIES = (
    "en Allemagne",
    "en Belgique",
    "en Espagne",
    "en Italie",
    "au Royaume-Uni",
    "en Suisse",
    "au Canada",
    "au Japon",
    "aux États-Unis",
    "au Maroc",
    "aux Pays-Bas",
    "en Pologne",
)
FAIRS = (
    "SIRHA",
    "SIAL",
    "Batimat",
    "Vivatech",
    "Global Industrie",
    "Made in France",
    "Cosmetic 360",
    "Prowein",
    "SPACE",
)
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
INVESTMENTS = {
    "craft": (
        "un nouveau four",
        "un véhicule utilitaire",
        "l'aménagement de l'atelier",
        "la rénovation de la boutique",
    ),
    "building": ("une mini-pelle", "deux véhicules utilitaires", "un nouvel entrepôt", "des échafaudages neufs"),
    "agri": ("un bâtiment de stockage", "un tracteur", "un atelier de transformation", "une serre"),
    "agrifood": ("une ligne de conditionnement", "une chambre froide", "un nouvel atelier de production"),
    "commerce": (
        "la rénovation de la boutique",
        "le stock de départ",
        "un logiciel de caisse",
        "une vitrine réfrigérée",
    ),
    "hospitality": ("la rénovation des chambres", "une nouvelle cuisine", "l'aménagement de la terrasse"),
    "tech": ("le recrutement de deux développeurs", "des serveurs", "le lancement commercial"),
    "industry": (
        "une machine à commande numérique",
        "un robot de soudage",
        "l'agrandissement de l'usine",
        "une ligne de peinture",
    ),
    "services": ("un véhicule", "l'aménagement des bureaux", "un logiciel de gestion"),
    "energy": ("une centrale photovoltaïque", "un méthaniseur", "une presse à balles"),
}
RESEARCH_TOPICS = {
    "tech": (
        "un algorithme de planification",
        "la détection d'anomalies par apprentissage automatique",
        "un capteur connecté",
    ),
    "industry": ("un procédé de recyclage des chutes", "un revêtement anticorrosion", "un capteur d'usure des outils"),
    "agrifood": ("un emballage biosourcé", "une recette sans conservateur", "la réduction du sel"),
    "agri": ("la réduction des intrants", "une variété résistante à la sécheresse"),
    "energy": ("le stockage de l'énergie", "la valorisation du digestat"),
}
DEFAULT_RESEARCH_TOPICS = ("un nouveau matériau", "un procédé plus sobre en énergie", "un outil de suivi connecté")
