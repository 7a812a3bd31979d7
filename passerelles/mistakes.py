"""The common mistakes of editors, declared once: what was written, what the site says, how to fix it.

Each mistake is an edit of a small reference site (the test fixture site of
`tests/conftest.py`). tests/test_mistakes.py makes each edit, runs the real
`check` and asserts that the message contains `message` at `fichier`, so
this catalogue never lies; `python -m passerelles.docs` writes it out as
docs/erreurs.md, the editors' list of messages and their fixes.
"""

from __future__ import annotations

from dataclasses import dataclass

AS = "content/metiers/aide-soignant.md"
TE = "content/temoignages/lea-aide-soignante.md"
EV = "content/evenements/job-dating-arras.md"


@dataclass(frozen=True)
class Mistake:
    """One mistake: the edit that makes it, the message it gets and the fix."""

    theme: str
    titre: str
    fichier: str  # the file the message names (empty for a command)
    exemple: str  # what the editor wrote: a front-matter line, a file name, a command
    message: str  # text the message contains
    correction: str
    avant: str | None = None  # text of the reference file that `exemple` replaces
    depart: str | None = None  # reference file renamed (or copied, with `garde`) to `fichier`
    garde: bool = False
    ligne: int | None = None  # the line the message must name
    encodage: str = "utf-8"
    montre: str = "yaml"  # how the guide shows `exemple`: yaml, markdown, nom, commande, texte
    commande: tuple[str, ...] = ()
    avertissement: bool = False


FICHIER, EN_TETE, VALEURS, DATES, LIENS, OUBLIS, AUTRES = (
    "Le fichier",
    "L'en-tête (entre les deux lignes « --- »)",
    "Les valeurs des champs",
    "Les dates",
    "Les liens entre fiches et vers les pages",
    "Les oublis (avertissements)",
    "Gabarits, réglages et commande",
)

