# ruff: noqa: E501  (prose)
"""Texts of the demo network (an example: every deployment writes its own in the network settings)."""

LEGAL_NOTICE_FR = """Éditeur du site : Réseau Croissance Centre-Val de Loire, association déclarée, 6 rue du Carbone, 45100 Orléans.
Directeur de la publication : le président du réseau.
Hébergement : serveurs du réseau, en France.
Ce portail est un logiciel libre ; ses contenus sont publiés par l'équipe du réseau et par les organisations membres, chacune pour ce qui la concerne."""

LEGAL_NOTICE_EN = """Publisher: Réseau Croissance Centre-Val de Loire, a registered association, 6 rue du Carbone, 45100 Orléans, France.
Publication director: the chair of the network.
Hosting: the network's own servers, in France.
This portal is free software; its content is published by the network team and by the member organisations, each for its own part."""

ACCESSIBILITY_FR = """Le réseau s'engage à rendre son portail accessible, conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.
État de conformité : partiellement conforme au RGAA 4.1. Les pages sont testées automatiquement (axe-core) et au clavier à chaque version.
Vous pouvez signaler un défaut d'accessibilité à l'équipe du réseau ; si vous n'obtenez pas de réponse, vous pouvez saisir le Défenseur des droits."""

ACCESSIBILITY_EN = """The network is committed to making its portal accessible, as required by article 47 of French law 2005-102 of 11 February 2005.
Compliance status: partially compliant with RGAA 4.1 (WCAG 2.1 AA). Pages are tested automatically (axe-core) and with the keyboard at every release.
You can report an accessibility problem to the network team; if you get no answer, you can refer the matter to the Défenseur des droits."""

PRIVACY_FR = """Responsable du traitement : Réseau Croissance Centre-Val de Loire.
Données traitées : pour les conseillers et l'équipe du réseau, nom, adresse électronique, organisation et traces de connexion ; pour les entreprises accompagnées, les coordonnées professionnelles de leurs contacts et l'historique des échanges avec le réseau.
Finalités : coordonner l'accompagnement des entreprises entre les organisations membres et rendre compte de l'activité du réseau.
Base légale : l'intérêt légitime du réseau et de ses membres, ou votre consentement lorsqu'il vous est demandé.
Durée de conservation : trois ans après le dernier contact pour les données des entreprises ; les journaux d'accès douze mois.
Vos droits : accès, rectification, effacement, limitation et opposition, en écrivant à l'équipe du réseau. Vous pouvez saisir la CNIL.
Cookies : uniquement ceux qui sont nécessaires au fonctionnement du site."""

PRIVACY_EN = """Controller: Réseau Croissance Centre-Val de Loire.
Data processed: for advisors and the network team, name, email address, organisation and sign-in records; for the companies supported, the business contact details of their people and the history of their exchanges with the network.
Purposes: coordinating the support given to companies across the member organisations and reporting on the network's activity.
Legal basis: the legitimate interest of the network and its members, or your consent where you are asked for it.
Retention: three years after the last contact for company data; twelve months for access logs.
Your rights: access, rectification, erasure, restriction and objection, by writing to the network team. You may complain to the CNIL.
Cookies: only those the site needs to work."""
