"""Every validation rule: one broken fixture each, asserting the exact path:line: message."""

from __future__ import annotations

import pytest

from passerelles.errors import BuildError
from passerelles.site import load_site

from .conftest import BASE_FILES, BUILD_DATE, MakeSite

AS = "content/metiers/aide-soignant.md"
EV = "content/evenements/job-dating-arras.md"
TE = "content/temoignages/lea-aide-soignante.md"


def errors_of(make_site: MakeSite, overrides: dict[str, str | None], drafts: bool = False) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load_site(make_site(overrides), BUILD_DATE, drafts)
    return [e.format() for e in caught.value.errors if not e.warning]


def edit(rel: str, old: str, new: str) -> dict[str, str | None]:
    text = BASE_FILES[rel]
    assert old in text, old
    return {rel: text.replace(old, new, 1)}


CASES = [
    pytest.param(
        edit(AS, "titre: Aide-soignant ou aide-soignante\n", ""),
        f"{AS}:1: champ obligatoire « titre » manquant",
        id="required-key",
    ),
    pytest.param(
        edit(AS, "titre: Aide-soignant ou aide-soignante", 'titre: ""'),
        f"{AS}:2: « titre » ne peut pas être vide",
        id="empty-required",
    ),
    pytest.param(
        edit(AS, "resume: Aide aux soins du quotidien.", "resume: " + "x" * 201),
        f"{AS}:3: « resume » fait 201 caractères, 200 au plus",
        id="resume-length",
    ),
    pytest.param(
        edit(AS, "lieux: [hopital, etablissement]", "lieux: [hopitaux, etablissement]"),
        f"{AS}:4: valeur « hopitaux » inconnue pour « lieux » (valeurs permises : domicile, "
        "etablissement, hopital) — vouliez-vous dire « hopital » ?",
        id="enum-in-list",
    ),
    pytest.param(
        edit(AS, "lieux: [hopital, etablissement]", "lieux: []"),
        f"{AS}:4: « lieux » ne peut pas être vide",
        id="non-empty-list",
    ),
    pytest.param(
        edit(AS, "publics: [personnes-agees]", "publics: personnes-agees"),
        f"{AS}:5: « publics » doit être une liste (une valeur par ligne, précédée de « - »)",
        id="list-type",
    ),
    pytest.param(
        edit(AS, "niveau_acces: sans-diplome", "niveau_acces: sans-diplôme"),
        f"{AS}:6: valeur « sans-diplôme » inconnue pour « niveau_acces » (valeurs permises : sans-diplome, "
        "cap, bac, bac+2, bac+3, bac+5) — vouliez-vous dire « sans-diplome » ?",
        id="enum",
    ),
    pytest.param(
        edit(AS, "resume: Aide aux soins du quotidien.", "resume: Aide.\nresumé: doublon"),
        f"{AS}:4: champ « resumé » inconnu — vouliez-vous dire « resume » ?",
        id="unknown-key",
    ),
    pytest.param(
        edit(AS, "    niveau: 4", "    niveau: 9"),
        f"{AS}:9: « niveau » doit être compris entre 3 et 8 (reçu 9)",
        id="int-range",
    ),
    pytest.param(
        edit(AS, "    niveau: 4", "    niveau: quatre"),
        f"{AS}:9: « niveau » doit être un nombre entier (reçu « quatre »)",
        id="int-type",
    ),
    pytest.param(
        edit(AS, "    duree: 12 mois\n", ""),
        f"{AS}:8: champ obligatoire « duree » manquant dans « formations »",
        id="nested-required",
    ),
    pytest.param(
        edit(AS, "    voies: [formation-initiale, apprentissage, vae]", "    voies: [initiale]"),
        f"{AS}:11: valeur « initiale » inconnue pour « voies » (valeurs permises : formation-initiale, "
        "apprentissage, formation-continue, vae) — vouliez-vous dire « formation-initiale » ?",
        id="voies",
    ),
    pytest.param(
        edit(AS, "niveau_acces: sans-diplome", "niveau_acces: sans-diplome\ncode_rome: J15O1"),
        f"{AS}:7: « code_rome » doit être une lettre de A à N puis 4 chiffres, ex. J1501 (reçu « J15O1 »)",
        id="pattern",
    ),
    pytest.param(
        edit(AS, "    voies: [formation-initiale, apprentissage, vae]", "    voies: [vae]\n    rncp: 35830"),
        f"{AS}:12: « rncp » doit être « RNCP » suivi de chiffres, ex. RNCP35830 (reçu « 35830 »)",
        id="rncp-pattern",
    ),
    pytest.param(
        edit(
            "content/metiers/infirmier.md",
            "formations:\n  - diplome: Diplôme d'État d'infirmier\n"
            "    niveau: 6\n    duree: 3 ans\n    voies: [formation-initiale, formation-continue]\n",
            "formations: []\n",
        ),
        "content/metiers/infirmier.md:7: « formations » ne peut être vide que si « niveau_acces » vaut sans-diplome",
        id="formations-empty",
    ),
    pytest.param(
        edit(AS, "  - metier: infirmier", "  - metier: infirmer"),
        f"{AS}:13: métier « infirmer » inconnu — vouliez-vous dire « infirmier » ?",
        id="unknown-edge",
    ),
    pytest.param(
        edit(AS, "  - metier: infirmier", "  - metier: aide-soignant"),
        f"{AS}:13: une fiche ne peut pas mener à elle-même",
        id="self-loop",
    ),
    pytest.param(
        edit(
            AS, "    comment: Trois ans d'IFSI.", "    comment: Trois ans.\n  - metier: infirmier\n    comment: Encore."
        ),
        f"{AS}:15: passerelle vers « infirmier » écrite deux fois",
        id="duplicate-edge",
    ),
    pytest.param(
        edit("content/metiers/infirmier.md", "niveau_acces: bac", "niveau_acces: bac\nbrouillon: true"),
        f"{AS}:13: le métier « infirmier » est un brouillon : il ne sera pas publié, retirez ce lien ou "
        "publiez la fiche",
        id="edge-to-draft",
    ),
    pytest.param(
        edit(AS, "niveau_acces: sans-diplome", "niveau_acces: sans-diplome\nsalaire:\n  debut_brut_mensuel: 1800"),
        f"{AS}:7: « salaire » : un chiffre doit avoir sa source et son année (source, annee manquant)",
        id="figure-without-source",
    ),
    pytest.param(
        edit(
            AS,
            "niveau_acces: sans-diplome",
            "niveau_acces: sans-diplome\nliens:\n  - titre: ONISEP\n    url: www.onisep.fr",
        ),
        f"{AS}:9: « url » doit être une adresse complète commençant par https:// (reçu « www.onisep.fr »)",
        id="url",
    ),
    pytest.param(
        edit(AS, "niveau_acces: sans-diplome", "niveau_acces: sans-diplome\nimage: /images/a.jpg"),
        f'{AS}:7: « image_alt » est obligatoire avec « image » (écrivez image_alt: "" seulement si '
        "l'image est décorative)",
        id="image-alt",
    ),
    pytest.param(
        edit(AS, "niveau_acces: sans-diplome", "niveau_acces: sans-diplome\nbrouillon: peut-être"),
        f"{AS}:7: « brouillon » doit valoir true ou false (reçu « peut-être »)",
        id="bool",
    ),
    pytest.param(
        {"content/metiers/apres-le-bac.md": BASE_FILES["content/metiers/infirmier.md"]},
        "content/metiers/apres-le-bac.md:1: le nom « apres-le-bac » est réservé à une page du site ; "
        "renommez le fichier",
        id="reserved-slug",
    ),
    pytest.param(
        {"content/metiers/Infirmier-Coordinateur.md": BASE_FILES["content/metiers/infirmier.md"]},
        "content/metiers/Infirmier-Coordinateur.md:1: nom de fichier invalide : minuscules sans accents, "
        "chiffres et tirets seulement — vouliez-vous dire « infirmier-coordinateur.md » ?",
        id="slug",
    ),
    pytest.param(
        edit(TE, "metier: aide-soignant", "metier: aide-soigant"),
        f"{TE}:5: métier « aide-soigant » inconnu — vouliez-vous dire « aide-soignant » ?",
        id="testimonial-metier",
    ),
    pytest.param(
        edit(TE, "date: 2026-01-10", "date: 2026-02-30"),
        f"{TE}:6: « date » : date « 2026-02-30 » impossible : le 30 février 2026 n'existe pas "
        "(février 2026 compte 28 jours)",
        id="impossible-date",
    ),
    pytest.param(
        edit(TE, "  - annee: 2022", "  - annee: 2017"),
        f"{TE}:11: étapes du parcours dans le désordre : 2017 vient après 2019 ; rangez-les de la plus "
        "ancienne à la plus récente",
        id="parcours-order",
    ),
    pytest.param(
        edit(TE, "date: 2026-01-10", "date: 2026-01-10\ndepartement: 99"),
        f'{TE}:7: « departement » doit être un code de département de France, entre guillemets, ex. "62", "2A" '
        'ou "974" (reçu « 99 »)',
        id="departement",
    ),
    pytest.param(
        edit(EV, "type: job-dating", "type: jobdating"),
        f"{EV}:4: valeur « jobdating » inconnue pour « type » (valeurs permises : job-dating, salon, forum, "
        "atelier, portes-ouvertes, information-collective, visite, conference, concours, autre) — "
        "vouliez-vous dire « job-dating » ?",
        id="event-type",
    ),
    pytest.param(
        edit(EV, 'fin: "2027-03-12T17:00"', 'fin: "2027-03-12T11:00"'),
        f"{EV}:6: « fin » est avant « debut »",
        id="end-before-start",
    ),
    pytest.param(
        edit(EV, 'fin: "2027-03-12T17:00"', "fin: 2027-03-11"),
        f"{EV}:6: « fin » est avant « debut »",
        id="end-day-before-start",
    ),
    pytest.param(
        edit(EV, 'debut: "2027-03-12T14:00"', 'debut: "le 12 mars"'),
        f"{EV}:5: « debut » : date « le 12 mars » sans année : écrivez l'année devant, AAAA-03-12",
        id="unreadable-date",
    ),
    pytest.param(
        edit(EV, 'debut: "2027-03-12T14:00"', 'debut: "2027-03-28T02:30"\nprecision_date: jour'),
        f"{EV}:5: « debut » : l'heure 02:30 n'existe pas le 28/03/2027 à Paris (passage à l'heure d'été) ; "
        "choisissez une autre heure",
        id="dst-gap",
    ),
    pytest.param(
        edit(EV, 'lieu:\n  nom: Salle des fêtes\n  code_postal: "62000"\n  commune: Arras\n', ""),
        f"{EV}:1: champ obligatoire « lieu » manquant (ou indiquez « en_ligne: true »)",
        id="lieu-required",
    ),
    pytest.param(
        edit(EV, '  code_postal: "62000"', "  code_postal: 6200"),
        f'{EV}:9: « code_postal » doit être 5 chiffres, entre guillemets, ex. "62000" (reçu « 6200 »)',
        id="postcode",
    ),
    pytest.param(
        edit(EV, "  commune: Arras\n", ""),
        f"{EV}:7: champ obligatoire « commune » manquant dans « lieu »",
        id="lieu-commune",
    ),
    pytest.param(
        edit(EV, "metiers: [aide-soignant]", "metiers: [aide-soignante]"),
        f"{EV}:13: métier « aide-soignante » inconnu — vouliez-vous dire « aide-soignant » ?",
        id="event-metiers",
    ),
    pytest.param(
        edit(EV, "publics: [demandeurs-emploi]", "publics: [demandeurs-d-emploi]"),
        f"{EV}:12: valeur « demandeurs-d-emploi » inconnue pour « publics » (valeurs permises : collegiens, "
        "lyceens, etudiants, demandeurs-emploi, salaries, familles, enseignants, employeurs, tous) — "
        "vouliez-vous dire « demandeurs-emploi » ?",
        id="event-publics",
    ),
    pytest.param(
        edit(EV, "metiers: [aide-soignant]", "metiers: [aide-soignant]\ninscription: inscription@x.fr"),
        f"{EV}:14: « inscription » doit être une adresse complète commençant par https:// (reçu « inscription@x.fr »)",
        id="event-url",
    ),
    pytest.param(
        edit(EV, "organisateur: France Travail\n", ""),
        f"{EV}:1: champ obligatoire « organisateur » manquant",
        id="organisateur",
    ),
    pytest.param(
        edit("content/pages/a-propos.md", "resume: À propos.", "resume: À propos.\nalias: [/apropos]"),
        "content/pages/a-propos.md:4: « alias » doit être une adresse du site qui commence et finit par "
        "« / », sans segment « . » ni « .. », ex. /metiers/ancien-nom/ (reçu « /apropos »)",
        id="alias-format",
    ),
    pytest.param(
        edit("content/pages/a-propos.md", "resume: À propos.", "resume: À propos.\nalias: [/metiers/infirmier/]"),
        "content/pages/a-propos.md:4: l'ancienne adresse /metiers/infirmier/ est celle d'une page existante "
        "(content/metiers/infirmier.md)",
        id="alias-hides-page",
    ),
    pytest.param(
        edit("content/pages/a-propos.md", "titre: À propos", "titre: « À COMPLÉTER »"),
        "content/pages/a-propos.md:2: « titre » : remplacez « À COMPLÉTER » par le vrai contenu",
        id="placeholder",
    ),
    pytest.param(
        {"content/pages/notes.md": "Pas d'en-tête\n"},
        "content/pages/notes.md:1: le fichier doit commencer par un en-tête YAML encadré par deux lignes « --- »",
        id="no-front-matter",
    ),
    pytest.param(
        {"site.yaml": "titre: T\n"}, "site.yaml:1: champ obligatoire « description » manquant", id="site-yaml-key"
    ),
    pytest.param({"site.yaml": None}, "site.yaml:1: fichier site.yaml introuvable", id="site-yaml-missing"),
]


