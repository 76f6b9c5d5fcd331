"""The demo draft's text: the five parts of the autonomy schema of Drôme-des-Collines, in plain French."""

#: (part title, part text, part easy-read summary, [(section title, text, easy-read summary)])
PARTS = [
    (
        "1. Analyse des besoins",
        "Cette partie décrit qui sont les personnes concernées par le schéma et comment leurs besoins "
        "vont évoluer d'ici 2031. Elle s'appuie sur le diagnostic partagé mené de janvier à mars.",
        "Qui a besoin d'aide dans le département, et pourquoi.",
        [
            (
                "Le vieillissement de la population",
                "En 2024, la Drôme-des-Collines compte **112 000 personnes de 60 ans et plus**, soit 27 % de "
                "la population. Les personnes de 85 ans et plus seront **38 % plus nombreuses en 2031**.\n\n"
                "- 9 personnes âgées sur 10 souhaitent vieillir chez elles ;\n"
                "- 14 % des plus de 75 ans vivent dans une commune sans médecin généraliste ;\n"
                "- l'isolement touche d'abord les territoires ruraux du nord et de l'est du département.\n\n"
                "Le nombre de bénéficiaires de l'allocation personnalisée d'autonomie (APA) à domicile a "
                "augmenté de 11 % en cinq ans.",
                "Il y a de plus en plus de personnes âgées. La plupart veulent rester chez elles. "
                "Certaines vivent loin d'un médecin.",
            ),
            (
                "Les personnes en situation de handicap",
                "La maison départementale des personnes handicapées (MDPH) suit **21 500 personnes**, dont "
                "4 200 enfants. Les demandes de prestation de compensation du handicap (PCH) ont doublé en "
                "dix ans.\n\nLes personnes rencontrées pendant le diagnostic demandent surtout : un logement "
                "adapté, des transports accessibles, un accompagnement vers l'emploi, et des réponses plus "
                "rapides de la MDPH (délai moyen actuel : 5 mois).",
                "Beaucoup de personnes handicapées attendent trop longtemps une réponse. "
                "Elles veulent un logement adapté, des transports et un travail.",
            ),
            (
                "Les proches aidants",
                "On estime à **45 000** le nombre de proches aidants dans le département. Six sur dix "
                "travaillent. Beaucoup ne se reconnaissent pas comme « aidants » et ne connaissent pas les "
                "aides existantes (accueil de jour, hébergement temporaire, plateformes de répit).",
                "Beaucoup de personnes aident un proche âgé ou handicapé. Elles sont souvent fatiguées "
                "et ne connaissent pas les aides.",
            ),
        ],
    ),
    (
        "2. État des lieux de l'offre",
        "Cette partie recense les établissements et services existants, par territoire.",
        "Ce qui existe aujourd'hui pour aider les personnes.",
        [
            (
                "Les services à domicile",
                "Le département compte 38 services d'aide et d'accompagnement à domicile (SAAD) et "
                "17 services de soins infirmiers à domicile (SSIAD). Les services peinent à recruter : "
                "**1 heure d'aide sur 8 n'est pas assurée** faute de personnel, surtout le week-end.",
                "Des professionnels viennent aider les personnes chez elles. Il en manque, surtout le week-end.",
            ),
            (
                "Les établissements",
                "L'offre comprend 64 EHPAD (5 900 places), 12 résidences autonomie, 18 foyers de vie et "
                "foyers d'accueil médicalisé, et 9 accueils de jour. Le taux d'occupation des EHPAD est de "
                "94 %. Trois cantons n'ont aucune place d'hébergement temporaire.",
                "Il existe des maisons de retraite et des foyers. Dans certains endroits, il n'y a pas de place "
                "pour un séjour court.",
            ),
        ],
    ),
    (
        "3. Perspectives et objectifs",
        "Le schéma retient **trois orientations**, déclinées en fiches actions. Chaque fiche précise "
        "l'objectif, le pilote, les partenaires, le calendrier et les indicateurs.",
        "Ce que le Département veut faire pendant cinq ans.",
        [
            (
                "Orientation 1 : Bien vivre chez soi le plus longtemps possible",
                "**Fiche action 1.1 – Attirer et fidéliser les professionnels du domicile.** Revaloriser le "
                "tarif horaire des SAAD à 26 € en 2027, financer les temps de trajet et de coordination.\n\n"
                "**Fiche action 1.2 – Adapter les logements.** Un guichet unique de l'adaptation du logement "
                "avec l'ANAH et les caisses de retraite ; objectif : 1 500 logements adaptés par an.\n\n"
                "Pilote : Direction de l'autonomie. Partenaires : ARS, CARSAT, fédérations de SAAD.",
                "Le Département va aider les services à domicile à recruter. Il va aider à adapter les logements.",
            ),
            (
                "Orientation 2 : Soutenir les proches aidants",
                "**Fiche action 2.1 – Une solution de répit à moins de 30 minutes de chaque domicile.** "
                "Créer 60 places d'accueil de jour et 40 places d'hébergement temporaire d'ici 2029.\n\n"
                "**Fiche action 2.2 – Repérer et informer les aidants.** Former les médecins, pharmaciens "
                "et CCAS à repérer les aidants épuisés ; un numéro unique d'information.",
                "Le Département veut que les aidants puissent se reposer. Il y aura plus de places pour "
                "accueillir les personnes aidées quelques heures ou quelques jours.",
            ),
            (
                "Orientation 3 : Une société plus inclusive",
                "**Fiche action 3.1 – L'habitat inclusif.** Soutenir 15 projets d'habitat partagé pour "
                "personnes âgées ou handicapées.\n\n**Fiche action 3.2 – Des réponses plus rapides de la "
                "MDPH.** Ramener le délai moyen de traitement à 3 mois en 2028.",
                "Des logements partagés pour vivre ensemble. Des réponses plus rapides de la MDPH.",
            ),
        ],
    ),
    (
        "4. Coopération et coordination",
        "Les acteurs de l'autonomie travaillent ensemble au sein de quatre **maisons de l'autonomie** "
        "territoriales, qui accueillent, informent et orientent les personnes et leurs proches.",
        "Les services vont mieux travailler ensemble.",
        [
            (
                "Les maisons de l'autonomie",
                "Chaque maison de l'autonomie réunit le Département, la MDPH, les CCAS et les dispositifs "
                "d'appui à la coordination. Une convention de partenariat avec l'ARS et la CPAM fixe le "
                "partage d'informations et les circuits d'orientation.",
                "Dans quatre villes, un seul lieu pour être accueilli, informé et orienté.",
            ),
        ],
    ),
    (
        "5. Évaluation",
        "Un **comité de suivi** réunit chaque année les représentants des usagers, des professionnels et "
        "des institutions. Il examine les indicateurs de chaque fiche action et publie un bilan.",
        "Chaque année, on vérifie si le schéma marche.",
        [
            (
                "Indicateurs de suivi",
                "- nombre d'heures d'aide à domicile non assurées ;\n- délai moyen de réponse de la MDPH ;\n"
                "- nombre de places de répit par territoire ;\n- part des aidants ayant eu recours au répit.",
                "On compte les heures d'aide, les délais et les places de répit.",
            ),
        ],
    ),
]
