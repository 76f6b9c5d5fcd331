# ruff: noqa: E501  (sentences people wrote are kept on one line each)
"""Hand-written fragments of contributions to a départemental autonomy schema (Drôme-like territory).

Each subject has full sentences written the way people write to a consultation (testimonies, demands,
complaints, proposals), short one-liners, and a few asides. Two pairs of subjects are deliberately close
and share their vocabulary: respite for caregivers / day-care centres, home-care staff shortages /
home-care costs. ``build_corpus.py`` assembles them with openings, asides and closings in several registers.
"""

SUBJECTS = {
    "respite": {
        "label": "Répit des aidants",
        "core": [
            "Je m'occupe de mon mari atteint de la maladie d'Alzheimer depuis six ans et je n'ai pas pris une seule semaine de vacances.",
            "Il faudrait des solutions de relayage à domicile : quelqu'un qui vient garder la personne quelques jours pour que l'aidant puisse partir.",
            "Les places d'hébergement temporaire sont introuvables, il faut s'y prendre un an à l'avance pour une semaine en été.",
            "On nous parle de droit au répit mais dans les faits il n'y a rien près de chez nous.",
            "Les aidants s'épuisent en silence, beaucoup tombent malades avant la personne qu'ils accompagnent.",
            "Ma mère est aidante de mon père, elle a 82 ans et elle n'a jamais une nuit complète, elle n'en peut plus.",
            "Un séjour de vacances pour l'aidant et l'aidé ensemble, accompagné par des professionnels, ce serait un vrai soulagement.",
            "La plateforme de répit est trop loin et personne ne la connaît, il faudrait mieux informer les familles.",
            "Je voudrais pouvoir partir un week-end sans culpabiliser, savoir que maman est bien gardée la nuit aussi.",
            "Le relais des aidants devrait être possible aussi le dimanche et les jours fériés, c'est là qu'on craque.",
            "Je suis aidante de ma fille handicapée depuis 25 ans, je n'ai jamais eu de vrai congé.",
            "Le congé de proche aidant est trop court et mal payé, on ne peut pas s'arrêter de travailler pour si peu.",
            "Il faudrait une garde de nuit ponctuelle, juste quelques nuits par mois pour dormir enfin.",
            "Quand l'aidant est hospitalisé, personne ne sait qui prend le relais auprès de la personne dépendante, c'est la panique.",
            "Des groupes de parole pour les aidants existent à Valence mais rien dans le Diois.",
            "On devrait pouvoir cumuler quelques jours d'hébergement temporaire sans que ça coûte le prix d'un mois de pension.",
            "Les aidants familiaux font économiser des millions à la société, il serait temps de leur offrir du temps pour souffler.",
            "Mon frère et moi nous relayons auprès de papa mais nous habitons à deux heures, un relais ponctuel nous sauverait.",
        ],
        "short": [
            "Plus de relais pour les aidants, on est épuisés.",
            "Répit pour les aidants = urgence.",
            "Besoin d'hébergement temporaire l'été !",
            "les aidants ont besoin de souffler",
            "Du relayage à domicile svp",
            "Aidante depuis 8 ans, jamais de vacances.",
            "Des nuits de garde pour que l'aidant dorme.",
        ],
    },
    "daycare": {
        "label": "Accueils de jour",
        "core": [
            "L'accueil de jour de notre secteur n'a que douze places et la liste d'attente dépasse six mois.",
            "Mon père va à l'accueil de jour deux fois par semaine, il y retrouve des activités et du lien, il faudrait l'ouvrir tous les jours.",
            "Le transport vers l'accueil de jour est le vrai problème : sans navette, les familles ne peuvent pas l'utiliser.",
            "Un accueil de jour itinérant qui passe dans les villages une fois par semaine serait adapté à notre territoire rural.",
            "Les horaires de l'accueil de jour (10h-16h) ne collent pas avec ceux des aidants qui travaillent.",
            "L'accueil de jour Alzheimer fait un travail remarquable avec des ateliers mémoire, mais il manque de places.",
            "Le prix de la journée en accueil de jour, plus le transport, c'est trop cher pour beaucoup de familles.",
            "Il faudrait des accueils de jour aussi pour les personnes handicapées vieillissantes, pas seulement Alzheimer.",
            "Depuis que ma femme va au centre d'accueil de jour le mardi et le jeudi, elle est plus calme et moi je peux faire mes courses.",
            "L'accueil de jour ferme tout le mois d'août, exactement quand les familles en ont le plus besoin.",
            "La navette de l'accueil de jour ne monte pas jusqu'à notre hameau, alors on n'y va pas.",
            "Créer un accueil de jour dans le sud du département, à Nyons ou Buis-les-Baronnies, serait une priorité.",
            "Les activités proposées en accueil de jour (cuisine, jardin, musique) redonnent le goût de vivre à nos parents.",
            "L'accueil de jour devrait accepter les personnes en début de maladie sans exiger un diagnostic complet.",
            "Une demi-journée d'accueil de jour possible, ce serait plus simple pour les personnes très fatiguées.",
            "Ma mère a été refusée à l'accueil de jour car elle est en fauteuil, les locaux ne sont pas adaptés.",
            "On manque d'accueil de jour en milieu rural : la structure la plus proche est à 45 minutes de route.",
        ],
        "short": [
            "Plus de places en accueil de jour !",
            "Une navette pour l'accueil de jour svp",
            "accueil de jour ouvert en aout",
            "Accueil de jour dans le sud Drôme.",
            "L'accueil de jour c'est trop loin de chez nous.",
            "Ouvrir l'accueil de jour le samedi.",
        ],
    },
    "homecare_staff": {
        "label": "Manque de personnel de l'aide à domicile",
        "core": [
            "Le service d'aide à domicile n'arrive plus à recruter : ma mère n'a personne le week-end depuis trois mois.",
            "Les aides à domicile changent toutes les semaines, ma mère ne sait plus qui va sonner à sa porte.",
            "Les intervenantes sont payées au SMIC, leurs kilomètres mal remboursés, elles partent toutes vers l'hôpital ou ailleurs.",
            "Je suis aide à domicile depuis quinze ans : on a vingt minutes pour une toilette et un repas, c'est de la maltraitance pour nous et pour eux.",
            "Le SAAD nous a annoncé qu'il ne pouvait plus assurer les passages du soir faute de personnel.",
            "Il faut revaloriser le métier d'auxiliaire de vie, sinon plus personne ne voudra le faire.",
            "Dans les vallées, les aides à domicile font des heures de route non payées entre deux bénéficiaires.",
            "On nous a dit que les heures prévues dans le plan d'aide ne pouvaient pas être réalisées, faute d'intervenantes disponibles.",
            "Les temps partiels imposés et les coupures dans la journée découragent les jeunes de devenir aide à domicile.",
            "Il faudrait former plus de jeunes au métier d'aide à domicile et leur fournir une voiture de service.",
            "Mon père est resté deux jours sans passage parce que l'intervenante était malade et pas remplacée.",
            "Les associations d'aide à domicile sont en difficulté pour recruter, il faudrait un plan départemental de recrutement.",
            "Les professionnelles de l'aide à domicile sont épuisées, elles enchaînent les arrêts de travail.",
            "Le roulement permanent du personnel est très perturbant pour les personnes atteintes de troubles de la mémoire.",
            "Je n'ai jamais la même auxiliaire de vie deux jours de suite, je dois tout réexpliquer à chaque fois.",
            "Il manque des aides-soignantes pour les toilettes à domicile, le SSIAD refuse de nouveaux patients.",
            "Les aides à domicile devraient avoir le même salaire que dans les établissements, sinon elles partent en EHPAD.",
        ],
        "short": [
            "Pas assez d'aides à domicile, personne le week-end.",
            "Revaloriser les salaires des aides à domicile !",
            "Manque de personnel au SAAD, on attend.",
            "Jamais la même auxiliaire de vie.",
            "recruter des aides a domicile c'est urgent",
            "Plus d'intervenantes le soir.",
        ],
    },
    "homecare_cost": {
        "label": "Coût de l'aide à domicile",
        "core": [
            "Le reste à charge de l'aide à domicile est devenu trop lourd : 400 euros par mois pour ma mère qui touche 1 100 euros de retraite.",
            "Le tarif horaire du service d'aide à domicile a encore augmenté cette année alors que l'APA ne suit pas.",
            "Avec le plan d'aide APA, il reste quand même une participation qu'on ne peut pas payer, alors on réduit les heures.",
            "Ma mère a renoncé à une partie de ses heures d'aide à domicile parce que la facture était trop élevée.",
            "Le tarif de référence du Département est inférieur au prix facturé par le service, la différence est pour nous.",
            "Les factures de l'aide à domicile sont incompréhensibles : majoration du dimanche, frais de déplacement, ticket modérateur…",
            "Il faudrait que la participation financière à l'APA tienne compte des charges réelles, pas seulement des revenus.",
            "Le crédit d'impôt pour l'emploi à domicile arrive un an après, les personnes modestes doivent avancer l'argent.",
            "Les heures du dimanche et des jours fériés sont facturées plus cher, alors que la dépendance ne s'arrête pas le week-end.",
            "Le plan d'aide APA est plafonné, on nous accorde 20 heures alors qu'il en faudrait 40, le reste est à nos frais.",
            "Entre le tarif du SAAD, la participation APA et les protections, l'aide à domicile coûte plus cher qu'une maison de retraite.",
            "Le coût de la téléassistance et du portage de repas s'ajoute à la facture de l'aide à domicile.",
            "Il faudrait un tarif unique de l'heure d'aide à domicile dans tout le département, pour ne pas pénaliser les zones rurales.",
            "Mes parents sont juste au-dessus des plafonds et paient le plein tarif, ils limitent l'aide au strict minimum.",
            "Le reste à charge pour une personne en GIR 2 à domicile est énorme, ce n'est plus une aide mais un luxe.",
            "On devrait pouvoir connaître à l'avance ce qui restera à payer avant de signer le plan d'aide APA.",
        ],
        "short": [
            "Le reste à charge de l'aide à domicile est trop élevé.",
            "APA insuffisante, facture trop chère.",
            "Baisser le tarif horaire des SAAD.",
            "On paie trop cher les heures d'aide à domicile.",
            "reste a charge trop lourd pour les petites retraites",
        ],
    },
    "nursing_homes": {
        "label": "Qualité de vie en EHPAD",
        "core": [
            "En EHPAD, ma mère attend parfois une heure qu'on vienne la changer, le personnel court partout.",
            "Les repas de l'EHPAD sont servis à 18 heures et la nuit est longue jusqu'au petit déjeuner.",
            "Le prix de journée en EHPAD dépasse largement la retraite de la plupart des résidents.",
            "Il faudrait plus d'animations en EHPAD, les résidents passent la journée devant la télévision.",
            "Une douche par semaine en EHPAD, ce n'est pas digne.",
            "Le conseil de la vie sociale de l'EHPAD n'est jamais écouté par la direction.",
            "Les familles devraient pouvoir visiter l'EHPAD à toute heure, sans rendez-vous.",
            "Le personnel de nuit est seul pour quatre-vingts résidents, c'est dangereux.",
            "Ma grand-mère a perdu dix kilos en six mois dans son EHPAD, personne ne l'aide à manger.",
            "Les chambres doubles en EHPAD devraient disparaître, chacun a droit à son intimité.",
            "Il faut des contrôles inopinés dans les EHPAD, pas seulement des visites annoncées.",
            "L'EHPAD de notre village fait du bon travail, il faut garder ces petits établissements de proximité.",
            "Les résidents d'EHPAD devraient pouvoir sortir, aller au marché, garder une vie dans le village.",
            "Le médecin coordonnateur de l'EHPAD n'est présent qu'une demi-journée par semaine.",
            "Les soignants en maison de retraite font ce qu'ils peuvent mais ils sont trop peu nombreux par résident.",
        ],
        "short": [
            "Plus de personnel dans les EHPAD !",
            "EHPAD : une douche par semaine c'est indigne.",
            "Plus d'animations en maison de retraite.",
            "Contrôler les EHPAD sans prévenir.",
            "ehpad trop cher pour nos retraites",
        ],
    },
    "transport": {
        "label": "Transport et mobilité",
        "core": [
            "Depuis que je ne conduis plus, je ne peux plus aller chez le médecin sans demander à mes voisins.",
            "Le transport à la demande doit être réservé 48 heures à l'avance, impossible pour un rendez-vous imprévu.",
            "Il n'y a qu'un car par jour qui descend à Die, et il ne remonte que le soir.",
            "Les bus ne sont pas accessibles aux fauteuils roulants, les chauffeurs ne savent pas déployer la rampe.",
            "Un service de chauffeurs bénévoles existe dans certains villages, il faudrait l'étendre et rembourser leurs frais.",
            "Pour aller faire une dialyse à Valence, mon père fait trois heures de trajet aller-retour en VSL.",
            "Le permis de conduire, c'est la dernière liberté des personnes âgées à la campagne, alors elles conduisent trop longtemps.",
            "Les taxis conventionnés refusent les courses courtes, et le transport à la demande ne va pas partout.",
            "Il faudrait que le transport adapté fonctionne aussi le week-end pour les loisirs, pas seulement pour le travail.",
            "La gare est à 20 kilomètres, sans voiture on est prisonnier de son village.",
            "Une navette vers le marché une fois par semaine redonnerait de la vie sociale aux anciens des hameaux.",
            "Les arrêts de bus n'ont ni banc ni abri, pour une personne âgée attendre debout vingt minutes est impossible.",
            "Le service de transport adapté est saturé, il faut appeler des dizaines de fois pour avoir une place.",
            "Les trottoirs sont encombrés et trop étroits, avec un déambulateur je dois marcher sur la route.",
        ],
        "short": [
            "Plus de transport à la demande dans les villages.",
            "Des bus accessibles aux fauteuils.",
            "Pas de voiture = pas de médecin.",
            "transport le week-end aussi",
            "Un bus pour le marché svp.",
        ],
    },
    "housing": {
        "label": "Logement adapté et habitat inclusif",
        "core": [
            "Ma baignoire est devenue un danger, mais les travaux pour une douche à l'italienne coûtent 8 000 euros.",
            "Les aides pour adapter le logement sont trop compliquées : trois dossiers, trois organismes, un an d'attente.",
            "Il faudrait plus de résidences autonomie, entre le domicile et l'EHPAD, avec un loyer abordable.",
            "L'habitat inclusif permet de vivre chez soi tout en partageant des espaces communs, il en faut dans chaque canton.",
            "J'habite au troisième étage sans ascenseur, je ne sors plus de chez moi depuis l'hiver.",
            "Le monte-escalier a été refusé par le bailleur, je dois donc déménager de la maison où j'ai vécu 40 ans.",
            "Les logements sociaux adaptés aux fauteuils roulants sont trop rares, on attend des années.",
            "Un ergothérapeute devrait venir conseiller gratuitement avant les travaux d'adaptation du logement.",
            "Les colocations entre seniors ou avec des étudiants devraient être encouragées par le Département.",
            "Il faut construire des logements de plain-pied près des commerces et de la pharmacie.",
            "Les artisans ne connaissent pas les normes d'accessibilité, les travaux sont mal faits.",
            "Une maison partagée pour personnes handicapées vieillissantes éviterait l'EHPAD à 55 ans.",
            "La domotique (chemin lumineux, volets électriques) aide beaucoup, mais personne ne la finance.",
            "On attend toujours l'avance des aides MaPrimeAdapt', les artisans veulent être payés avant.",
        ],
        "short": [
            "Aider à adapter les salles de bain.",
            "Plus de résidences autonomie !",
            "Habitat inclusif dans chaque canton.",
            "logement de plain pied pres du centre",
            "Simplifier les aides pour adapter le logement.",
        ],
    },
    "isolation_digital": {
        "label": "Isolement et démarches numériques",
        "core": [
            "Tout se fait sur internet maintenant, ma mère de 89 ans ne peut plus faire une seule démarche seule.",
            "Il faudrait garder un guichet avec une vraie personne dans chaque canton, pas seulement un site.",
            "Les personnes âgées isolées ne voient parfois personne de la semaine, sauf le facteur.",
            "Des visites de bénévoles à domicile, comme les Petits Frères des Pauvres, devraient exister partout.",
            "Les conseillers numériques font un bon travail mais il faut prendre rendez-vous... en ligne.",
            "Depuis la mort de mon mari je ne parle à personne, les journées sont longues.",
            "La tablette donnée par la mairie est restée dans son carton, personne n'est venu m'apprendre.",
            "Il faudrait un numéro de téléphone unique où une personne répond, au lieu de serveurs vocaux.",
            "Les ateliers numériques pour seniors à la médiathèque sont très bien, il en faudrait plus.",
            "La solitude tue autant que la maladie, il faut repérer les personnes qui ne sortent plus.",
            "Les formulaires en ligne de la CAF et des impôts sont incompréhensibles pour nos anciens.",
            "Un café des âges dans chaque village recréerait du lien entre générations.",
            "Pendant la canicule, personne n'a appelé ma voisine qui vit seule, le registre ne sert à rien si on ne l'utilise pas.",
            "Les services publics ferment les uns après les autres, la France Services est à 30 kilomètres.",
        ],
        "short": [
            "Garder des guichets avec des humains.",
            "Trop de démarches en ligne pour les anciens.",
            "Rompre l'isolement des personnes seules.",
            "Des bénévoles pour visiter les personnes isolées.",
            "internet c'est pas pour tout le monde",
        ],
    },
    "school_inclusion": {
        "label": "Scolarisation des enfants handicapés",
        "core": [
            "Mon fils autiste n'a son AESH que six heures par semaine, le reste du temps il reste à la maison.",
            "Les AESH sont mal payées et changent tous les ans, l'enfant doit tout recommencer.",
            "Il n'y a pas de place en IME, notre fille attend depuis trois ans à la maison.",
            "La cantine et le périscolaire refusent notre enfant en fauteuil, faute d'accompagnant.",
            "Les enseignants ne sont pas formés à accueillir un enfant avec des troubles du spectre autistique.",
            "Une ULIS au collège du secteur éviterait des heures de taxi chaque jour à nos enfants.",
            "Le transport scolaire adapté arrive en retard tous les matins, ma fille rate le début des cours.",
            "Les centres de loisirs devraient accueillir les enfants handicapés pendant les vacances scolaires.",
            "À 20 ans, notre fils est maintenu en IME faute de place en foyer, on appelle ça l'amendement Creton.",
            "Il faut des SESSAD qui interviennent à l'école, pas seulement dans leurs locaux.",
            "L'équipe de suivi de scolarisation se réunit une fois par an, c'est trop peu pour adapter le projet de l'enfant.",
            "Ma fille dyspraxique a eu son ordinateur adapté en fin d'année scolaire, trop tard.",
            "L'école inclusive n'existe que sur le papier quand l'AESH est partagée entre quatre enfants.",
        ],
        "short": [
            "Une AESH à temps plein pour mon fils.",
            "Plus de places en IME !",
            "École inclusive : il faut des moyens.",
            "former les profs a l'autisme",
            "Accueillir les enfants handicapés au centre de loisirs.",
        ],
    },
    "mdph_delays": {
        "label": "Délais et démarches de la MDPH",
        "core": [
            "Le dossier MDPH de mon fils a mis onze mois à être traité, pendant ce temps nous n'avions aucune aide.",
            "Il faut refaire tout le dossier MDPH tous les trois ans alors que le handicap de ma fille est définitif.",
            "Le formulaire MDPH fait vingt pages, personne ne peut le remplir sans aide.",
            "Quand on appelle la MDPH, on tombe sur un répondeur, et personne ne rappelle.",
            "La PCH a été refusée sans explication, et le recours prend encore six mois.",
            "Les droits devraient être attribués à vie pour les handicaps qui n'évolueront pas.",
            "Le certificat médical pour la MDPH coûte une consultation et le médecin ne sait pas le remplir.",
            "Mon AAH a été suspendue le temps du renouvellement parce que la MDPH était en retard.",
            "Un accusé de réception avec un délai prévisionnel éviterait bien des angoisses.",
            "Il faudrait des permanences de la MDPH dans les territoires ruraux, pas seulement à Valence.",
            "La carte mobilité inclusion a mis huit mois à arriver, je ne pouvais pas me garer.",
            "La décision de la CDAPH est écrite dans un langage incompréhensible, même pour un travailleur social.",
            "Le suivi en ligne du dossier MDPH affiche « en cours » pendant des mois sans aucune information.",
        ],
        "short": [
            "Délais MDPH beaucoup trop longs.",
            "Droits à vie pour les handicaps définitifs.",
            "MDPH injoignable au téléphone.",
            "dossier mdph trop compliqué",
            "Des permanences MDPH dans le Diois.",
        ],
    },
    "employment": {
        "label": "Emploi des personnes handicapées",
        "core": [
            "Je travaille en ESAT depuis dix ans, je voudrais aller en entreprise mais personne ne m'accompagne.",
            "Les entreprises préfèrent payer la contribution plutôt que d'embaucher des travailleurs handicapés.",
            "L'emploi accompagné fonctionne très bien, il faudrait beaucoup plus de places de job coach.",
            "Après mon accident, j'ai été licencié pour inaptitude, sans aucune proposition de reclassement.",
            "Les collectivités devraient montrer l'exemple et embaucher des personnes en situation de handicap.",
            "Le salaire en ESAT est inférieur au SMIC, ce n'est pas normal pour un travail à temps plein.",
            "Les stages en entreprise pour les jeunes des IME devraient être systématiques.",
            "Il faut aménager les postes de travail : horaires, télétravail, matériel adapté, cela ne coûte pas si cher.",
            "La reconnaissance de travailleur handicapé fait peur aux employeurs, je ne le dis plus en entretien.",
            "Les personnes handicapées vieillissantes d'ESAT n'ont pas de solution quand elles arrêtent de travailler.",
            "Cap emploi est débordé, mon conseiller suit plus de deux cents personnes.",
            "Les entreprises adaptées du département manquent de débouchés, les marchés publics pourraient les aider.",
        ],
        "short": [
            "Plus d'emploi accompagné.",
            "Embaucher des travailleurs handicapés dans les mairies.",
            "Salaire en ESAT trop bas.",
            "aider a passer de l'esat a l'entreprise",
        ],
    },
    "falls_prevention": {
        "label": "Prévention des chutes et de la perte d'autonomie",
        "core": [
            "Ma mère est tombée dans sa cuisine et est restée au sol toute la nuit, la téléassistance aurait tout changé.",
            "Les ateliers équilibre proposés par la mairie ont évité bien des chutes, il faut les multiplier.",
            "L'activité physique adaptée devrait être remboursée pour les plus de 70 ans.",
            "Après une chute, on a peur de sortir, on bouge moins et on perd encore plus d'autonomie.",
            "Un bilan de prévention à 70 ans, avec la vue, l'audition et l'équilibre, permettrait d'agir tôt.",
            "Les tapis, les fils électriques, l'éclairage : une visite à domicile pour repérer les risques de chute serait utile.",
            "La gym douce en salle polyvalente du village est le seul moment où je vois du monde.",
            "Les programmes de prévention devraient venir dans les villages, pas seulement dans les grandes villes.",
            "La dénutrition des personnes âgées est une cause de chute dont on ne parle jamais.",
            "Les appareils auditifs trop chers font que les gens s'isolent et perdent l'équilibre.",
            "Il faudrait des marches collectives encadrées, une heure par semaine, pour garder la forme.",
            "Le médecin traitant n'a pas le temps de faire de la prévention, il faudrait des infirmières dédiées.",
        ],
        "short": [
            "Des ateliers équilibre dans chaque commune.",
            "Prévenir les chutes avant qu'il soit trop tard.",
            "gym douce pour les seniors",
            "Téléassistance pour tous ceux qui vivent seuls.",
        ],
    },
}