MISTAKES: tuple[Mistake, ...] = (
    Mistake(
        FICHIER,
        "Le fichier n'est pas enregistré en UTF-8",
        AS,
        "fichier enregistré en « ANSI » ou « Windows-1252 » (Bloc-notes ancien, Word)",
        "le fichier n'est pas enregistré en UTF-8 (2 fichiers y renvoient et attendent sa correction",
        "Rouvrez le fichier et enregistrez-le en « UTF-8 » (dans le Bloc-notes : Enregistrer sous, "
        "Encodage : UTF-8). Les fichiers qui renvoient à cette fiche seront vérifiés ensuite.",
        encodage="cp1252",
        montre="texte",
    ),
    Mistake(
        FICHIER,
        "Une majuscule ou un accent dans le nom du fichier",
        "content/metiers/Aide-Soignant.md",
        "content/metiers/Aide-Soignant.md",
        "nom de fichier invalide : minuscules sans accents, chiffres et tirets seulement (2 fichiers y renvoient",
        "Renommez le fichier comme proposé : le nom du fichier est l'adresse de la page et le nom que "
        "les autres fiches utilisent pour y renvoyer.",
        depart=AS,
        montre="nom",
    ),
    Mistake(
        FICHIER,
        "Une autre extension que « .md »",
        "content/pages/a-propos.markdown",
        "content/pages/a-propos.markdown",
        "extension « .markdown » : seuls les fichiers « .md » sont lus ; renommez-le en a-propos.md",
        "Renommez le fichier en « .md » (de même pour « .MD », « .txt »). Sinon sa page disparaîtrait du site.",
        depart="content/pages/a-propos.md",
        montre="nom",
    ),
    Mistake(
        FICHIER,
        "Un fichier dans un sous-dossier",
        "content/evenements/2027/job-dating-arras.md",
        "content/evenements/2027/job-dating-arras.md",
        "les sous-dossiers ne sont pas lus : déplacez ce fichier dans content/evenements/",
        "Rangez tous les fichiers d'une sorte directement dans leur dossier ; l'année est déjà dans la date.",
        depart=EV,
        montre="nom",
    ),
    Mistake(
        FICHIER,
        "Une photo rangée avec les textes",
        "content/temoignages/lea.jpg",
        "content/temoignages/lea.jpg",
        "image rangée dans content/temoignages/ : déplacez-la dans content/images/ pour la publier",
        "Les images vont dans content/images/ ; la fiche les nomme ensuite par « image: /images/lea.jpg ».",
        montre="nom",
    ),
    Mistake(
        FICHIER,
        "Une copie de fiche restée identique",
        "content/temoignages/lea-aide-soignante-copie.md",
        "content/temoignages/lea-aide-soignante-copie.md",
        f"même titre que {TE} : fichier copié ?",
        "Une copie sert de point de départ : changez son titre et son texte, ou supprimez-la.",
        depart=TE,
        garde=True,
        montre="nom",
        avertissement=True,
    ),
    Mistake(
        EN_TETE,
        "En-tête non refermé",
        "content/pages/a-propos.md",
        "---\ntitre: À propos\nresume: À propos.\n\nTexte.",
        "en-tête YAML non refermé : ajoutez une ligne « --- » après le dernier champ",
        "L'en-tête commence et finit par une ligne « --- » ; le texte de la page vient après la seconde.",
        avant="---\ntitre: À propos\nresume: À propos.\n---\n\nTexte.",
        montre="markdown",
    ),
    Mistake(
        EN_TETE,
        "Une tabulation pour décaler une ligne",
        EV,
        "lieu:\n\tnom: Salle des fêtes",
        "tabulation interdite dans l'en-tête : remplacez-la par des espaces",
        "Décalez les champs d'un groupe (comme « nom » dans « lieu ») avec deux espaces, jamais la touche Tab.",
        avant="lieu:\n  nom: Salle des fêtes",
        ligne=8,
    ),
    Mistake(
        EN_TETE,
        "Deux-points dans une valeur",
        AS,
        "resume: Aide aux soins : toilette, repas.",
        "un « : » inattendu ; mettez la valeur entière entre guillemets doubles",
        'Mettez la valeur entre guillemets : `resume: "Aide aux soins : toilette, repas."`',
        avant="resume: Aide aux soins du quotidien.",
        ligne=3,
    ),
    Mistake(
        EN_TETE,
        "Un nom de champ mal orthographié",
        AS,
        "resumé: Aide aux soins du quotidien.",
        "champ « resumé » inconnu — vouliez-vous dire « resume » ?",
        "Les noms de champs s'écrivent sans accent, comme dans le tableau des champs du guide.",
        avant="resume: Aide aux soins du quotidien.",
        ligne=3,
    ),
    Mistake(
        EN_TETE,
        "Un champ obligatoire oublié",
        "content/pages/a-propos.md",
        "titre: À propos",
        "champ obligatoire « resume » manquant",
        "Ajoutez le champ ; le tableau des champs du guide dit lesquels sont obligatoires.",
        avant="titre: À propos\nresume: À propos.",
    ),
    Mistake(
        VALEURS,
        "« À COMPLÉTER » laissé dans un modèle",
        "content/pages/a-propos.md",
        'resume: "À COMPLÉTER"',
        "remplacez « À COMPLÉTER » par le vrai contenu",
        "Remplacez chaque « À COMPLÉTER » du modèle créé par « python build.py new » par le vrai texte.",
        avant="resume: À propos.",
        ligne=3,
    ),
    Mistake(
        VALEURS,
        "Une valeur permise écrite en majuscules ou avec un accent",
        AS,
        "niveau_acces: CAP",
        "valeur « CAP » inconnue pour « niveau_acces » (valeurs permises : sans-diplome, cap, bac, bac+2, bac+3, "
        "bac+5) — vouliez-vous dire « cap » ?",
        "Écrivez la valeur exactement comme dans la liste des valeurs permises, ici `niveau_acces: cap`.",
        avant="niveau_acces: sans-diplome",
        ligne=6,
    ),
    Mistake(
        VALEURS,
        "Un code postal sans guillemets ou incomplet",
        EV,
        "  code_postal: 6200",
        '« code_postal » doit être 5 chiffres, entre guillemets, ex. "62000"',
        'Écrivez les 5 chiffres entre guillemets : `code_postal: "62000"`.',
        avant='  code_postal: "62000"',
    ),
    Mistake(
        VALEURS,
        "Le département 20",
        EV,
        'organisateur: France Travail\ndepartement: "20"',
        "« departement » doit être un code de département de France",
        "La Corse a deux départements : 2A (Corse-du-Sud) et 2B (Haute-Corse).",
        avant="organisateur: France Travail",
    ),
    Mistake(
        VALEURS,
        "Un prénom suivi du nom",
        TE,
        "prenom: Léa Martin",
        "ressemble à un prénom suivi d'un nom : n'écrivez que le prénom (vie privée)",
        "Un témoignage ne donne que le prénom. Les prénoms composés (« Marie-Claire », « Jean Pierre ») passent.",
        avant="prenom: Léa",
        ligne=4,
        avertissement=True,
    ),
    Mistake(
        VALEURS,
        "Un titre beaucoup trop long",
        "content/pages/a-propos.md",
        "titre: À propos de ce site, de l'équipe qui le fait vivre chaque semaine, des partenaires qui l'ont rendu "
        "possible et de tout ce que vous pourrez y trouver",
        "il ne se lit plus d'un coup d'œil ; raccourcissez-le",
        "Gardez un titre court (120 caractères au plus) et mettez le reste dans « resume » ou le texte.",
        avant="titre: À propos",
        avertissement=True,
    ),
    Mistake(
        DATES,
        "Une date écrite à la française",
        TE,
        "date: 10/01/2026",
        "date « 10/01/2026 » à écrire dans l'ordre année-mois-jour, avec des tirets (AAAA-MM-JJ) — "
        "vouliez-vous dire « 2026-01-10 » ?",
        "Écrivez l'année, puis le mois, puis le jour, séparés par des tirets : `date: 2026-01-10`.",
        avant="date: 2026-01-10",
        ligne=6,
    ),
    Mistake(
        DATES,
        "Un événement dont seul le mois est connu",
        EV,
        "debut: mars 2027",
        "si seul le mois est connu, écrivez le premier jour et ajoutez la ligne « precision_date: mois » — "
        "vouliez-vous dire « 2027-03-01 » ?",
        "Écrivez `debut: 2027-03-01` et ajoutez `precision_date: mois` : la page affichera « mars 2027 ». "
        "Pour une année seule : `precision_date: annee`.",
        avant='debut: "2027-03-12T14:00"\nfin: "2027-03-12T17:00"',
    ),
    Mistake(
        DATES,
        "Une date qui n'existe pas",
        EV,
        "debut: 2027-02-30",
        "le 30 février 2027 n'existe pas (février 2027 compte 28 jours)",
        "Vérifiez la date sur un calendrier.",
        avant='debut: "2027-03-12T14:00"\nfin: "2027-03-12T17:00"',
    ),
    Mistake(
        DATES,
        "Une heure qui n'existe pas ou mal écrite",
        EV,
        'fin: "2027-03-12T25:00"',
        "l'heure 25:00 n'existe pas (de 00:00 à 23:59)",
        'Écrivez l\'heure de 00:00 à 23:59, après un T et entre guillemets : `fin: "2027-03-12T17:00"`.',
        avant='fin: "2027-03-12T17:00"',
        ligne=6,
    ),
    Mistake(
        LIENS,
        "Un métier écrit comme un titre",
        TE,
        "metier: infirmière",
        "« infirmière » n'est pas un nom de métier : écrivez le nom d'un fichier de content/metiers/, sans .md, "
        "en minuscules sans accents ni espaces — vouliez-vous dire « infirmier » ?",
        "Un métier se nomme par le nom de son fichier, sans « .md » : `metier: infirmier`.",
        avant="metier: aide-soignant",
        ligne=5,
    ),
    Mistake(
        LIENS,
        "Le nom du fichier avec « .md »",
        EV,
        "metiers: [aide-soignant.md]",
        "— vouliez-vous dire « aide-soignant » ?",
        "Retirez « .md » : `metiers: [aide-soignant]`.",
        avant="metiers: [aide-soignant]",
        ligne=13,
    ),
    Mistake(
        LIENS,
        "Un métier qui n'existe pas",
        TE,
        "metier: aide-soigant",
        "métier « aide-soigant » inconnu — vouliez-vous dire « aide-soignant » ?",
        "Corrigez le nom, ou créez d'abord la fiche (« python build.py new metier NOM »).",
        avant="metier: aide-soignant",
        ligne=5,
    ),
    Mistake(
        LIENS,
        "Un lien vers une page qui n'existe pas",
        "content/pages/a-propos.md",
        "[Voir le métier](/metiers/aide-soigant/)",
        "lien vers « /metiers/aide-soigant/ » : cette page n'existe pas sur le site — "
        "vouliez-vous dire « /metiers/aide-soignant/ » ?",
        "Copiez l'adresse depuis la barre d'adresse de l'aperçu (« python build.py serve »).",
        avant="Texte.",
        montre="markdown",
    ),
    Mistake(
        OUBLIS,
        "Une valeur d'exemple du modèle gardée",
        TE,
        "date: 2026-01-01",
        "« date » vaut encore « 2026-01-01 », la valeur d'exemple du modèle",
        "Mettez la vraie date de publication (de même pour les dates et les adresses d'exemple des autres modèles).",
        avant="date: 2026-01-10",
        ligne=6,
        avertissement=True,
    ),
    Mistake(
        AUTRES,
        "Une faute de frappe dans un gabarit",
        "templates/base.html",
        "{{ site.titr }} est publié par",
        "variable inconnue dans le gabarit (« titr » n'existe pas dans passerelles.config.SiteConfig)",
        "Corrigez le nom à la ligne indiquée ; l'erreur est donnée une fois, avec le nombre de pages touchées.",
        avant="{{ site.titre }} est publié par",
        montre="texte",
    ),
    Mistake(
        AUTRES,
        "Une adresse de contact qui n'en est pas une",
        "site.yaml",
        "contact: écrivez-nous à la mairie",
        "« contact » doit être un courriel (ex. contact@departement.fr) ou une adresse https://…",
        "Le contact devient un lien en bas de chaque page : écrivez un courriel ou l'adresse d'une page.",
        avant="contact: test@example.org",
        ligne=7,
    ),
    Mistake(
        AUTRES,
        "Un type de fiche mal tapé dans « new »",
        "",
        "python build.py new evenment salon-2027",
        "type « evenment » inconnu : choisissez metier, temoignage, evenement, formation ou page ; "
        "vouliez-vous dire « evenement » ?",
        "Tapez le type sans faute ; les accents et le pluriel sont acceptés (« événement », « témoignages »).",
        montre="commande",
        commande=("new", "evenment", "salon-2027"),
    ),
)
