# ruff: noqa: E501  (prose)
"""The demo member organisations, their services and conventions (Centre-Val de Loire), seeded by ``seed_demo``.

Everything here is fictional: names, SIRENs (valid check digits, derived from the slug), people, phone numbers.
Nothing is random, so the demo is the same on every machine; convention dates are relative to ``today`` so that
the demo always shows every convention status (active, expiring, lapsed, draft, scheduled).

Idempotent: organisations are keyed by slug, services by (organisation, French title), conventions by
(organisation, version). Running it again creates only what is missing and never changes existing rows.
"""

import zlib
from datetime import date, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from members.demo_people import seed_crowd
from members.models import (
    Advisor,
    Affiliation,
    CodeOfConduct,
    CodeOfConductSignature,
    Convention,
    MemberOrganisation,
    Service,
)
from network.models import Territory, Theme, User

Kind = MemberOrganisation.Kind
Stage = Service.Stage
Cost = Service.Cost

ALL_DEPARTEMENTS = ("45", "18", "28", "36", "37", "41")
# code: (French "in ...", English name)
DEPARTEMENT_NAMES = {
    "18": ("dans le Cher", "Cher"),
    "28": ("en Eure-et-Loir", "Eure-et-Loir"),
    "36": ("dans l'Indre", "Indre"),
    "37": ("en Indre-et-Loire", "Indre-et-Loire"),
    "41": ("dans le Loir-et-Cher", "Loir-et-Cher"),
    "45": ("dans le Loiret", "Loiret"),
}
PHONE_PREFIXES = {"18": "02 48", "28": "02 37", "36": "02 54", "37": "02 47", "41": "02 54", "45": "02 38"}
PREVIOUS_SIGNATORY = ("Gérard Lemoine", "Président (mandat précédent)")


class DemoService(NamedTuple):
    title_fr: str
    title_en: str
    description_fr: str
    description_en: str
    themes: tuple[str, ...]
    stages: tuple[str, ...]
    cost: str
    access: str  # a key of ACCESS
    is_public: bool = True
    dates: tuple[int, int] | None = None  # (starts_on, ends_on) in days from today


class DemoOrganisation(NamedTuple):
    slug: str
    name: str
    kind: str
    departements: tuple[str, ...]  # the first one holds the address
    street: str
    postcode: str
    town: str
    themes: tuple[str, ...]
    description_fr: str
    description_en: str
    services: tuple[str, ...]  # keys of SERVICES
    signatory: tuple[str, str]
    convention: str = "active"  # a key of CONVENTION_PLANS


# How to reach a service; {phone}, {email} and {website} are the organisation's.
ACCESS = {
    "appointment": (
        "Prenez rendez-vous au {phone} ou écrivez à {email} en décrivant votre projet en quelques lignes.",
        "Book an appointment on {phone} or write to {email} with a few lines about your project.",
    ),
    "online": (
        "Faites votre demande en ligne sur {website} ; un conseiller vous rappelle sous cinq jours ouvrés.",
        "Apply online at {website}; an adviser calls you back within five working days.",
    ),
    "call": (
        "Répondez à l'appel à candidatures publié sur {website}, puis présentez votre dossier devant le comité "
        "de sélection.",
        "Answer the call for applications published at {website}, then present your file to the selection committee.",
    ),
    "referral": (
        "Sur orientation d'un conseiller du réseau : parlez-en à votre interlocuteur habituel ou écrivez à {email}.",
        "On referral by a network adviser: ask your usual contact or write to {email}.",
    ),
    "workshop": (
        "Inscrivez-vous à une session collective sur {website} ; le calendrier est publié chaque trimestre.",
        "Sign up for a group session at {website}; the schedule is published every quarter.",
    ),
    "members": (
        "Réservé aux adhérents : inscrivez-vous depuis votre espace membre ou renseignez-vous au {phone}.",
        "For members only: sign up from your member area or call {phone} to join.",
    ),
}