# Contributor categories as in the stakeholders registry, with how a person of that category opens.
OPENINGS = {
    "family_caregiver": [
        "Je suis la fille d'une dame de 88 ans qui vit encore chez elle.",
        "Aidant de mon épouse depuis quatre ans, je me permets de vous écrire.",
        "Bonjour, je suis aidante familiale de ma mère.",
        "Mon père a 91 ans et je m'en occupe avec ma sœur.",
        "Mère d'un jeune adulte handicapé, je voudrais témoigner.",
        "Bonjour. Je m'occupe de mes deux parents qui vivent à la maison.",
        "Je vis avec ma belle-mère qui perd la mémoire.",
        "Petit-fils d'une mamie de 94 ans, je vois bien comment ça se passe.",
        "Nous sommes une famille avec un enfant polyhandicapé.",
        "",
    ],
    "professional": [
        "Infirmière libérale depuis vingt ans dans le Diois, je vois tous les jours la réalité.",
        "Je suis aide-soignante en EHPAD.",
        "Auxiliaire de vie dans une association, je donne mon avis de terrain.",
        "Assistante sociale au Département, je constate que",
        "En tant que médecin généraliste en zone rurale,",
        "Je travaille dans un service d'aide à domicile depuis 2009.",
        "Ergothérapeute, je me permets quelques remarques.",
        "Bonjour, éducatrice spécialisée en IME.",
        "",
    ],
    "elected": [
        "En tant que maire d'une commune de 600 habitants,",
        "Adjointe aux affaires sociales de ma commune, je relaie ce que j'entends.",
        "Conseiller municipal, je souhaite apporter la contribution de notre commune.",
        "Le CCAS de notre commune souhaite attirer votre attention sur un point.",
        "",
    ],
    "association": [
        "Notre association d'usagers rassemble 150 familles du territoire.",
        "Au nom du club des aînés de notre village,",
        "L'association de parents que je préside souhaite contribuer.",
        "Bénévole dans une association de visite aux personnes âgées,",
        "Pour notre collectif de personnes handicapées,",
        "",
    ],
    "older_person": [
        "J'ai 84 ans et je vis seule dans ma maison.",
        "Retraité de 79 ans, je vous donne mon point de vue.",
        "Je suis une personne âgée de 90 ans, c'est ma petite-fille qui tape.",
        "Veuve depuis trois ans, j'habite un hameau.",
        "À mon âge on ne demande pas grand-chose, mais quand même.",
        "",
    ],
    "disabled_person": [
        "Je suis en fauteuil roulant depuis mon accident.",
        "Personne malvoyante, j'utilise un lecteur d'écran pour écrire ceci.",
        "J'ai une maladie neurologique évolutive.",
        "En situation de handicap psychique, je voudrais dire quelque chose.",
        "Sourd de naissance, j'écris plutôt que je ne parle.",
        "",
    ],
}