@pytest.mark.parametrize("overrides, expected", CASES)
def test_rule(make_site: MakeSite, overrides: dict[str, str | None], expected: str) -> None:
    errors = errors_of(make_site, overrides)
    assert any(e == expected or e.startswith(expected) for e in errors), "\n".join(errors)


BROKEN_METIER = """\
---
titre: Aide-soignant
resume: Aide.
lieux: [hopitaux]
publics: [personnes-agees]
niveau_acces: sans-diplome
code_rome: J15O1
formations:
  - diplome: DEAS
    niveau: 9
    duree: 12 mois
    voies: [vae]
evolution:
  - metier: infirmier
---
"""

BROKEN_EVENT = """\
---
titre: Forum
resume: Forum.
type: forum-des-metiers
debut: 2027-02-30
lieu:
  nom: Salle
  code_postal: 6200
  commune: Arras
organisateur: Ville
publics: [tous]
metiers: [infirmer]
inscription: www.example.org
---
"""


def test_a_dozen_mistakes_in_several_files_are_all_reported_in_one_run(make_site: MakeSite) -> None:
    errors = errors_of(
        make_site,
        {
            AS: BROKEN_METIER,
            EV: BROKEN_EVENT,
            TE: BASE_FILES[TE].replace("metier: aide-soignant", "metier: aide-soigant").replace("2022", "2017"),
            "content/pages/a-propos.md": "---\ntitre: À propos\nresume: " + "x" * 210 + "\n---\n",
        },
    )
    assert errors == [
        "content/evenements/job-dating-arras.md:4: valeur « forum-des-metiers » inconnue pour « type » (valeurs "
        "permises : job-dating, salon, forum, atelier, portes-ouvertes, information-collective, visite, conference, "
        "concours, autre) — vouliez-vous dire « forum » ?",
        "content/evenements/job-dating-arras.md:5: « debut » : date « 2027-02-30 » impossible : le 30 février 2027 "
        "n'existe pas (février 2027 compte 28 jours)",
        "content/evenements/job-dating-arras.md:8: « code_postal » doit être 5 chiffres, entre guillemets, ex. "
        '"62000" (reçu « 6200 »)',
        "content/evenements/job-dating-arras.md:12: métier « infirmer » inconnu — vouliez-vous dire « infirmier » ?",
        "content/evenements/job-dating-arras.md:13: « inscription » doit être une adresse complète commençant par "
        "https:// (reçu « www.example.org »)",
        "content/metiers/aide-soignant.md:4: valeur « hopitaux » inconnue pour « lieux » (valeurs permises : "
        "domicile, etablissement, hopital) — vouliez-vous dire « hopital » ?",
        "content/metiers/aide-soignant.md:7: « code_rome » doit être une lettre de A à N puis 4 chiffres, "
        "ex. J1501 (reçu « J15O1 »)",
        "content/metiers/aide-soignant.md:10: « niveau » doit être compris entre 3 et 8 (reçu 9)",
        "content/metiers/aide-soignant.md:13: champ « evolution » inconnu — vouliez-vous dire « evolutions » ?",
        "content/pages/a-propos.md:3: « resume » fait 210 caractères, 200 au plus",
        "content/temoignages/lea-aide-soignante.md:5: métier « aide-soigant » inconnu — vouliez-vous dire "
        "« aide-soignant » ?",
        "content/temoignages/lea-aide-soignante.md:11: étapes du parcours dans le désordre : 2017 vient après "
        "2019 ; rangez-les de la plus ancienne à la plus récente",
    ]


