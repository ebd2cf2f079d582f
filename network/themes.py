"""The default expertise tree (bilingual), loaded by ``manage.py load_themes`` and the demo seed.

Network managers extend it afterwards; loading again only adds what is missing and never renames.
"""

from django.db import transaction

from network.models import Theme

# slug, English, French, children
DEFAULT_THEMES = [
    (
        "creation",
        "Business creation",
        "Création d'entreprise",
        [
            ("creation-project", "Testing and structuring the project", "Tester et structurer le projet"),
            ("creation-business-plan", "Business plan", "Plan d'affaires"),
            ("creation-support", "Incubation and start-up support", "Incubation et accompagnement au démarrage"),
        ],
    ),
    (
        "legal-setup",
        "Legal set-up",
        "Formalités et statut juridique",
        [
            ("legal-status", "Choosing a legal form", "Choix du statut juridique"),
            ("legal-formalities", "Registration formalities", "Formalités d'immatriculation"),
            ("legal-regulated", "Regulated activities", "Activités réglementées"),
        ],
    ),
    (
        "financing",
        "Financing",
        "Financement",
        [
            ("financing-loans", "Bank and honour loans", "Prêts bancaires et prêts d'honneur"),
            ("financing-equity", "Equity and investors", "Fonds propres et investisseurs"),
            ("financing-grants", "Public grants and subsidies", "Aides publiques et subventions"),
            ("financing-guarantees", "Guarantees", "Garanties"),
        ],
    ),
    (
        "innovation",
        "Innovation",
        "Innovation",
        [
            ("innovation-rd", "Research and development", "Recherche et développement"),
            ("innovation-partnerships", "Partnerships with laboratories", "Partenariats avec les laboratoires"),
            (
                "innovation-tax-credit",
                "Research and innovation tax credits",
                "Crédits d'impôt recherche et innovation",
            ),
        ],
    ),
    (
        "intellectual-property",
        "Intellectual property",
        "Propriété intellectuelle",
        [
            ("ip-patents", "Patents", "Brevets"),
            ("ip-trademarks", "Trademarks and designs", "Marques, dessins et modèles"),
            ("ip-strategy", "IP strategy and licensing", "Stratégie de propriété intellectuelle et licences"),
        ],
    ),
    (
        "export",
        "Export and international",
        "Export et international",
        [
            ("export-markets", "Choosing target markets", "Choix des marchés cibles"),
            ("export-trade-fairs", "Trade fairs and missions", "Salons et missions"),
            ("export-customs", "Customs and regulations", "Douane et réglementation"),
        ],
    ),
    (
        "digital",
        "Digital",
        "Numérique",
        [
            ("digital-ecommerce", "E-commerce and online presence", "Commerce en ligne et présence numérique"),
            ("digital-cybersecurity", "Cybersecurity", "Cybersécurité"),
            ("digital-industry", "Industry 4.0 and automation", "Industrie du futur et automatisation"),
        ],
    ),
    (
        "hr-skills",
        "HR and skills",
        "Ressources humaines et compétences",
        [
            ("hr-recruitment", "Recruitment", "Recrutement"),
            ("hr-training", "Training and apprenticeships", "Formation et apprentissage"),
            ("hr-management", "Management and organisation", "Management et organisation"),
        ],
    ),
    (
        "growth",
        "Growth and scale-up",
        "Croissance et changement d'échelle",
        [
            ("growth-strategy", "Strategy and development plan", "Stratégie et plan de développement"),
            ("growth-premises", "Premises and land", "Locaux et foncier"),
            ("growth-difficulties", "Companies in difficulty", "Entreprises en difficulté"),
        ],
    ),
    (
        "transmission",
        "Transmission and takeover",
        "Transmission et reprise",
        [
            ("transmission-selling", "Selling a business", "Céder son entreprise"),
            ("transmission-buying", "Taking over a business", "Reprendre une entreprise"),
            ("transmission-valuation", "Valuation", "Évaluation"),
        ],
    ),
    (
        "sustainability",
        "Sustainability",
        "Transition écologique",
        [
            ("sustainability-energy", "Energy efficiency", "Efficacité énergétique"),
            ("sustainability-circular", "Circular economy", "Économie circulaire"),
            ("sustainability-csr", "Corporate social responsibility", "Responsabilité sociétale des entreprises"),
        ],
    ),
]


def load_default_themes() -> int:
    """Create the missing themes of the default tree; existing ones (maybe renamed by managers) are left alone."""
    existing = set(Theme.objects.values_list("slug", flat=True))
    created = 0
    with transaction.atomic():
        for position, (slug, name_en, name_fr, children) in enumerate(DEFAULT_THEMES, start=1):
            parent = Theme.objects.filter(slug=slug).first()
            if parent is None:
                parent = Theme.objects.create(slug=slug, name_en=name_en, name_fr=name_fr, position=position * 10)
                created += 1
            for child_position, (child_slug, child_en, child_fr) in enumerate(children, start=1):
                if child_slug not in existing:
                    Theme.objects.create(
                        slug=child_slug, name_en=child_en, name_fr=child_fr, parent=parent, position=child_position
                    )
                    created += 1
    return created
