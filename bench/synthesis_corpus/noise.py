# ruff: noqa: E501  (sentences people wrote are kept on one line each)
"""What makes real contributions hard to sort: the words every contribution shares, the boilerplate of
official letters and the family stories around a single useful sentence.

Hand-written like ``fragments.py``. ``COMMON_*`` pieces are the schema's common vocabulary (personnes
âgées, département, aide, accompagnement, besoin, familles, établissement...) that people write whatever
their subject; ``build_corpus.py`` combines a who with a what into sentences nobody wrote twice the same.
"""

# Who the common sentences speak of.
COMMON_WHO = [
    "Les personnes âgées du département",
    "Les familles",
    "Les personnes handicapées et leurs familles",
    "Les aidants et les personnes accompagnées",
    "Nos aînés",
    "Les personnes en perte d'autonomie",
    "Les habitants des petites communes",
    "Les personnes âgées qui vivent seules",
    "Les familles qui accompagnent un proche",
    "Les personnes âgées et les personnes handicapées",
    "Beaucoup de familles du département",
    "Les plus fragiles",
    "Les gens comme nous",
    "Les personnes dépendantes",
]

# What the common sentences say of them.
COMMON_WHAT = [
    "ont besoin d'un accompagnement adapté à leur situation.",
    "attendent du Département une aide concrète et pas seulement des promesses.",
    "ne savent pas à qui s'adresser quand les besoins augmentent.",
    "doivent être accompagnées dans la durée, pas seulement en urgence.",
    "ont besoin d'être écoutées et de trouver une aide près de chez elles.",
    "se sentent seules face aux démarches et aux établissements.",
    "méritent un accompagnement digne de ce nom.",
    "ont des besoins qui ne sont pas pris en compte par les services.",
    "comptent sur le schéma de l'autonomie pour que les choses changent.",
    "ont besoin d'aide au quotidien, et cette aide doit être accessible à tous.",
    "ne trouvent pas toujours l'accompagnement dont elles ont besoin dans le département.",
    "sont souvent oubliées par les politiques publiques.",
    "voudraient simplement vivre dignement, avec l'aide dont elles ont besoin.",
    "doivent pouvoir choisir entre rester à domicile et entrer en établissement.",
    "paient le prix d'un manque de moyens qui dure depuis des années.",
    "ont besoin d'un interlocuteur unique pour leur accompagnement.",
]

# Whole sentences of common vocabulary, written without a subject in mind.
COMMON_SENTENCES = [
    "Il faut mettre la personne au centre de l'accompagnement.",
    "Le Département doit mieux coordonner les aides entre tous les acteurs.",
    "Les besoins des familles augmentent chaque année et les moyens ne suivent pas.",
    "L'accompagnement des personnes âgées et des personnes handicapées devrait être une priorité du schéma.",
    "On manque d'information sur les aides qui existent, tout est compliqué.",
    "Les professionnels sont dévoués mais ils ne sont pas assez nombreux pour répondre aux besoins.",
    "Il faudrait un vrai plan départemental avec des moyens, pas seulement des intentions.",
    "Chaque situation est différente et l'aide doit s'adapter à chacun.",
    "Les établissements et les services à domicile doivent travailler ensemble.",
    "Il faut penser aussi aux familles, qui portent tout sur leurs épaules.",
    "Le vieillissement de la population va faire exploser les besoins dans les dix ans qui viennent.",
    "Les territoires ruraux du département sont toujours moins bien servis que les villes.",
    "Les aides existent sur le papier mais dans la réalité on ne les obtient pas.",
    "On parle beaucoup d'autonomie mais concrètement on se débrouille seuls.",
    "Le Département doit garantir la même qualité d'accompagnement partout.",
    "Les familles ont besoin d'être soutenues, pas jugées.",
    "Il faut simplifier l'accès aux aides pour les personnes âgées et leurs proches.",
    "Les moyens humains manquent partout, dans les établissements comme à domicile.",
    "L'aide aux personnes âgées est un sujet qui nous concerne tous un jour ou l'autre.",
    "Il faudrait évaluer les besoins réels avant de décider des aides.",
]