# Asides that people add about something else: real contributions wander.
ASIDES = [
    "Et je ne parle même pas des transports.",
    "Sans compter que tout se fait sur internet maintenant.",
    "Tout ça alors que les prix augmentent partout.",
    "On a l'impression que les campagnes sont oubliées.",
    "C'est toujours les mêmes qui trinquent.",
    "Le Département doit prendre ses responsabilités.",
    "On en parle depuis des années et rien ne bouge.",
    "Il faudrait aussi penser aux familles qui habitent loin.",
    "Les professionnels font ce qu'ils peuvent, ce n'est pas leur faute.",
    "Je sais que les budgets sont serrés mais il s'agit de dignité.",
    "Le médecin traitant est lui aussi débordé.",
    "Heureusement que les voisins sont là.",
    "Il y a de belles initiatives mais elles ne sont pas connues.",
    "Merci pour cette consultation, c'est bien de nous demander.",
    "Je ne suis pas sûre que ça serve à quelque chose mais je le dis.",
]

DEMANDS = [
    "Merci d'en tenir compte dans le schéma.",
    "Il faut agir vite.",
    "J'espère que ce message sera lu.",
    "C'est une question de dignité.",
    "Nous comptons sur vous.",
    "Qu'attend-on pour agir ?",
    "Voilà mon témoignage.",
    "Cordialement.",
    "Merci de nous avoir lus.",
    "",
    "",
]