def test_warnings_do_not_fail_the_load(make_site: MakeSite) -> None:
    isole = BASE_FILES["content/metiers/infirmier.md"].replace("titre: Infirmier ou infirmière", "titre: Isolé")
    root = make_site({"content/metiers/isole.md": isole})
    site = load_site(root, BUILD_DATE)
    inline = "avertissement : « formations » décrit les formations dans la fiche : créez-les dans content/formations/"
    assert [w.format() for w in site.warnings if inline not in w.format()] == [
        "content/metiers/isole.md:1: avertissement : ce métier n'a aucune passerelle : ajoutez des « evolutions » "
        "ici ou dans une autre fiche"
    ]


def test_inline_formations_still_build_with_a_warning_pointing_to_the_new_collection(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    assert [w.format() for w in site.warnings] == [
        f"{path}:7: avertissement : « formations » décrit les formations dans la fiche : créez-les dans "
        "content/formations/ et nommez-les dans « certifications » (voir le guide de rédaction)"
        for path in (AS, "content/metiers/infirmier.md")
    ]
    assert [r.duree_min for r in site.parcours.of("aide-soignant", "sans-diplome")] == [12]


FORMATION = "content/formations/deas.md"
DEAS = """\
---
titre: Diplôme d'État d'aide-soignant
resume: DEAS.
sigle: DEAS
niveau: 4
duree_mois_min: 10
duree_mois_max: 18
voies: [formation-initiale, formation-continue]
conditions:
  - age_min: 17
    diplome_requis:
      certifications: [bac-pro]
allegements:
  - depuis: bac-pro
    effet: Allégé.
---
Texte.
"""
BAC = """\
---
titre: Bac pro
resume: Bac.
bac: true
duree_mois_min: 36
duree_mois_max: 36
voies: [formation-initiale]
---
Texte.
"""
WITH_CERTS = {
    AS: BASE_FILES[AS].replace(
        "formations:\n  - diplome: Diplôme d'État d'aide-soignant (DEAS)\n    niveau: 4\n    duree: 12 mois\n"
        "    voies: [formation-initiale, apprentissage, vae]\n",
        "certifications: [deas]\n",
    ),
    FORMATION: DEAS,
    "content/formations/bac-pro.md": BAC,
}


@pytest.mark.parametrize(
    "overrides, expected",
    [
        pytest.param(
            {AS: WITH_CERTS[AS].replace("certifications: [deas]", "certifications: [dea]")},
            f"{AS}:7: certification « dea » inconnue — vouliez-vous dire « deas » ?",
            id="unknown-certification",
        ),
        pytest.param(
            {FORMATION: DEAS.replace("certifications: [bac-pro]", "certifications: [bac-prp]")},
            f"{FORMATION}:12: certification « bac-prp » inconnue — vouliez-vous dire « bac-pro » ?",
            id="unknown-prerequisite",
        ),
        pytest.param(
            {
                "content/formations/bac-pro.md": BAC.replace(
                    "voies:", "conditions:\n  - diplome_requis:\n      certifications: [deas]\nvoies:"
                )
            },
            "content/formations/bac-pro.md:7: cycle entre certifications : bac-pro → deas → bac-pro",
            id="cycle",
        ),
        pytest.param(
            {FORMATION: DEAS.replace("allegements:\n  - depuis: bac-pro", "allegements:\n  - depuis: deas")},
            f"{FORMATION}:14: une formation ne peut pas alléger elle-même",
            id="self-allegement",
        ),
        pytest.param(
            {FORMATION: DEAS.replace("duree_mois_min: 10\nduree_mois_max: 18\n", "")},
            f"{FORMATION}:1: durée manquante : indiquez « duree_mois_min » et « duree_mois_max » "
            "(ou « duree_variable: true » si chaque organisme la fixe)",
            id="missing-duration",
        ),
        pytest.param(
            {FORMATION: DEAS.replace("duree_mois_max: 18", "duree_mois_max: 8")},
            f"{FORMATION}:7: « duree_mois_max » (8) est plus petit que « duree_mois_min » (10)",
            id="duration-order",
        ),
        pytest.param(
            {
                FORMATION: DEAS.replace(
                    "  - age_min: 17\n", "  - age_min: 17\n    experience:\n      metiers: [agent]\n"
                )
            },
            f"{FORMATION}:12: métier « agent » inconnu",
            id="unknown-metier-in-experience",
        ),
        pytest.param(
            {FORMATION: DEAS.replace("    effet: Allégé.", "    effet: Allégé.\n    duree_mois_min: 6")},
            f"{FORMATION}:14: allègement : donnez « duree_mois_min » et « duree_mois_max », ou aucun",
            id="allegement-half-duration",
        ),
        pytest.param(
            {
                AS: WITH_CERTS[AS].replace(
                    "certifications: [deas]",
                    "certifications: [deas]\nexperience_requise:\n  mois: 24\n  metiers: [infirmer]",
                )
            },
            f"{AS}:10: métier « infirmer » inconnu — vouliez-vous dire « infirmier » ?",
            id="unknown-metier-in-experience-requise",
        ),
        pytest.param(
            {AS: WITH_CERTS[AS].replace("certifications: [deas]", "")},
            f"{AS}:1: champ obligatoire « certifications » manquant (ou « formations », l'ancienne forme)",
            id="certifications-required",
        ),
    ],
)
def test_certification_rules(make_site: MakeSite, overrides: dict[str, str | None], expected: str) -> None:
    errors = errors_of(make_site, {**WITH_CERTS, **overrides})
    assert expected in errors, "\n".join(errors)


def test_a_metier_no_starting_point_reaches_is_a_warning(make_site: MakeSite) -> None:
    closed = DEAS.replace("voies: [formation-initiale, formation-continue]", "voies: [vae]")
    site = load_site(make_site({**WITH_CERTS, FORMATION: closed}), BUILD_DATE)
    assert any(
        w.path == AS and "aucun parcours ne mène à ce métier depuis les situations de départ" in w.message
        for w in site.warnings
    )
    ok = load_site(make_site({**WITH_CERTS}), BUILD_DATE)
    assert [r.certifications for r in ok.parcours.of("aide-soignant", "apres-la-3e")] == [("bac-pro", "deas")]


def test_valid_base_site_loads(make_site: MakeSite) -> None:
    site = load_site(make_site(), BUILD_DATE)
    assert [m.slug for m in site.metiers] == ["aide-soignant", "infirmier"]