# The letterhead and presentation paragraphs of official letters, longer than what they ask.
LETTER_HEADERS = [
    "Objet : contribution au schéma départemental de l'autonomie 2027-2031",
    "Objet : consultation publique sur le schéma de l'autonomie",
    "Réf. : concertation sur le schéma départemental en faveur des personnes âgées et des personnes handicapées",
    "Objet : observations de notre structure dans le cadre de la concertation",
]
LETTER_PRESENTATIONS = [
    "Je me permets de vous adresser la présente contribution dans le cadre de la consultation publique ouverte par le Département.",
    "Par la présente, nous souhaitons apporter notre contribution à l'élaboration du futur schéma départemental de l'autonomie.",
    "Nous avons pris connaissance avec intérêt du projet de schéma soumis à la concertation et vous remercions de cette démarche.",
    "Notre structure, créée en 1987, accompagne chaque année plusieurs centaines de personnes âgées et de familles sur le territoire.",
    "Notre conseil d'administration s'est réuni pour examiner le projet de schéma et souhaite vous faire part de ses observations.",
    "Nous saluons la démarche de concertation engagée par le Département et la qualité du document présenté.",
    "Comme vous le savez, notre association est engagée depuis de nombreuses années aux côtés des personnes en perte d'autonomie.",
    "Après consultation de nos adhérents, nous souhaitons attirer votre attention sur les points suivants.",
    "Vous trouverez ci-dessous les remarques que nous souhaitons porter à votre connaissance.",
    "Nous restons naturellement à votre disposition pour échanger sur ces propositions lors d'une prochaine rencontre.",
    "Nous espérons que ces observations contribueront utilement à la rédaction définitive du schéma.",
    "Nous vous remercions par avance de l'attention que vous porterez à la présente contribution.",
]
LETTER_SIGNATURES = [
    "Le Président de l'association",
    "La directrice",
    "Pour le conseil d'administration, le secrétaire général",
    "Le maire, conseiller départemental honoraire",
    "La présidente du CCAS",
    "Pour le bureau, la trésorière",
]

# The story of an angry relative: the useful sentence is one among many.
STORY = [
    "Tout a commencé il y a trois ans quand ma mère a fait un AVC.",
    "Depuis la mort de mon père, maman ne s'en sort plus toute seule.",
    "On a appelé tous les numéros qu'on nous a donnés, on nous renvoie d'un service à l'autre.",
    "Personne ne répond au téléphone, ou alors on tombe sur un répondeur.",
    "J'ai dû poser des jours de congé pour faire toutes les démarches.",
    "Ma sœur habite à Lyon, c'est moi qui gère tout, et je travaille à plein temps.",
    "On nous a dit d'attendre, puis de refaire le dossier, puis d'attendre encore.",
    "Mon mari ne comprend plus ce qui lui arrive et moi je ne dors plus.",
    "On se sent abandonnés, voilà la vérité.",
    "J'ai fini par pleurer au téléphone devant une dame qui n'y pouvait rien.",
    "Quand on est dedans on découvre que rien n'est prévu pour nous.",
    "Mes enfants me disent de lâcher prise mais je ne peux pas laisser tomber ma mère.",
    "Au bout de six mois on a enfin eu un rendez-vous, pour s'entendre dire que ce n'était pas le bon service.",
    "Papa a travaillé toute sa vie et il finit comme ça, c'est indigne.",
    "J'ai écrit au maire, au député, à la préfecture, sans réponse.",
    "Le médecin nous a dit qu'il fallait trouver une solution rapidement, mais laquelle ?",
    "On a vidé nos économies et on ne voit pas le bout.",
    "Je raconte tout ça pour que vous compreniez ce que vivent les familles.",
    "Ma grand-mère est morte l'an dernier après des mois d'attente, je ne veux pas que ça recommence avec mon grand-père.",
    "Chaque semaine il y a un nouveau problème, on n'en voit jamais la fin.",
]