ANGRY = [
    "C'est une honte !",
    "On se moque de nous.",
    "J'en ai assez d'écrire pour rien.",
    "INADMISSIBLE.",
    "Vous vivez dans quel monde ?",
    "Ça suffit !!!",
    "Encore un schéma qui finira dans un tiroir.",
]

LETTER_OPENINGS = [
    "Madame, Monsieur,",
    "Madame la Présidente du Conseil départemental,",
    "Mesdames et Messieurs les élus,",
]

LETTER_CLOSINGS = [
    "Je vous prie d'agréer, Madame, Monsieur, l'expression de mes salutations distinguées.",
    "Veuillez recevoir, Madame la Présidente, l'assurance de ma haute considération.",
    "Dans l'attente de votre réponse, je vous prie de croire à mes sentiments respectueux.",
]

TERRITORIES = ["Valence", "Montélimar", "Romans-sur-Isère", "Die", "Crest", "Nyons", "Tain-l'Hermitage", "Dieulefit"]

# The planted campaigns.
CAMPAIGN_LETTER = (
    "Madame la Présidente,\n\n"
    "Je suis {role} d'une personne qui fréquente l'accueil de jour de {town}. Nous avons appris que cet accueil "
    "de jour pourrait réduire ses places l'an prochain. Pour nos familles, ces journées sont le seul moment de "
    "répit de la semaine et, pour nos proches, un lieu de vie, d'activités et de rencontres. Sans l'accueil de "
    "jour, beaucoup d'aidants seront contraints de demander une entrée en établissement bien plus coûteuse pour "
    "tous. Nous vous demandons de maintenir les {places} places actuelles, de financer la navette qui dessert les "
    "villages et d'inscrire dans le schéma départemental l'ouverture d'un second accueil de jour dans le sud du "
    "département.\n\n{closing}\n{name}"
)
CAMPAIGN_ROLES = ["l'aidant", "l'aidante", "la fille", "le fils", "l'épouse", "le conjoint", "la sœur", "la nièce"]
CAMPAIGN_CLOSINGS = [
    "Veuillez agréer, Madame la Présidente, l'expression de mes salutations respectueuses.",
    "Avec mes salutations respectueuses,",
    "Je vous prie de croire à mes sentiments respectueux.",
    "Merci de votre attention.",
]
CAMPAIGN_NAMES = [
    "Marie Dupont",
    "Jean Martin",
    "Sylvie Roux",
    "Patrick Blanc",
    "Nadia Benali",
    "Christine Faure",
    "Gérard Chabert",
    "Isabelle Reynaud",
    "Michel Arnaud",
    "Sophie Vincent",
    "Yves Bonnet",
    "Fatima Haddad",
    "Claude Mercier",
    "Annie Garcia",
    "Pierre Brun",
    "Monique Girard",
    "Laurent Perrin",
    "Josiane Fabre",
    "Thierry Morel",
    "Hélène Rey",
]

CAMPAIGN_SLOGAN = (
    "NON à la baisse de l'APA ! Nos aînés ne sont pas une variable d'ajustement. Aide à domicile pour tous !"
)
CAMPAIGN_SLOGAN_PREFIXES = ["", "", "", "Je signe. ", "D'accord avec la pétition : ", "Soutien ! ", ""]

CAMPAIGN_COPY = (
    "Les personnes en situation de handicap doivent obtenir une réponse de la MDPH en moins de quatre mois, "
    "comme la loi le prévoit. Aujourd'hui les délais dépassent huit mois dans notre département, ce qui prive "
    "des familles entières de leurs droits. Nous demandons un plan de rattrapage avec des moyens humains "
    "supplémentaires et une information claire sur l'avancement de chaque dossier."
)