# The services catalogue; {in_fr} / {in_en} name the territories of the organisation offering it.
SERVICES = {
    # Chambers of commerce and industry
    "cci-formalites": DemoService(
        "Formalités de création et d'immatriculation",
        "Company registration formalities",
        "Un conseiller vérifie votre dossier d'immatriculation et le transmet au guichet unique. Il vous aide "
        "aussi à choisir le statut juridique adapté à votre projet.",
        "An adviser checks your registration file and submits it to the one-stop shop. They also help you choose "
        "the legal form that suits your project.",
        ("legal-formalities", "legal-status"),
        (Stage.IDEA, Stage.CREATION),
        Cost.PAID,
        "appointment",
    ),
    "cci-atelier-creer": DemoService(
        "Ateliers « Créer son entreprise »",
        "“Start your business” workshops",
        "Cinq demi-journées pour tester votre idée, étudier votre marché et bâtir un premier plan d'affaires. "
        "Les ateliers ont lieu chaque mois {in_fr}.",
        "Five half-days to test your idea, study your market and build a first business plan. Workshops run every "
        "month in {in_en}.",
        ("creation-project", "creation-business-plan"),
        (Stage.IDEA,),
        Cost.FREE,
        "workshop",
    ),
    "cci-export-diagnostic": DemoService(
        "Diagnostic export",
        "Export readiness review",
        "Une journée d'entretien pour mesurer votre capacité à exporter et choisir deux ou trois marchés "
        "prioritaires. Vous repartez avec un plan d'action chiffré.",
        "A day of interviews to assess your ability to export and pick two or three priority markets. You leave "
        "with a costed action plan.",
        ("export-markets", "growth-strategy"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "appointment",
    ),
    "cci-transmission-bourse": DemoService(
        "Bourse d'opportunités de reprise",
        "Business takeover marketplace",
        "Les annonces anonymes des entreprises à céder {in_fr}, avec une mise en relation confidentielle entre "
        "cédants et repreneurs.",
        "Anonymous listings of businesses for sale in {in_en}, with confidential introductions between sellers "
        "and buyers.",
        ("transmission-buying", "transmission-selling"),
        (Stage.TRANSMISSION,),
        Cost.FREE,
        "online",
    ),
    "cci-numerique": DemoService(
        "Accompagnement à la présence en ligne",
        "Online presence coaching",
        "Site web, fiche d'établissement, réseaux sociais, vente en ligne : un conseiller numérique vous aide à "
        "choisir les bons outils et à les mettre en place.",
        "Website, business listing, social media, online sales: a digital adviser helps you choose the right "
        "tools and set them up.",
        ("digital-ecommerce",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.PAID,
        "workshop",
    ),
    "cci-energie": DemoService(
        "Visite énergie pour les commerces et PME",
        "Energy visit for shops and SMEs",
        "Un conseiller visite vos locaux, analyse vos factures et repère les économies d'énergie rapides. Le "
        "rapport liste les aides mobilisables pour les travaux.",
        "An adviser visits your premises, reviews your bills and spots quick energy savings. The report lists the "
        "grants available for the works.",
        ("sustainability-energy",),
        (Stage.GROWTH,),
        Cost.FREE,
        "appointment",
    ),
    "cci-difficultes": DemoService(
        "Cellule de prévention des difficultés",
        "Early-warning support for companies in difficulty",
        "Un entretien confidentiel pour faire le point sur votre trésorerie et vos dettes, puis une orientation "
        "vers les bonnes procédures et les bons interlocuteurs.",
        "A confidential meeting to review your cash position and debts, then guidance towards the right "
        "procedures and people.",
        ("growth-difficulties",),
        (Stage.GROWTH, Stage.TRANSMISSION),
        Cost.FREE,
        "appointment",
    ),
    # Chambers of trades
    "cma-stage-installation": DemoService(
        "Stage de préparation à l'installation",
        "Pre-start-up course for craft businesses",
        "Une formation de quatre jours sur la gestion, le statut, la fiscalité et le développement commercial "
        "d'une entreprise artisanale.",
        "A four-day course on running a craft business: management, legal form, tax and sales.",
        ("creation-project", "legal-status"),
        (Stage.IDEA, Stage.CREATION),
        Cost.PAID,
        "workshop",
    ),
    "cma-qualification": DemoService(
        "Vérification des qualifications des métiers réglementés",
        "Qualification check for regulated trades",
        "Bâtiment, alimentation, coiffure, réparation automobile : nous vérifions que vos diplômes ou votre "
        "expérience permettent d'exercer l'activité choisie.",
        "Building, food, hairdressing, car repair: we check that your qualifications or experience allow you to "
        "practise the chosen trade.",
        ("legal-regulated",),
        (Stage.CREATION,),
        Cost.FREE,
        "appointment",
    ),
    "cma-apprentissage": DemoService(
        "Recrutement d'apprentis",
        "Hiring an apprentice",
        "Diffusion de votre offre auprès des jeunes en recherche de contrat, aide à la rédaction du contrat "
        "d'apprentissage et suivi pendant la formation.",
        "Your offer is shared with young people looking for a contract; we help draft the apprenticeship contract "
        "and follow up during the training.",
        ("hr-recruitment", "hr-training"),
        (Stage.GROWTH,),
        Cost.FREE,
        "online",
    ),
    "cma-transmission": DemoService(
        "Transmission d'entreprise artisanale",
        "Handing over a craft business",
        "Évaluation de votre entreprise, rédaction d'une annonce et recherche d'un repreneur parmi les candidats "
        "suivis par la chambre.",
        "Valuation of your business, a sale listing, and a search for a buyer among the candidates the chamber "
        "supports.",
        ("transmission-selling", "transmission-valuation"),
        (Stage.TRANSMISSION,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "cma-numerique": DemoService(
        "Pass numérique artisans",
        "Digital pass for craftspeople",
        "Trois ateliers et un accompagnement individuel pour vendre en ligne et protéger vos données. Campagne "
        "ouverte pour une durée limitée.",
        "Three workshops and one-to-one coaching to sell online and protect your data. The campaign is open for a "
        "limited period.",
        ("digital-ecommerce", "digital-cybersecurity"),
        (Stage.GROWTH,),
        Cost.PAID,
        "workshop",
        dates=(-90, 180),
    ),
    # Chambers of agriculture
    "agri-installation": DemoService(
        "Point accueil installation agricole",
        "Farm set-up help desk",
        "Le premier rendez-vous de tout projet d'installation agricole {in_fr} : parcours de formation, "
        "formalités et aides à l'installation.",
        "The first step of any farm set-up project in {in_en}: training path, formalities and set-up grants.",
        ("creation-support", "legal-formalities"),
        (Stage.IDEA, Stage.CREATION),
        Cost.FREE,
        "appointment",
    ),
    "agri-diversification": DemoService(
        "Diversification et circuits courts",
        "Diversification and short supply chains",
        "Vente à la ferme, transformation, agritourisme : étude de faisabilité et accompagnement du lancement de "
        "votre nouvelle activité.",
        "Farm shops, processing, agritourism: feasibility study and support to launch your new activity.",
        ("growth-strategy", "digital-ecommerce"),
        (Stage.GROWTH,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "agri-energie": DemoService(
        "Méthanisation et énergies renouvelables à la ferme",
        "On-farm biogas and renewable energy",
        "Étude d'opportunité pour un méthaniseur, des panneaux photovoltaïques ou une chaudière biomasse, avec le "
        "montage du plan de financement.",
        "Opportunity study for a biogas plant, solar panels or a biomass boiler, including the financing plan.",
        ("sustainability-energy", "sustainability-circular"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "agri-transmission": DemoService(
        "Répertoire départ-installation",
        "Farm handover register",
        "Les exploitations à reprendre {in_fr} et les candidats à l'installation, mis en relation par un "
        "conseiller transmission.",
        "Farms to take over in {in_en} and would-be farmers, introduced to each other by a handover adviser.",
        ("transmission-selling", "transmission-buying"),
        (Stage.TRANSMISSION,),
        Cost.FREE,
        "online",
    ),
    # Innovation agency
    "inno-diagnostic": DemoService(
        "Diagnostic innovation",
        "Innovation assessment",
        "Un chargé d'affaires analyse votre projet innovant, son marché et ses risques techniques, puis vous "
        "propose un plan d'accompagnement.",
        "A project manager reviews your innovative project, its market and technical risks, then proposes a "
        "support plan.",
        ("innovation", "innovation-rd"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "appointment",
    ),
    "inno-cir": DemoService(
        "Aide au montage du crédit d'impôt recherche",
        "Help with research and innovation tax credit claims",
        "Nous vérifions l'éligibilité de vos dépenses et relisons votre dossier justificatif avant sa déclaration.",
        "We check which of your expenses qualify and review your supporting file before you claim.",
        ("innovation-tax-credit",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "appointment",
    ),
    "inno-labo": DemoService(
        "Mise en relation avec les laboratoires",
        "Introductions to research laboratories",
        "Nous identifions l'équipe de recherche publique qui détient la compétence dont vous avez besoin et "
        "organisons une première rencontre.",
        "We find the public research team with the expertise you need and set up a first meeting.",
        ("innovation-partnerships",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "referral",
    ),
    "inno-europe": DemoService(
        "Montage de projets européens",
        "European R&D project set-up",
        "Recherche de partenaires, rédaction et relecture de votre candidature aux programmes européens de "
        "recherche et d'innovation.",
        "Partner search, drafting and review of your application to European research and innovation programmes.",
        ("innovation-rd", "financing-grants"),
        (Stage.SCALE_UP,),
        Cost.FREE,
        "appointment",
    ),
    "inno-pi": DemoService(
        "Pré-diagnostic propriété intellectuelle",
        "Intellectual property pre-assessment",
        "Un point complet sur vos inventions, marques et logiciels, et les protections à envisager avant de "
        "communiquer sur votre innovation.",
        "A full review of your inventions, trademarks and software, and of the protection to consider before you "
        "talk about your innovation.",
        ("ip-strategy", "ip-patents"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "appointment",
    ),
    "inno-industrie": DemoService(
        "Programme industrie du futur",
        "Industry 4.0 programme",
        "Diagnostic de votre outil de production puis accompagnement d'un projet d'automatisation ou de "
        "numérisation, pour une promotion de douze PME industrielles.",
        "An assessment of your production facilities then support for an automation or digitisation project, for "
        "a cohort of twelve industrial SMEs.",
        ("digital-industry",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "call",
        dates=(-30, 240),
    ),
    "inno-cyber": DemoService(
        "Diagnostic cybersécurité",
        "Cybersecurity check-up",
        "Un expert évalue la protection de vos postes, de vos données et de vos sauvegardes et vous remet une "
        "liste d'actions prioritaires.",
        "An expert assesses how well your computers, data and back-ups are protected and gives you a list of "
        "priority actions.",
        ("digital-cybersecurity",),
        (Stage.GROWTH,),
        Cost.FREE,
        "appointment",
    ),
    # Development agencies
    "dev-implantation": DemoService(
        "Recherche de locaux et de terrains",
        "Finding premises and land",
        "Bureaux, ateliers, entrepôts ou terrains {in_fr} : nous recensons les offres disponibles et organisons "
        "les visites.",
        "Offices, workshops, warehouses or land in {in_en}: we list what is available and arrange the visits.",
        ("growth-premises",),
        (Stage.CREATION, Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "appointment",
    ),
    "dev-aides": DemoService(
        "Orientation vers les aides publiques",
        "Guidance on public grants",
        "Nous identifions les aides de l'État, de la Région et des collectivités auxquelles votre projet peut "
        "prétendre et vous aidons à monter les dossiers.",
        "We find the State, regional and local grants your project may qualify for and help you with the "
        "applications.",
        ("financing-grants",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "appointment",
    ),
    "dev-recrutement": DemoService(
        "Appui au recrutement et accueil des salariés",
        "Recruitment and staff relocation support",
        "Diffusion de vos offres, présélection des candidats et aide à l'installation de vos nouveaux salariés et "
        "de leur famille.",
        "We advertise your vacancies, shortlist candidates and help your new staff and their families settle in.",
        ("hr-recruitment",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "online",
    ),
    "dev-strategie": DemoService(
        "Accompagnement des projets de développement",
        "Support for expansion projects",
        "Un chargé d'affaires suit votre projet d'extension de bout en bout : foncier, financements, permis et "
        "recrutements.",
        "A project manager follows your expansion project from start to finish: land, funding, permits and hiring.",
        ("growth-strategy",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "referral",
    ),
    "dev-ecologie": DemoService(
        "Parcours entreprise bas carbone",
        "Low-carbon company programme",
        "Bilan carbone simplifié, plan de réduction et ateliers entre pairs pendant un an. La prochaine promotion "
        "démarre bientôt.",
        "A simplified carbon footprint, a reduction plan and peer workshops over a year. The next cohort starts soon.",
        ("sustainability-energy", "sustainability-csr"),
        (Stage.GROWTH,),
        Cost.PAID,
        "call",
        dates=(20, 385),
    ),
    # Banks and financiers
    "bank-pret-creation": DemoService(
        "Prêt création d'entreprise",
        "Start-up loan",
        "Un prêt pour financer vos premiers investissements et votre besoin en fonds de roulement, avec un "
        "différé de remboursement possible.",
        "A loan to fund your first investments and working capital, with a possible repayment holiday.",
        ("financing-loans",),
        (Stage.CREATION,),
        Cost.PAID,
        "appointment",
    ),
    "bank-pret-developpement": DemoService(
        "Prêt de développement",
        "Expansion loan",
        "Financement de vos investissements matériels et immatériels, de vos recrutements ou de l'ouverture d'un "
        "nouveau site.",
        "Funding for equipment and intangible investments, new hires or a new site.",
        ("financing-loans", "growth-strategy"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "appointment",
    ),
    "bank-garantie": DemoService(
        "Caution et garantie de prêt",
        "Loan guarantees",
        "Une garantie qui couvre une partie de votre prêt bancaire et limite la caution personnelle demandée au "
        "dirigeant.",
        "A guarantee covering part of your bank loan, which limits the personal guarantee asked of the owner.",
        ("financing-guarantees",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.PAID,
        "appointment",
    ),
    "bank-reprise": DemoService(
        "Financement de la reprise d'entreprise",
        "Business takeover financing",
        "Montage du plan de financement de votre reprise : prêt d'acquisition, apport, crédit vendeur et garanties.",
        "Putting together your takeover financing: acquisition loan, own funds, vendor credit and guarantees.",
        ("transmission-buying", "financing-loans"),
        (Stage.TRANSMISSION,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "bank-pret-vert": DemoService(
        "Prêt transition énergétique",
        "Green transition loan",
        "Un prêt à taux bonifié pour vos travaux d'isolation, de récupération de chaleur ou le remplacement de "
        "vos véhicules.",
        "A reduced-rate loan for insulation, heat recovery or replacing your vehicles.",
        ("sustainability-energy", "financing-loans"),
        (Stage.GROWTH,),
        Cost.PAID,
        "appointment",
    ),
    "bank-international": DemoService(
        "Crédit documentaire et garanties export",
        "Letters of credit and export guarantees",
        "Sécurisez vos paiements et vos contrats à l'international : crédit documentaire, garanties de marché et "
        "couverture de change.",
        "Secure your international payments and contracts: letters of credit, contract guarantees and currency "
        "hedging.",
        ("export-customs", "financing-guarantees"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "solid-microcredit": DemoService(
        "Microcrédit professionnel",
        "Business microloan",
        "Un prêt jusqu'à 12 000 € pour les créateurs qui n'ont pas accès au crédit bancaire classique, avec un "
        "accompagnement pendant deux ans.",
        "A loan of up to €12,000 for founders without access to ordinary bank credit, with two years of support.",
        ("financing-loans", "creation-support"),
        (Stage.IDEA, Stage.CREATION),
        Cost.PAID,
        "referral",
    ),
    "solid-accompagnement": DemoService(
        "Suivi post-création",
        "Post-start-up mentoring",
        "Un point trimestriel avec un bénévole expérimenté pendant les trois premières années de votre activité.",
        "A quarterly meeting with an experienced volunteer during your first three years of business.",
        ("creation-support", "hr-management"),
        (Stage.CREATION,),
        Cost.FREE,
        "members",
        is_public=False,
    ),
    "honneur-creation": DemoService(
        "Prêt d'honneur création",
        "Start-up honour loan",
        "Un prêt personnel à taux zéro, sans garantie, qui renforce vos fonds propres et facilite l'obtention "
        "d'un prêt bancaire.",
        "A zero-rate personal loan without guarantee that strengthens your own funds and makes a bank loan easier "
        "to obtain.",
        ("financing-loans", "creation-support"),
        (Stage.CREATION,),
        Cost.FREE,
        "call",
    ),
    "honneur-reprise": DemoService(
        "Prêt d'honneur reprise",
        "Takeover honour loan",
        "Un prêt à taux zéro pour compléter votre apport personnel lors du rachat d'une entreprise {in_fr}.",
        "A zero-rate loan to top up your own contribution when buying a business in {in_en}.",
        ("financing-loans", "transmission-buying"),
        (Stage.TRANSMISSION,),
        Cost.FREE,
        "call",
    ),
    "honneur-parrainage": DemoService(
        "Parrainage par un chef d'entreprise",
        "Mentoring by a business owner",
        "Un dirigeant bénévole vous accompagne pendant vos premières années et vous ouvre son carnet d'adresses.",
        "A volunteer business owner supports you through your first years and opens their address book to you.",
        ("creation-support", "hr-management"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "referral",
    ),
    # Investors
    "fund-amorcage": DemoService(
        "Investissement en amorçage",
        "Seed investment",
        "Des tickets de 100 000 à 500 000 € pour les jeunes entreprises innovantes {in_fr}, aux côtés "
        "d'investisseurs privés.",
        "Tickets of €100,000 to €500,000 for young innovative companies in {in_en}, alongside private investors.",
        ("financing-equity",),
        (Stage.CREATION,),
        Cost.ON_QUOTE,
        "call",
    ),
    "fund-capital-developpement": DemoService(
        "Capital développement",
        "Growth capital",
        "Une prise de participation minoritaire pour financer votre croissance, avec un administrateur qui vous "
        "accompagne dans la durée.",
        "A minority stake to fund your growth, with a board member who supports you over time.",
        ("financing-equity",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "fund-transmission": DemoService(
        "Capital transmission",
        "Buy-out capital",
        "Financement en fonds propres de la reprise d'une PME par ses cadres ou par un repreneur externe, après "
        "une évaluation partagée.",
        "Equity funding for the buy-out of an SME by its managers or an outside buyer, after a shared valuation.",
        ("financing-equity", "transmission-buying", "transmission-valuation"),
        (Stage.TRANSMISSION,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "fund-bilan": DemoService(
        "Revue des besoins en fonds propres",
        "Equity needs review",
        "Un entretien pour estimer vos besoins de financement, préparer votre présentation aux investisseurs et "
        "choisir le bon moment pour lever des fonds.",
        "A meeting to estimate your funding needs, prepare your investor pitch and choose the right time to raise "
        "money.",
        ("financing-equity", "growth-strategy"),
        (Stage.SCALE_UP,),
        Cost.FREE,
        "appointment",
    ),
    "angels-pitch": DemoService(
        "Soirées de présentation aux investisseurs",
        "Investor pitch evenings",
        "Présentez votre projet à une cinquantaine d'investisseurs particuliers lors de nos soirées de la saison.",
        "Pitch your project to about fifty private investors at one of this season's evenings.",
        ("financing-equity",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "call",
        dates=(-60, 120),
    ),
    "angels-mentorat": DemoService(
        "Mentorat par un business angel",
        "Business angel mentoring",
        "Un investisseur du réseau suit votre entreprise après la levée de fonds et vous aide à structurer votre "
        "croissance.",
        "An investor from the network follows your company after the funding round and helps you structure your "
        "growth.",
        ("growth-strategy", "hr-management"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "members",
        is_public=False,
    ),
    "angels-coinvest": DemoService(
        "Co-investissement avec les fonds régionaux",
        "Co-investment with regional funds",
        "Pour les tours de table plus importants, nos membres investissent aux côtés des fonds régionaux.",
        "For larger funding rounds, our members invest alongside the regional funds.",
        ("financing-equity",),
        (Stage.SCALE_UP,),
        Cost.ON_QUOTE,
        "referral",
    ),
    # Universities and schools
    "univ-incubateur": DemoService(
        "Incubateur étudiant",
        "Student incubator",
        "Un an d'accompagnement, un bureau et des experts pour les étudiants et jeunes diplômés qui créent leur "
        "entreprise.",
        "A year of support, a desk and experts for students and recent graduates who start a business.",
        ("creation-support", "creation-project"),
        (Stage.IDEA, Stage.CREATION),
        Cost.FREE,
        "call",
    ),
    "univ-stages": DemoService(
        "Stagiaires et alternants",
        "Interns and work-study students",
        "Publiez vos offres de stage et d'alternance auprès des étudiants, du bac+2 au doctorat.",
        "Post internship and work-study offers to students, from two-year diplomas to PhDs.",
        ("hr-recruitment", "hr-training"),
        (Stage.GROWTH,),
        Cost.FREE,
        "online",
    ),
    "univ-formation-continue": DemoService(
        "Formation continue des dirigeants et salariés",
        "Executive and staff training",
        "Des formations courtes ou diplômantes en management, gestion et techniques, adaptables à vos besoins.",
        "Short or degree courses in management, finance and technical subjects, adaptable to your needs.",
        ("hr-training", "hr-management"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "online",
    ),
    "univ-these": DemoService(
        "Doctorants en entreprise",
        "Industrial PhD placements",
        "Accueillez un doctorant qui mène sa thèse sur votre sujet de recherche, encadré conjointement par un "
        "laboratoire.",
        "Host a PhD student who works on your research topic, co-supervised by a laboratory.",
        ("innovation-rd", "innovation-partnerships", "hr-recruitment"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "univ-projets-etudiants": DemoService(
        "Projets tutorés d'étudiants",
        "Student consulting projects",
        "Une équipe d'étudiants encadrée par un enseignant travaille plusieurs semaines sur votre étude de marché "
        "ou votre projet export.",
        "A team of students supervised by a lecturer spends several weeks on your market study or export project.",
        ("growth-strategy", "export-markets"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "call",
    ),
    "univ-equipements": DemoService(
        "Accès aux plateformes et équipements",
        "Access to laboratory equipment",
        "Louez du temps machine sur nos équipements d'analyse et de fabrication, avec l'appui d'un ingénieur.",
        "Rent time on our analysis and manufacturing equipment, with an engineer's help.",
        ("innovation-rd",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "appointment",
    ),
    # Research and technology transfer
    "rt-prestation": DemoService(
        "Prestations d'essais et de caractérisation",
        "Testing and characterisation services",
        "Essais mécaniques, analyses physico-chimiques et expertises de défaillance, avec un rapport exploitable "
        "par vos clients.",
        "Mechanical tests, physico-chemical analyses and failure investigations, with a report your customers can "
        "rely on.",
        ("innovation-rd",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "rt-prototype": DemoService(
        "Prototypage et preuve de concept",
        "Prototyping and proof of concept",
        "Nos ingénieurs réalisent un premier prototype pour valider la faisabilité technique de votre idée avant "
        "d'investir.",
        "Our engineers build a first prototype to prove your idea is technically feasible before you invest.",
        ("innovation-rd", "creation-project"),
        (Stage.IDEA, Stage.CREATION),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "rt-transfert": DemoService(
        "Licences de technologies",
        "Technology licensing",
        "Accédez aux technologies brevetées de nos équipes par une licence ou un partenariat de développement.",
        "Access our teams' patented technologies through a licence or a joint development partnership.",
        ("ip-strategy", "innovation-partnerships"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "rt-veille": DemoService(
        "Veille technologique et brevets",
        "Technology and patent watch",
        "Un bulletin mensuel sur les brevets, normes et publications de votre secteur, avec une alerte sur vos "
        "concurrents.",
        "A monthly bulletin on patents, standards and publications in your sector, with alerts on your competitors.",
        ("ip-patents", "innovation"),
        (Stage.GROWTH,),
        Cost.PAID,
        "members",
        is_public=False,
    ),
    "rt-circulaire": DemoService(
        "Valorisation des coproduits et déchets",
        "Turning by-products and waste into value",
        "Nous étudions comment transformer vos rebuts et coproduits en matières premières pour d'autres industries.",
        "We study how your scrap and by-products can become raw materials for other industries.",
        ("sustainability-circular",),
        (Stage.GROWTH,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "rt-qualite": DemoService(
        "Mise en conformité réglementaire des produits",
        "Product regulatory compliance",
        "Marquage, étiquetage, normes sanitaires : nous préparons le dossier technique de vos produits pour le "
        "marché français et l'export.",
        "Marking, labelling, health standards: we prepare your products' technical file for the French market and "
        "for export.",
        ("legal-regulated", "export-customs"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.PAID,
        "appointment",
    ),
    # Consultancy networks
    "conseil-premier-rdv": DemoService(
        "Premier rendez-vous conseil gratuit",
        "Free first consultation",
        "Une heure avec un expert-comptable ou un avocat du réseau pour poser toutes vos questions sur votre "
        "projet {in_fr}.",
        "An hour with a chartered accountant or lawyer from the network to ask all your questions about your "
        "project in {in_en}.",
        ("legal-status", "creation-business-plan"),
        (Stage.IDEA, Stage.CREATION),
        Cost.FREE,
        "appointment",
    ),
    "conseil-business-plan": DemoService(
        "Relecture du plan d'affaires",
        "Business plan review",
        "Un expert relit vos prévisions financières et votre argumentaire avant votre rendez-vous bancaire.",
        "An expert reviews your financial forecasts and pitch before your meeting with the bank.",
        ("creation-business-plan", "financing"),
        (Stage.CREATION,),
        Cost.PAID,
        "appointment",
    ),
    "conseil-rse": DemoService(
        "Démarche RSE accompagnée",
        "Guided CSR approach",
        "Diagnostic de vos pratiques sociales et environnementales, plan d'action et préparation à la labellisation.",
        "A review of your social and environmental practices, an action plan and preparation for certification.",
        ("sustainability-csr",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "conseil-strategie": DemoService(
        "Plan de développement à trois ans",
        "Three-year development plan",
        "Des consultants vous aident à formaliser votre stratégie, vos priorités et votre plan de financement "
        "pour les trois années à venir.",
        "Consultants help you set out your strategy, priorities and financing plan for the next three years.",
        ("growth-strategy",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "conseil-management": DemoService(
        "Structuration de l'organisation et du management",
        "Organisation and management structuring",
        "Quand l'équipe dépasse vingt personnes : organigramme, délégation, entretiens annuels et outils de pilotage.",
        "When the team grows beyond twenty people: organisation chart, delegation, annual reviews and management "
        "dashboards.",
        ("hr-management",),
        (Stage.SCALE_UP,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "trans-evaluation": DemoService(
        "Évaluation d'entreprise",
        "Business valuation",
        "Une évaluation argumentée de votre entreprise selon plusieurs méthodes, pour fixer un prix de cession "
        "réaliste.",
        "A reasoned valuation of your business using several methods, to set a realistic sale price.",
        ("transmission-valuation",),
        (Stage.TRANSMISSION,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "trans-cession": DemoService(
        "Accompagnement du cédant",
        "Support for sellers",
        "De la préparation de l'entreprise à la signature : recherche d'acquéreurs, négociation et suivi juridique "
        "de la vente.",
        "From getting the business ready to signing: finding buyers, negotiating and handling the legal side of "
        "the sale.",
        ("transmission-selling",),
        (Stage.TRANSMISSION,),
        Cost.ON_QUOTE,
        "appointment",
    ),
    "trans-repreneur": DemoService(
        "Parcours repreneur",
        "Buyer programme",
        "Six mois de formation et de coaching pour trouver, évaluer et financer l'entreprise que vous voulez "
        "reprendre. Prochaine session à la rentrée.",
        "Six months of training and coaching to find, assess and finance the business you want to buy. Next "
        "session in the autumn.",
        ("transmission-buying", "financing-loans"),
        (Stage.IDEA, Stage.TRANSMISSION),
        Cost.PAID,
        "workshop",
        dates=(35, 280),
    ),
    "trans-sensibilisation": DemoService(
        "Réunions d'information sur la transmission",
        "Information meetings on business handover",
        "Des réunions gratuites pour les dirigeants de plus de 55 ans : quand et comment préparer la transmission "
        "de son entreprise.",
        "Free meetings for business owners over 55: when and how to prepare handing over your business.",
        ("transmission-selling",),
        (Stage.GROWTH, Stage.TRANSMISSION),
        Cost.FREE,
        "workshop",
    ),
    # Business networks
    "club-rencontres": DemoService(
        "Rencontres mensuelles de dirigeants",
        "Monthly business leaders' meetings",
        "Chaque mois, une soirée d'échanges entre dirigeants {in_fr} autour d'un témoignage ou d'un expert.",
        "Every month, an evening for business leaders in {in_en} around a guest speaker or an expert.",
        ("growth-strategy", "hr-management"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.PAID,
        "members",
    ),
    "club-parrainage": DemoService(
        "Parrainage de jeunes dirigeants",
        "Mentoring for new business owners",
        "Un membre expérimenté parraine un créateur pendant un an : conseils, réseau et regard extérieur.",
        "An experienced member mentors a founder for a year: advice, contacts and an outside view.",
        ("creation-support",),
        (Stage.CREATION,),
        Cost.FREE,
        "appointment",
    ),
    "club-achats": DemoService(
        "Groupement d'achats",
        "Group purchasing",
        "Les adhérents mutualisent leurs achats d'énergie, de fournitures et d'assurances pour obtenir de "
        "meilleurs tarifs.",
        "Members pool their purchases of energy, supplies and insurance to get better prices.",
        ("sustainability-energy", "growth-strategy"),
        (Stage.GROWTH,),
        Cost.PAID,
        "members",
        is_public=False,
    ),
    "club-emploi": DemoService(
        "Bourse à l'emploi partagée",
        "Shared job board",
        "Les offres d'emploi des entreprises du réseau et les candidatures des conjoints de salariés nouvellement "
        "arrivés {in_fr}.",
        "Vacancies at network companies and applications from the partners of employees who have just moved to "
        "{in_en}.",
        ("hr-recruitment",),
        (Stage.GROWTH,),
        Cost.FREE,
        "online",
    ),
    "club-export": DemoService(
        "Club export",
        "Export club",
        "Retours d'expérience, missions collectives et stands partagés sur les salons internationaux.",
        "Experience sharing, group trade missions and shared stands at international trade fairs.",
        ("export-trade-fairs", "export-markets"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "members",
    ),
    "club-femmes-programme": DemoService(
        "Programme « Oser entreprendre au féminin »",
        "Women in business programme",
        "Huit ateliers et un mentorat pour les femmes qui créent ou développent leur entreprise {in_fr}.",
        "Eight workshops and mentoring for women starting or growing a business in {in_en}.",
        ("creation-project", "creation-support"),
        (Stage.IDEA, Stage.CREATION),
        Cost.FREE,
        "call",
        dates=(-15, 200),
    ),
    # Local authorities
    "region-aide-innovation": DemoService(
        "Aide régionale à l'innovation",
        "Regional innovation grant",
        "Une subvention ou une avance remboursable pour les projets de recherche et développement des PME régionales.",
        "A grant or repayable advance for research and development projects of the region's SMEs.",
        ("financing-grants", "innovation-rd"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "call",
    ),
    "region-aide-export": DemoService(
        "Aide régionale à la prospection export",
        "Regional export prospecting grant",
        "La Région prend en charge une partie de vos frais de salons, de missions et de recrutement d'un "
        "volontaire international.",
        "The Region covers part of your trade fair and mission costs and of hiring an international volunteer.",
        ("export-trade-fairs", "financing-grants"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "call",
    ),
    "region-aide-investissement": DemoService(
        "Aide à l'investissement productif",
        "Productive investment grant",
        "Un soutien aux investissements de modernisation et d'automatisation qui créent ou maintiennent des "
        "emplois en région.",
        "Support for modernisation and automation investments that create or keep jobs in the region.",
        ("financing-grants", "digital-industry"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "call",
    ),
    "region-formation": DemoService(
        "Financement de la formation des salariés",
        "Funding for staff training",
        "Prise en charge d'une partie des coûts de formation liés à un recrutement ou à un changement de technologie.",
        "Part of the training costs linked to a recruitment or a change of technology is covered.",
        ("hr-training", "financing-grants"),
        (Stage.GROWTH,),
        Cost.FREE,
        "online",
    ),
    "region-transition": DemoService(
        "Appel à projets transition écologique",
        "Ecological transition call for projects",
        "Des subventions pour les projets d'efficacité énergétique et d'économie circulaire des entreprises. "
        "L'appel est ouvert jusqu'à sa date de clôture.",
        "Grants for companies' energy efficiency and circular economy projects. The call is open until its "
        "closing date.",
        ("sustainability-energy", "sustainability-circular", "financing-grants"),
        (Stage.GROWTH,),
        Cost.FREE,
        "call",
        dates=(-45, 75),
    ),
    "region-rebond": DemoService(
        "Fonds de rebond pour les entreprises en difficulté",
        "Recovery fund for companies in difficulty",
        "Un prêt sans garantie pour passer un cap difficile, accordé après un diagnostic avec un conseiller.",
        "A loan without guarantee to get through a difficult period, granted after a review with an adviser.",
        ("growth-difficulties", "financing-loans"),
        (Stage.GROWTH,),
        Cost.FREE,
        "referral",
    ),
    "region-garantie": DemoService(
        "Garantie régionale des prêts",
        "Regional loan guarantee",
        "La Région garantit une partie des prêts bancaires accordés pour une création ou une reprise d'entreprise.",
        "The Region guarantees part of the bank loans granted to start or take over a business.",
        ("financing-guarantees",),
        (Stage.CREATION, Stage.TRANSMISSION),
        Cost.PAID,
        "referral",
    ),
    "metro-immobilier": DemoService(
        "Pépinières et hôtels d'entreprises",
        "Business incubators and shared premises",
        "Des bureaux et ateliers à loyer modéré pour les jeunes entreprises, avec des services partagés et un "
        "suivi personnalisé.",
        "Offices and workshops at moderate rents for young companies, with shared services and personal follow-up.",
        ("growth-premises", "creation-support"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.PAID,
        "online",
    ),
    "metro-commerce": DemoService(
        "Aide à l'installation des commerces de centre-ville",
        "Town-centre shop set-up grant",
        "Une subvention pour l'aménagement d'un local commercial vacant dans les centres-villes {in_fr}.",
        "A grant to fit out an empty shop in the town centres in {in_en}.",
        ("financing-grants", "growth-premises"),
        (Stage.CREATION,),
        Cost.FREE,
        "call",
    ),
    "metro-achats-publics": DemoService(
        "Accès aux marchés publics",
        "Access to public procurement",
        "Des ateliers pour repérer les appels d'offres des collectivités et rédiger une réponse qui convainc.",
        "Workshops to spot public authorities' tenders and write a convincing bid.",
        ("growth-strategy",),
        (Stage.GROWTH,),
        Cost.FREE,
        "workshop",
    ),
    "cc-foncier": DemoService(
        "Terrains disponibles en zone d'activités",
        "Available land in business parks",
        "Des parcelles viabilisées de 1 000 à 20 000 m² dans les zones d'activités du territoire, à prix maîtrisé.",
        "Serviced plots from 1,000 to 20,000 m² in the area's business parks, at controlled prices.",
        ("growth-premises",),
        (Stage.CREATION, Stage.GROWTH, Stage.SCALE_UP),
        Cost.PAID,
        "appointment",
    ),
    "cc-accueil": DemoService(
        "Guichet unique des entreprises",
        "Business one-stop shop",
        "Un interlocuteur unique pour toutes vos démarches auprès de la collectivité : urbanisme, aides, "
        "recrutement et réseaux locaux.",
        "A single contact for all your dealings with the local authority: planning, grants, hiring and local "
        "networks.",
        ("creation-project", "financing-grants"),
        (Stage.IDEA, Stage.CREATION),
        Cost.FREE,
        "appointment",
    ),
    # State services
    "dreets-emploi-aides": DemoService(
        "Aides à l'embauche",
        "Hiring incentives",
        "Les aides de l'État pour l'embauche d'apprentis, de jeunes ou de demandeurs d'emploi, et comment les "
        "demander.",
        "The State's incentives for hiring apprentices, young people or job seekers, and how to apply.",
        ("hr-recruitment", "financing-grants"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "online",
    ),
    "dreets-difficultes": DemoService(
        "Accompagnement des entreprises en difficulté",
        "Support for companies in difficulty",
        "Activité partielle, restructuration, plan de sauvegarde de l'emploi : un commissaire aux restructurations "
        "vous accompagne.",
        "Short-time working, restructuring, job protection plans: a restructuring commissioner supports you.",
        ("growth-difficulties", "hr-management"),
        (Stage.GROWTH, Stage.TRANSMISSION),
        Cost.FREE,
        "appointment",
    ),
    "dreets-gpec": DemoService(
        "Gestion prévisionnelle des emplois et des compétences",
        "Strategic workforce planning",
        "Un cofinancement pour anticiper l'évolution de vos métiers et construire un plan de compétences avec vos "
        "salariés.",
        "Co-funding to anticipate how your jobs will change and build a skills plan with your staff.",
        ("hr-management", "hr-training"),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "call",
    ),
    "douane-conseil": DemoService(
        "Conseil aux entreprises primo-exportatrices",
        "Advice for first-time exporters",
        "Un conseiller en douane vous explique les formalités, l'origine et la fiscalité de vos premières ventes "
        "hors de l'Union européenne.",
        "A customs adviser explains the formalities, origin rules and taxes of your first sales outside the "
        "European Union.",
        ("export-customs", "export-markets"),
        (Stage.GROWTH,),
        Cost.FREE,
        "appointment",
    ),
    "douane-statut": DemoService(
        "Statut d'opérateur économique agréé",
        "Authorised economic operator status",
        "Un accompagnement pour obtenir le statut qui simplifie et accélère vos opérations de dédouanement.",
        "Support to obtain the status that simplifies and speeds up your customs clearance.",
        ("export-customs", "legal-regulated"),
        (Stage.SCALE_UP,),
        Cost.FREE,
        "appointment",
    ),
    "douane-origine": DemoService(
        "Renseignements tarifaires et d'origine contraignants",
        "Binding tariff and origin information",
        "Une décision écrite qui fixe le classement douanier et l'origine de vos produits, opposable dans toute "
        "l'Union.",
        "A written decision fixing the customs classification and origin of your products, binding across the Union.",
        ("export-customs",),
        (Stage.GROWTH, Stage.SCALE_UP),
        Cost.FREE,
        "online",
    ),
    "pi-marques": DemoService(
        "Rendez-vous marques et dépôts",
        "Trademark filing sessions",
        "Un juriste vérifie la disponibilité de votre marque et vous guide pour la déposer en ligne.",
        "A lawyer checks that your trademark is available and guides you through filing it online.",
        ("ip-trademarks",),
        (Stage.CREATION,),
        Cost.FREE,
        "appointment",
    ),
    "pi-brevets": DemoService(
        "Premier dépôt de brevet : accompagnement",
        "First patent filing support",
        "Un ingénieur brevets évalue la brevetabilité de votre invention et vous oriente vers un conseil en "
        "propriété industrielle.",
        "A patent engineer assesses whether your invention can be patented and refers you to a patent attorney.",
        ("ip-patents",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "appointment",
    ),
    "pi-formation": DemoService(
        "Formation à la propriété industrielle",
        "Intellectual property training",
        "Une journée pour comprendre brevets, marques, dessins et modèles, et bâtir votre stratégie de protection.",
        "A day to understand patents, trademarks and designs, and build your protection strategy.",
        ("ip-strategy", "ip-trademarks"),
        (Stage.IDEA, Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "workshop",
        dates=(-120, 60),
    ),
    # Other organisations
    "mde-recrutement": DemoService(
        "Recrutement accompagné",
        "Assisted recruitment",
        "Nous analysons votre besoin, rédigeons l'offre et présélectionnons des candidats {in_fr}.",
        "We analyse your need, write the job offer and shortlist candidates in {in_en}.",
        ("hr-recruitment",),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "appointment",
    ),
    "mde-competences": DemoService(
        "Diagnostic compétences",
        "Skills review",
        "Un état des lieux des compétences de votre équipe et un plan de formation finançable.",
        "A review of your team's skills and a training plan that can be funded.",
        ("hr-training", "hr-management"),
        (Stage.GROWTH,),
        Cost.FREE,
        "appointment",
    ),
    "mde-emploi-partage": DemoService(
        "Groupement d'employeurs",
        "Employer pooling",
        "Partagez un salarié à temps partiel avec d'autres entreprises : comptable, commercial, agent de maintenance.",
        "Share a part-time employee with other companies: accountant, salesperson, maintenance technician.",
        ("hr-recruitment", "hr-management"),
        (Stage.GROWTH,),
        Cost.PAID,
        "appointment",
    ),
    "tl-coworking": DemoService(
        "Espace de coworking",
        "Coworking space",
        "Des postes de travail à la journée ou au mois, une salle de réunion et une communauté d'indépendants.",
        "Desks by the day or month, a meeting room and a community of freelancers.",
        ("growth-premises", "creation-support"),
        (Stage.IDEA, Stage.CREATION),
        Cost.PAID,
        "online",
    ),
    "tl-atelier-numerique": DemoService(
        "Ateliers numériques pour TPE",
        "Digital workshops for small businesses",
        "Des ateliers de deux heures : site vitrine, réseaux sociais, sauvegardes et mots de passe.",
        "Two-hour workshops: showcase website, social media, back-ups and passwords.",
        ("digital-ecommerce", "digital-cybersecurity"),
        (Stage.CREATION, Stage.GROWTH),
        Cost.FREE,
        "workshop",
    ),
    "tl-fablab": DemoService(
        "Fablab et prototypage rapide",
        "Fablab and rapid prototyping",
        "Imprimantes 3D, découpe laser et fraiseuse numérique pour fabriquer vos premiers prototypes, avec un "
        "animateur.",
        "3D printers, laser cutter and CNC milling machine to make your first prototypes, with a facilitator.",
        ("digital-industry", "innovation-rd"),
        (Stage.IDEA, Stage.CREATION),
        Cost.PAID,
        "online",
    ),
}

ORGANISATIONS = [
    DemoOrganisation(
        "cci-loiret-demo",
        "CCI Loiret (démo)",
        Kind.CHAMBER_OF_COMMERCE,
        ("45",),
        "23 place du Martroi",
        "45000",
        "Orléans",
        ("creation", "legal-setup", "export", "transmission"),
        "Chambre de commerce et d'industrie de démonstration pour le Loiret. Elle accueille les créateurs et "
        "accompagne commerçants et PME industrielles dans leur développement et à l'international. Ses conseillers "
        "tiennent des permanences à Orléans, Montargis et Gien.",
        "A demonstration chamber of commerce and industry for the Loiret. It welcomes founders and helps retailers "
        "and industrial SMEs grow at home and abroad. Its advisers hold office hours in Orléans, Montargis and Gien.",
        (
            "cci-formalites",
            "cci-atelier-creer",
            "cci-export-diagnostic",
            "cci-transmission-bourse",
            "cci-numerique",
            "cci-difficultes",
        ),
        ("Bertrand Delorme", "Président"),
        convention="renewed",
    ),
    DemoOrganisation(
        "cci-touraine-demo",
        "CCI Touraine (démo)",
        Kind.CHAMBER_OF_COMMERCE,
        ("37",),
        "4 bis rue Jules Favre",
        "37000",
        "Tours",
        ("creation", "export", "digital", "sustainability"),
        "La chambre de commerce et d'industrie fictive de l'Indre-et-Loire. Elle conseille les entreprises du "
        "commerce, de l'industrie et des services, de la création à la transmission.",
        "The fictional chamber of commerce and industry of Indre-et-Loire. It advises retail, industrial and "
        "service companies, from start-up to handover.",
        ("cci-formalites", "cci-atelier-creer", "cci-export-diagnostic", "cci-energie", "cci-numerique"),
        ("Isabelle Fontaine", "Présidente"),
    ),
    DemoOrganisation(
        "cci-cher-indre-demo",
        "CCI Cher-Indre (démo)",
        Kind.CHAMBER_OF_COMMERCE,
        ("18", "36"),
        "18 rue de Séraucourt",
        "18000",
        "Bourges",
        ("creation", "transmission", "growth", "sustainability"),
        "Une chambre de commerce et d'industrie interdépartementale de démonstration, pour le Cher et l'Indre. "
        "Elle met l'accent sur la transmission des entreprises et la sobriété énergétique des PME.",
        "A demonstration chamber of commerce and industry serving both Cher and Indre. It focuses on business "
        "handovers and energy savings for SMEs.",
        ("cci-formalites", "cci-transmission-bourse", "cci-energie", "cci-difficultes", "cci-numerique"),
        ("Patrick Renaud", "Président"),
    ),
    DemoOrganisation(
        "cma-eure-et-loir-demo",
        "Chambre de métiers et de l'artisanat d'Eure-et-Loir (démo)",
        Kind.CHAMBER_OF_TRADES,
        ("28",),
        "12 rue Chanzy",
        "28000",
        "Chartres",
        ("legal-setup", "hr-skills", "transmission", "digital"),
        "La chambre de métiers fictive d'Eure-et-Loir accompagne les artisans, de l'installation à la "
        "transmission. Elle gère aussi l'apprentissage dans les métiers de l'artisanat.",
        "The fictional chamber of trades of Eure-et-Loir supports craftspeople from set-up to handover. It also "
        "runs apprenticeships in the craft trades.",
        ("cma-stage-installation", "cma-qualification", "cma-apprentissage", "cma-transmission", "cma-numerique"),
        ("Laurent Girard", "Président"),
    ),
    DemoOrganisation(
        "cma-loir-et-cher-demo",
        "Chambre de métiers et de l'artisanat du Loir-et-Cher (démo)",
        Kind.CHAMBER_OF_TRADES,
        ("41",),
        "16 rue de la Vallée Maillard",
        "41000",
        "Blois",
        ("legal-setup", "hr-skills", "transmission", "digital"),
        "Chambre de métiers de démonstration pour le Loir-et-Cher. Ses conseillers reçoivent les artisans à Blois, "
        "Vendôme et Romorantin-Lanthenay.",
        "A demonstration chamber of trades for Loir-et-Cher. Its advisers see craftspeople in Blois, Vendôme and "
        "Romorantin-Lanthenay.",
        ("cma-stage-installation", "cma-qualification", "cma-apprentissage", "cma-transmission", "cma-numerique"),
        ("Martine Chevalier", "Présidente"),
    ),
    DemoOrganisation(
        "chambre-agriculture-indre-demo",
        "Chambre d'agriculture de l'Indre (démo)",
        Kind.CHAMBER_OF_AGRICULTURE,
        ("36",),
        "24 rue des Ingrains",
        "36000",
        "Châteauroux",
        ("creation", "sustainability", "transmission", "growth"),
        "La chambre d'agriculture fictive de l'Indre accompagne les agriculteurs dans leur installation, leur "
        "diversification et la transition énergétique de leur exploitation.",
        "The fictional chamber of agriculture of Indre helps farmers set up, diversify and make their farms "
        "energy efficient.",
        ("agri-installation", "agri-diversification", "agri-energie", "agri-transmission"),
        ("Jean-Marc Aubert", "Président"),
    ),
    DemoOrganisation(
        "chambre-agriculture-eure-et-loir-demo",
        "Chambre d'agriculture d'Eure-et-Loir (démo)",
        Kind.CHAMBER_OF_AGRICULTURE,
        ("28",),
        "5 rue de la République",
        "28200",
        "Châteaudun",
        ("creation", "sustainability", "transmission"),
        "Chambre d'agriculture de démonstration pour la Beauce et le Perche. Elle conseille les exploitations "
        "céréalières et d'élevage sur leur installation, leur énergie et leur transmission.",
        "A demonstration chamber of agriculture for the Beauce and Perche areas. It advises arable and livestock "
        "farms on set-up, energy and handover.",
        ("agri-installation", "agri-diversification", "agri-energie", "agri-transmission"),
        ("Hélène Marchand", "Présidente"),
    ),
    DemoOrganisation(
        "agence-innovation-val-de-loire",
        "Agence Innovation Val de Loire (démo)",
        Kind.INNOVATION_AGENCY,
        ALL_DEPARTEMENTS,
        "1 avenue du Champ de Mars",
        "45100",
        "Orléans",
        ("innovation", "intellectual-property", "digital", "financing"),
        "Agence régionale d'innovation fictive. Ses chargés d'affaires détectent les projets innovants, les "
        "mettent en relation avec les laboratoires et les aident à obtenir des financements. Elle anime aussi le "
        "programme régional industrie du futur.",
        "A fictional regional innovation agency. Its project managers spot innovative projects, connect them with "
        "laboratories and help them get funding. It also runs the regional Industry 4.0 programme.",
        (
            "inno-diagnostic",
            "inno-cir",
            "inno-labo",
            "inno-europe",
            "inno-pi",
            "inno-industrie",
            "inno-cyber",
        ),
        ("Frédéric Lenoir", "Directeur général"),
    ),
    DemoOrganisation(
        "agence-developpement-berry",
        "Agence de développement économique du Berry (démo)",
        Kind.DEVELOPMENT_AGENCY,
        ("36", "18"),
        "7 avenue de la Gare",
        "36000",
        "Châteauroux",
        ("growth", "financing", "hr-skills", "sustainability"),
        "Agence de développement de démonstration pour le Cher et l'Indre. Elle aide les entreprises à s'implanter "
        "et à grandir dans le Berry : locaux, aides publiques, recrutement.",
        "A demonstration development agency for Cher and Indre. It helps companies settle and grow in the Berry "
        "area: premises, public grants, recruitment.",
        ("dev-implantation", "dev-aides", "dev-recrutement", "dev-strategie", "dev-ecologie"),
        ("Sandrine Baudry", "Directrice"),
    ),
    DemoOrganisation(
        "agence-attractivite-touraine",
        "Agence d'attractivité de Touraine (démo)",
        Kind.DEVELOPMENT_AGENCY,
        ("37",),
        "30 rue de la Préfecture",
        "37000",
        "Tours",
        ("growth", "financing", "sustainability"),
        "L'agence fictive qui accueille les investisseurs et les projets d'implantation en Touraine. Elle "
        "accompagne aussi les entreprises locales dans leurs projets d'extension.",
        "The fictional agency welcoming investors and relocation projects to Touraine. It also supports local "
        "companies' expansion projects.",
        ("dev-implantation", "dev-aides", "dev-strategie", "dev-ecologie"),
        ("Olivier Perrin", "Directeur"),
    ),
    DemoOrganisation(
        "banque-regionale-du-centre",
        "Banque Régionale du Centre (démo)",
        Kind.BANK,
        ALL_DEPARTEMENTS,
        "9 rue Jeanne d'Arc",
        "45000",
        "Orléans",
        ("financing", "transmission", "sustainability", "export"),
        "Banque régionale fictive au service des entreprises du Centre-Val de Loire. Ses chargés d'affaires "
        "financent la création, le développement, la reprise et la transition énergétique des PME.",
        "A fictional regional bank serving companies in Centre-Val de Loire. Its relationship managers finance "
        "SMEs' start-up, growth, takeover and energy transition.",
        (
            "bank-pret-creation",
            "bank-pret-developpement",
            "bank-garantie",
            "bank-reprise",
            "bank-pret-vert",
            "bank-international",
        ),
        ("Anne-Sophie Guérin", "Directrice régionale des entreprises"),
    ),
    DemoOrganisation(
        "caisse-credit-solidaire-loire-sologne",
        "Caisse de crédit solidaire Loire et Sologne (démo)",
        Kind.BANK,
        ("41", "45"),
        "11 rue Georges Clemenceau",
        "41200",
        "Romorantin-Lanthenay",
        ("financing", "creation"),
        "Établissement de crédit solidaire de démonstration. Il finance les créateurs qui n'ont pas accès au "
        "crédit bancaire et les suit pendant leurs premières années.",
        "A demonstration community lender. It finances founders without access to bank credit and follows them "
        "through their first years.",
        ("solid-microcredit", "solid-accompagnement", "bank-pret-creation", "bank-garantie"),
        ("Mathieu Caron", "Directeur"),
    ),
    DemoOrganisation(
        "fonds-honneur-cher",
        "Fonds d'honneur du Cher (démo)",
        Kind.BANK,
        ("18",),
        "5 rue Gourdon",
        "18100",
        "Vierzon",
        ("financing", "creation", "transmission"),
        "Association fictive de prêts d'honneur pour les créateurs et repreneurs du Cher. Chaque lauréat est "
        "parrainé par un chef d'entreprise bénévole.",
        "A fictional honour-loan association for founders and buyers in Cher. Each winner is mentored by a "
        "volunteer business owner.",
        ("honneur-creation", "honneur-reprise", "honneur-parrainage"),
        ("Dominique Vasseur", "Président"),
    ),
    DemoOrganisation(
        "fonds-croissance-centre",
        "Fonds Croissance Centre (démo)",
        Kind.INVESTOR,
        ALL_DEPARTEMENTS,
        "40 rue de la République",
        "45000",
        "Orléans",
        ("financing", "growth", "transmission"),
        "Fonds d'investissement régional de démonstration. Il prend des participations minoritaires dans les "
        "jeunes entreprises innovantes et les PME en croissance ou en transmission.",
        "A demonstration regional investment fund. It takes minority stakes in young innovative companies and in "
        "SMEs that are growing or changing hands.",
        ("fund-amorcage", "fund-capital-developpement", "fund-transmission", "fund-bilan"),
        ("Thomas Legrand", "Président du directoire"),
    ),
    DemoOrganisation(
        "anges-de-touraine",
        "Anges de Touraine (démo)",
        Kind.INVESTOR,
        ("37", "41"),
        "6 quai du Général de Gaulle",
        "37400",
        "Amboise",
        ("financing", "creation", "growth"),
        "Réseau fictif de business angels de Touraine et du Loir-et-Cher. Ses membres investissent leur argent et "
        "leur expérience dans les jeunes entreprises de la région.",
        "A fictional business angels network for Touraine and Loir-et-Cher. Its members invest their money and "
        "experience in the region's young companies.",
        ("angels-pitch", "angels-mentorat", "angels-coinvest", "fund-bilan"),
        ("Catherine Morel", "Présidente"),
        convention="draft",
    ),
    DemoOrganisation(
        "universite-val-de-loire-demo",
        "Université du Val de Loire (démo)",
        Kind.UNIVERSITY,
        ("45", "37", "41"),
        "6 avenue du Parc Floral",
        "45100",
        "Orléans",
        ("innovation", "hr-skills", "creation", "intellectual-property"),
        "Université de démonstration répartie sur trois campus. Elle ouvre aux entreprises ses laboratoires, ses "
        "étudiants et ses formations continues.",
        "A demonstration university spread over three campuses. It opens its laboratories, students and "
        "continuing education to companies.",
        (
            "univ-incubateur",
            "univ-stages",
            "univ-formation-continue",
            "univ-these",
            "univ-equipements",
            "univ-projets-etudiants",
        ),
        ("Élisabeth Garnier", "Présidente de l'université"),
    ),
    DemoOrganisation(
        "ecole-ingenieurs-berry",
        "École d'ingénieurs du Berry (démo)",
        Kind.UNIVERSITY,
        ("18",),
        "88 boulevard Lahitolle",
        "18000",
        "Bourges",
        ("innovation", "hr-skills", "digital"),
        "École d'ingénieurs fictive spécialisée en mécanique, énergie et systèmes numériques. Ses élèves et "
        "enseignants-chercheurs travaillent sur des projets industriels réels.",
        "A fictional engineering school specialising in mechanics, energy and digital systems. Its students and "
        "researchers work on real industrial projects.",
        ("univ-stages", "univ-these", "univ-projets-etudiants", "univ-equipements"),
        ("Marc Dufresne", "Directeur"),
    ),
    DemoOrganisation(
        "ecole-commerce-loire-centre",
        "École supérieure de commerce Loire Centre (démo)",
        Kind.UNIVERSITY,
        ("37", "45"),
        "10 boulevard Béranger",
        "37000",
        "Tours",
        ("creation", "hr-skills", "export", "growth"),
        "École de commerce de démonstration. Elle forme managers et entrepreneurs et met ses étudiants au service "
        "des projets des PME régionales.",
        "A demonstration business school. It trains managers and entrepreneurs and puts its students to work on "
        "regional SMEs' projects.",
        ("univ-incubateur", "univ-stages", "univ-formation-continue", "univ-projets-etudiants"),
        ("Valérie Roussel", "Directrice générale"),
    ),
    DemoOrganisation(
        "centre-transfert-materiaux-procedes",
        "Centre de transfert Matériaux et Procédés (démo)",
        Kind.RESEARCH,
        ("45", "18"),
        "3 rue de la Source",
        "45160",
        "Olivet",
        ("innovation", "intellectual-property", "sustainability", "digital"),
        "Centre de transfert de technologie fictif spécialisé dans les matériaux et les procédés de fabrication. "
        "Il met ses ingénieurs et ses équipements au service des PME industrielles.",
        "A fictional technology transfer centre specialising in materials and manufacturing processes. It puts its "
        "engineers and equipment at the service of industrial SMEs.",
        ("rt-prestation", "rt-prototype", "rt-transfert", "rt-veille", "rt-circulaire"),
        ("Stéphane Collin", "Directeur"),
    ),
    DemoOrganisation(
        "pole-technologique-beauce",
        "Pôle technologique Beauce Innovation (démo)",
        Kind.RESEARCH,
        ("28",),
        "15 rue de Châteaudun",
        "28100",
        "Dreux",
        ("innovation", "legal-setup", "export", "sustainability"),
        "Plateforme technologique de démonstration pour les industries de la chimie et de la formulation. Elle "
        "réalise essais, prototypes et dossiers réglementaires.",
        "A demonstration technology platform for the chemical and formulation industries. It carries out tests, "
        "prototypes and regulatory files.",
        ("rt-prestation", "rt-prototype", "rt-qualite", "rt-veille", "rt-circulaire"),
        ("Nathalie Brun", "Directrice"),
    ),
    DemoOrganisation(
        "institut-agroalimentaire-centre",
        "Institut agroalimentaire du Centre (démo)",
        Kind.RESEARCH,
        ("36", "41"),
        "2 rue de l'Avenir",
        "36100",
        "Issoudun",
        ("innovation", "sustainability", "legal-setup", "intellectual-property"),
        "Centre technique fictif au service des entreprises agroalimentaires. Il aide à développer de nouveaux "
        "produits, à les mettre en conformité et à valoriser les coproduits.",
        "A fictional technical centre serving food companies. It helps develop new products, bring them into "
        "compliance and make use of by-products.",
        ("rt-prestation", "rt-circulaire", "rt-qualite", "rt-transfert"),
        ("Philippe Mercier", "Directeur"),
    ),
    DemoOrganisation(
        "experts-conseils-centre",
        "Réseau Experts-Conseils Centre (démo)",
        Kind.CONSULTANCY,
        ALL_DEPARTEMENTS,
        "21 avenue Jean Laigret",
        "41000",
        "Blois",
        ("creation", "legal-setup", "growth", "sustainability", "hr-skills"),
        "Réseau fictif d'experts-comptables, d'avocats et de consultants engagés auprès des entreprises "
        "régionales. Le premier rendez-vous est offert aux créateurs.",
        "A fictional network of chartered accountants, lawyers and consultants committed to the region's "
        "companies. The first meeting is free for founders.",
        (
            "conseil-premier-rdv",
            "conseil-business-plan",
            "conseil-rse",
            "conseil-strategie",
            "conseil-management",
        ),
        ("Christophe Bernard", "Président"),
    ),
    DemoOrganisation(
        "collectif-transmission-val-de-loire",
        "Collectif Transmission Val de Loire (démo)",
        Kind.CONSULTANCY,
        ("37", "41", "45"),
        "12 rue de la Mairie",
        "37300",
        "Joué-lès-Tours",
        ("transmission", "financing"),
        "Collectif de démonstration de conseils spécialisés dans la cession et la reprise de PME. Il accompagne "
        "cédants et repreneurs jusqu'à la signature.",
        "A demonstration group of advisers specialising in selling and buying SMEs. It supports sellers and buyers "
        "all the way to signing.",
        ("trans-evaluation", "trans-cession", "trans-repreneur", "trans-sensibilisation"),
        ("Élodie Faure", "Présidente"),
        convention="scheduled",
    ),
    DemoOrganisation(
        "club-entreprises-drouais",
        "Club des entreprises du Drouais (démo)",
        Kind.BUSINESS_NETWORK,
        ("28",),
        "9 Grande Rue Maurice Viollette",
        "28100",
        "Dreux",
        ("growth", "hr-skills", "export"),
        "Association fictive des dirigeants du bassin de Dreux. Elle organise rencontres, achats groupés et "
        "actions collectives à l'export.",
        "A fictional association of business leaders around Dreux. It organises meetings, group purchasing and "
        "joint export actions.",
        ("club-rencontres", "club-achats", "club-emploi", "club-export"),
        ("Sébastien Lucas", "Président"),
        convention="expiring",
    ),
    DemoOrganisation(
        "cercle-dirigeants-loir-et-cher",
        "Cercle des dirigeants du Loir-et-Cher (démo)",
        Kind.BUSINESS_NETWORK,
        ("41",),
        "7 rue du Change",
        "41100",
        "Vendôme",
        ("growth", "creation", "hr-skills"),
        "Cercle de démonstration qui réunit chaque mois les chefs d'entreprise du Loir-et-Cher. Ses membres "
        "parrainent les jeunes dirigeants du département.",
        "A demonstration circle that brings Loir-et-Cher business owners together every month. Its members mentor "
        "the département's new business owners.",
        ("club-rencontres", "club-parrainage", "club-emploi", "club-achats"),
        ("Agnès Picard", "Présidente"),
    ),
    DemoOrganisation(
        "femmes-cheffes-entreprise-centre",
        "Association des femmes cheffes d'entreprise du Centre (démo)",
        Kind.BUSINESS_NETWORK,
        ALL_DEPARTEMENTS,
        "1 rue de la Mairie",
        "45800",
        "Saint-Jean-de-Braye",
        ("creation", "growth", "hr-skills"),
        "Association fictive qui encourage et accompagne les femmes qui créent ou dirigent une entreprise. Elle "
        "anime un programme annuel et un réseau de marraines dans les six départements.",
        "A fictional association encouraging and supporting women who start or run a business. It runs a yearly "
        "programme and a network of mentors across the six départements.",
        ("club-femmes-programme", "club-parrainage", "club-rencontres", "club-emploi"),
        ("Karine Lemaire", "Présidente"),
    ),
    DemoOrganisation(
        "region-centre-val-de-loire-demo",
        "Région Centre-Val de Loire – Direction de l'économie (démo)",
        Kind.LOCAL_AUTHORITY,
        ALL_DEPARTEMENTS,
        "9 rue Saint-Pierre Lentin",
        "45000",
        "Orléans",
        ("financing", "innovation", "export", "sustainability", "hr-skills"),
        "La direction de l'économie de la Région, en version de démonstration. Elle finance l'innovation, "
        "l'investissement, l'export, la formation et la transition écologique des entreprises régionales.",
        "The Region's economic development department, demonstration version. It funds innovation, investment, "
        "export, training and the ecological transition of the region's companies.",
        (
            "region-aide-innovation",
            "region-aide-export",
            "region-aide-investissement",
            "region-formation",
            "region-transition",
            "region-rebond",
            "region-garantie",
        ),
        ("Jacqueline Rivière", "Vice-présidente déléguée à l'économie"),
    ),
    DemoOrganisation(
        "tours-metropole-demo",
        "Tours Métropole – Développement économique (démo)",
        Kind.LOCAL_AUTHORITY,
        ("37",),
        "60 avenue Marcel Dassault",
        "37200",
        "Tours",
        ("growth", "creation", "financing"),
        "Le service de développement économique de la métropole, en version de démonstration. Il gère les "
        "pépinières d'entreprises et soutient le commerce de centre-ville.",
        "The metropolitan area's economic development department, demonstration version. It runs the business "
        "incubators and supports town-centre shops.",
        ("metro-immobilier", "metro-commerce", "metro-achats-publics", "cc-accueil"),
        ("Alain Boucher", "Vice-président chargé du développement économique"),
    ),
    DemoOrganisation(
        "communaute-communes-pithiverais-demo",
        "Communauté de communes du Pithiverais (démo)",
        Kind.LOCAL_AUTHORITY,
        ("45",),
        "3 rue de la Couronnerie",
        "45300",
        "Pithiviers",
        ("growth", "creation", "financing"),
        "Intercommunalité de démonstration du nord du Loiret. Elle commercialise les terrains de ses zones "
        "d'activités et accueille les porteurs de projet.",
        "A demonstration group of municipalities in northern Loiret. It sells land in its business parks and "
        "welcomes project holders.",
        ("cc-foncier", "cc-accueil", "metro-commerce", "dev-aides"),
        ("Gilles Royer", "Président"),
    ),
    DemoOrganisation(
        "dreets-centre-demo",
        "Direction régionale de l'économie, de l'emploi, du travail et des solidarités (démo)",
        Kind.STATE_SERVICE,
        ALL_DEPARTEMENTS,
        "12 place de l'Étape",
        "45000",
        "Orléans",
        ("hr-skills", "growth", "financing"),
        "Service régional de l'État, en version de démonstration. Il informe sur les aides à l'emploi et "
        "accompagne les entreprises en difficulté et leurs salariés.",
        "A regional State service, demonstration version. It informs about employment incentives and supports "
        "companies in difficulty and their staff.",
        ("dreets-emploi-aides", "dreets-difficultes", "dreets-gpec"),
        ("Bernard Tessier", "Directeur régional"),
    ),
    DemoOrganisation(
        "douanes-action-economique-centre-demo",
        "Pôle d'action économique des douanes du Centre (démo)",
        Kind.STATE_SERVICE,
        ALL_DEPARTEMENTS,
        "24 rue Émile Zola",
        "37000",
        "Tours",
        ("export", "legal-setup"),
        "Le conseil aux entreprises de l'administration des douanes, en version de démonstration. Il aide les "
        "exportateurs à sécuriser et simplifier leurs opérations internationales.",
        "The customs administration's business advice unit, demonstration version. It helps exporters secure "
        "and simplify their international operations.",
        ("douane-conseil", "douane-statut", "douane-origine"),
        ("Yves Gauthier", "Chef du pôle"),
    ),
    DemoOrganisation(
        "delegation-propriete-industrielle-centre-demo",
        "Délégation régionale à la propriété industrielle (démo)",
        Kind.STATE_SERVICE,
        ALL_DEPARTEMENTS,
        "17 rue des Carmes",
        "45000",
        "Orléans",
        ("intellectual-property", "innovation"),
        "Délégation régionale fictive chargée de la propriété industrielle. Elle sensibilise les entreprises et "
        "les aide à protéger leurs inventions et leurs marques.",
        "A fictional regional office for industrial property. It raises awareness among companies and helps them "
        "protect their inventions and trademarks.",
        ("pi-marques", "pi-brevets", "pi-formation"),
        ("Sylvie Hubert", "Déléguée régionale"),
    ),
    DemoOrganisation(
        "maison-emploi-indre-demo",
        "Maison de l'emploi et des compétences de l'Indre (démo)",
        Kind.OTHER,
        ("36",),
        "4 place de la Libération",
        "36300",
        "Le Blanc",
        ("hr-skills", "growth"),
        "Maison de l'emploi de démonstration pour le sud de l'Indre. Elle aide les petites entreprises à recruter "
        "et à développer les compétences de leurs équipes.",
        "A demonstration employment centre for southern Indre. It helps small companies recruit and develop their "
        "teams' skills.",
        ("mde-recrutement", "mde-competences", "mde-emploi-partage"),
        ("Francis Leclerc", "Président"),
    ),
    DemoOrganisation(
        "tiers-lieu-numerique-vierzon",
        "Tiers-lieu numérique de Vierzon (démo)",
        Kind.OTHER,
        ("18",),
        "22 avenue de la République",
        "18100",
        "Vierzon",
        ("digital", "creation", "innovation"),
        "Tiers-lieu associatif fictif installé dans une ancienne usine. Il propose coworking, fablab et ateliers "
        "numériques aux indépendants et aux petites entreprises.",
        "A fictional community space in a former factory. It offers coworking, a fablab and digital workshops to "
        "freelancers and small businesses.",
        ("tl-coworking", "tl-atelier-numerique", "tl-fablab"),
        ("Romain Barbier", "Président de l'association"),
        convention="lapsed",
    ),
]


# --- Derived, deterministic values -----------------------------------------------------------------------------------


def _fingerprint(slug: str) -> int:
    return zlib.crc32(slug.encode())


def demo_siren(slug: str) -> str:
    """A fictional but valid SIREN: eight digits derived from the slug, then the Luhn check digit."""
    body = str(10_000_000 + _fingerprint(slug) % 90_000_000)
    return body + luhn.calc_check_digit(body)


def demo_phone(demo: DemoOrganisation) -> str:
    number = _fingerprint(demo.slug)
    prefix = PHONE_PREFIXES[demo.departements[0]]
    return f"{prefix} {number % 90 + 10:02d} {number // 100 % 100:02d} {number // 10_000 % 100:02d}"


def _area(codes: tuple[str, ...]) -> tuple[str, str]:
    """Where an organisation works, to fill ``{in_fr}`` / ``{in_en}``."""
    if set(codes) == set(ALL_DEPARTEMENTS):
        return "en Centre-Val de Loire", "Centre-Val de Loire"
    french = [DEPARTEMENT_NAMES[code][0] for code in codes]
    english = [DEPARTEMENT_NAMES[code][1] for code in codes]
    if len(codes) == 1:
        return french[0], english[0]
    return ", ".join(french[:-1]) + " et " + french[-1], ", ".join(english[:-1]) + " and " + english[-1]


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _first_of_next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def _three_years_from(start: date) -> date:
    return add_years(start, 3) - timedelta(days=1)


def _three_years_until(end: date) -> date:
    return add_years(end + timedelta(days=1), -3)


def convention_plan(demo: DemoOrganisation, today: date) -> list[dict]:
    """The conventions of one organisation, by version; dates relative to ``today``."""
    name, role = demo.signatory
    previous_name, previous_role = PREVIOUS_SIGNATORY
    scenario = demo.convention

    def signed(version, valid_from, valid_until, signed_on="default", who=(name, role)):
        if signed_on == "default":
            signed_on = valid_from - timedelta(days=14)
        return {
            "version": version,
            "signatory_name": who[0],
            "signatory_role": who[1],
            "signed_on": signed_on,
            "valid_from": valid_from,
            "valid_until": valid_until,
        }

    if scenario == "active":
        # Signed between 380 and 699 days ago, for three years: more than a year left, never "expiring".
        signed_on = today - timedelta(days=380 + _fingerprint(demo.slug) % 320)
        valid_from = signed_on + timedelta(days=14)
        return [signed(1, valid_from, _three_years_from(valid_from))]
    if scenario == "expiring":
        valid_until = today + timedelta(days=25)
        return [signed(1, _three_years_until(valid_until), valid_until)]
    if scenario == "lapsed":
        valid_until = today - timedelta(days=45)
        return [signed(1, _three_years_until(valid_until), valid_until)]
    if scenario == "renewed":
        renewed_from = today - timedelta(days=186)
        return [
            signed(1, add_years(renewed_from, -3), renewed_from - timedelta(days=1), who=PREVIOUS_SIGNATORY),
            signed(2, renewed_from, _three_years_from(renewed_from)),
        ]
    if scenario == "scheduled":
        v1_until = today - timedelta(days=20)
        starts = _first_of_next_month(today)
        return [
            signed(1, _three_years_until(v1_until), v1_until, who=(previous_name, previous_role)),
            signed(2, starts, _three_years_from(starts), signed_on=today - timedelta(days=10)),
        ]
    if scenario == "draft":
        starts = _first_of_next_month(today)
        return [signed(1, starts, _three_years_from(starts), signed_on=None)]
    raise ValueError(f"Unknown convention scenario {scenario!r}")


# --- Seeding --------------------------------------------------------------------------------------------------------


def seed_members(today: date | None = None) -> int:
    """Create the demo organisations, services and conventions that are missing; return how many rows."""
    today = today or timezone.localdate()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    departements = {territory.code: territory for territory in Territory.objects.departements()}
    created = 0
    with transaction.atomic():
        for demo in ORGANISATIONS:
            organisation, organisation_created = _seed_organisation(demo, themes, departements)
            created += int(organisation_created)
            created += _seed_services(organisation, demo, themes, departements, today)
            created += _seed_conventions(organisation, demo, today)
    return created


def _seed_organisation(demo: DemoOrganisation, themes, departements) -> tuple[MemberOrganisation, bool]:
    organisation = MemberOrganisation.objects.filter(slug=demo.slug).first()
    if organisation is not None:
        return organisation, False
    siren = demo_siren(demo.slug)
    if MemberOrganisation.objects.filter(registration_number=siren).exists():  # taken by a real organisation
        siren = ""
    organisation = MemberOrganisation.objects.create(
        slug=demo.slug,
        name=demo.name,
        kind=demo.kind,
        registration_number=siren,
        website=f"https://{demo.slug}.example",
        description_fr=demo.description_fr,
        description_en=demo.description_en,
        contact_email=f"contact@{demo.slug}.example",
        contact_phone=demo_phone(demo),
        address=f"{demo.street}\n{demo.postcode} {demo.town}",
    )
    organisation.themes.set([themes[slug] for slug in demo.themes if slug in themes])
    organisation.territories.set([departements[code] for code in demo.departements if code in departements])
    return organisation, True


def _seed_services(organisation, demo: DemoOrganisation, themes, departements, today: date) -> int:
    existing = set(Service.objects.filter(organisation=organisation).values_list("title_fr", flat=True))
    in_fr, in_en = _area(demo.departements)
    contact = {"phone": demo_phone(demo), "email": organisation.contact_email, "website": organisation.website}
    created = 0
    for key in demo.services:
        template = SERVICES[key]
        if template.title_fr in existing:
            continue
        access_fr, access_en = ACCESS[template.access]
        starts_on = ends_on = None
        if template.dates:
            starts_on, ends_on = (today + timedelta(days=offset) for offset in template.dates)
        service = Service.objects.create(
            organisation=organisation,
            title_fr=template.title_fr,
            title_en=template.title_en,
            description_fr=template.description_fr.format(in_fr=in_fr),
            description_en=template.description_en.format(in_en=in_en),
            how_to_access_fr=access_fr.format(**contact),
            how_to_access_en=access_en.format(**contact),
            stages=list(template.stages),
            cost=template.cost,
            is_public=template.is_public,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        service.themes.set([themes[slug] for slug in template.themes if slug in themes])
        service.territories.set([departements[code] for code in demo.departements if code in departements])
        existing.add(template.title_fr)
        created += 1
    return created


def _seed_conventions(organisation, demo: DemoOrganisation, today: date) -> int:
    existing = set(Convention.objects.filter(organisation=organisation).values_list("version", flat=True))
    created = 0
    for values in convention_plan(demo, today):
        if values["version"] in existing:
            continue
        Convention.objects.create(organisation=organisation, **values)
        created += 1
    return created


# Demo logins of this app, printed by ``make run`` (password: network.management.commands.seed_demo.DEMO_PASSWORD).
DEMO_LOGINS = [
    ("advisor@demo.example", "advisor at CCI Loiret (démo), code of conduct countersigned"),
    ("advisor-nocode@demo.example", "advisor at CCI Loiret (démo), signature awaiting countersignature"),
    ("referent@demo.example", "referent of CCI Loiret (démo): countersigns, invites, keeps the profile"),
]
_DEMO_PEOPLE = [
    ("advisor@demo.example", "Léa Fournier", "Conseillère création d'entreprise", Affiliation.Role.ADVISOR),
    ("advisor-nocode@demo.example", "Yanis Robert", "Chargé d'affaires export", Affiliation.Role.ADVISOR),
    ("referent@demo.example", "Marc Dubois", "Directeur du développement économique", Affiliation.Role.REFERENT),
    ("referent2@demo.example", "Claire Petit", "Directrice générale", Affiliation.Role.REFERENT),
]
CODE_FR = """1. Je place l'intérêt de l'entreprise accompagnée au centre de mon action et je l'oriente vers le membre du réseau le mieux placé, y compris hors de ma propre organisation.
2. J'enregistre dans l'extranet les contacts et services que je délivre, pour que le réseau sache qui fait quoi avec chaque entreprise.
3. Je respecte la confidentialité des informations confiées par les entreprises et je n'utilise les données partagées que pour les accompagner.
4. Je me forme et je partage mes pratiques avec les autres membres du réseau."""
CODE_EN = """1. I put the interest of the company I support first and refer it to the best-placed member of the network, including outside my own organisation.
2. I log in the extranet the contacts and services I deliver, so the network knows who does what with each company.
3. I keep confidential what companies entrust to me and use the shared data only to support them.
4. I keep learning and share my practices with the other members of the network."""


CODE_V2_FR = (
    CODE_FR
    + "\n5. Je protège les données personnelles des dirigeants et salariés des entreprises : je n'en enregistre "
    "que ce qui est utile à leur accompagnement et je les informe de ce que le réseau en fait."
)
CODE_V2_EN = (
    CODE_EN
    + "\n5. I protect the personal data of the companies' managers and staff: I record only what their support "
    "needs and I tell them what the network does with it."
)


def seed_codes_of_conduct() -> list[CodeOfConduct]:
    """Version 1, published a year ago, and version 2, published last month (so "signed an earlier version"
    exists in the demo); oldest first."""
    now = timezone.now()
    codes = []
    for version, text_en, text_fr, age in ((1, CODE_EN, CODE_FR, 400), (2, CODE_V2_EN, CODE_V2_FR, 45)):
        code, _created = CodeOfConduct.objects.get_or_create(
            version=version,
            defaults={"text_en": text_en, "text_fr": text_fr, "published_at": now - timedelta(days=age)},
        )
        codes.append(code)
    return codes


def seed_code_of_conduct(people: dict, codes: list[CodeOfConduct]) -> int:
    """Every demo login signed every version; all countersigned except advisor-nocode's latest signature."""

    countersigners = {
        "advisor@demo.example": "referent@demo.example",
        "referent@demo.example": "referent2@demo.example",
        "referent2@demo.example": "referent@demo.example",
        "advisor-nocode@demo.example": None,
    }
    created = 0
    for code in codes:
        latest = code == codes[-1]
        for email, countersigner in countersigners.items():
            advisor, organisation = people.get(email, (None, None))
            if advisor is None or CodeOfConductSignature.objects.filter(advisor=advisor, code=code).exists():
                continue
            if countersigner is None and not latest:
                countersigner = "referent@demo.example"
            signed_at = code.published_at + timedelta(days=2)
            CodeOfConductSignature.recorded(
                advisor=advisor,
                code=code,
                organisation=organisation,
                language="fr",
                signed_at=signed_at,
                countersigned_by=people[countersigner][0].user if countersigner else None,
                countersigned_at=signed_at + timedelta(days=1),
            ).save()
            created += 1
    return created


def seed_people(password: str) -> int:
    """The demo logins of the demo chamber of commerce (with the demo password), then the crowd of colleagues."""
    organisation = MemberOrganisation.objects.filter(slug="cci-loiret-demo").first()
    if organisation is None:
        return 0
    created = 0
    people = {}
    for email, full_name, job_title, role in _DEMO_PEOPLE:
        user, user_created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
        if user_created:
            user.set_password(password)
            user.save(update_fields=["password"])
            created += 1
        advisor, advisor_created = Advisor.objects.get_or_create(user=user, defaults={"job_title": job_title})
        _affiliation, affiliation_created = Affiliation.objects.get_or_create(
            advisor=advisor,
            organisation=organisation,
            ended_on=None,
            defaults={"role": role, "started_on": timezone.localdate() - timedelta(days=4 * 365)},
        )
        created += int(advisor_created) + int(affiliation_created)
        people[email] = (advisor, organisation)
    codes = seed_codes_of_conduct()
    return created + seed_code_of_conduct(people, codes) + seed_crowd(codes)


def seed() -> int:
    """The members app's part of ``manage.py seed_demo``."""
    from network.management.commands.seed_demo import DEMO_PASSWORD

    return seed_members() + seed_people(DEMO_PASSWORD)
